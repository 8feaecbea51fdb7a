"""The public fast path: the look-ups opened most, each registered once, in LOOKUPS below.

A QR code opens /v/<id>; an employer's system asks /api/v1/public/social-workers/<number>. Each
is one `FastLookup`: its address and URL name, its per-visitor limit, `answer` (the page or JSON
drawn from the rows read now) and `reused` (that same answer when it was already made for the
same rows, the same day and language), and, for an API address, how the OpenAPI document
describes it. The rest follows from the registration:

- `urlpatterns`: each address served by Django directly, GET only, behind its limit (config/urls.py
  routes them first: URLs are tried in order, and these are requested far more often than
  anything else);
- `ReusedAnswerMiddleware` asks `reused` for these addresses only, ahead of the middleware that
  concern sessions, sign-in, CSRF and staff;
- portal/api.py documents each API look-up under its address with its `api` description. ninja's
  own dispatch of it is never reached: its handling of a request (URL resolution, parameter
  models, throttle objects) cost about as much as the look-up itself.

To follow one public GET, read this file, portal/registers.py (the rows read, as named tuples)
and core/prepared.py (their queries, compiled once). core/pagecache.py keeps the answers made.
"""

from __future__ import annotations

import datetime
import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from csp.middleware import CSPMiddleware
from django.db import DatabaseError
from django.http import HttpResponse, JsonResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.shortcuts import render
from django.urls import URLResolver, path
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RegexPattern
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET
from pydantic import BaseModel

from core import pagecache
from core.dates import register_day
from core.ratelimit import AddressLimit, public_rate_limit
from credentials.converters import VerificationId  # noqa: F401  (registers <verification_id:…>)

from . import lookups, registers

logger = logging.getLogger(__name__)

# --- the registration ------------------------------------------------------------------------

# Where the API's public router is mounted (config/api.py, config/urls.py); a test holds the
# documented and the routed addresses to each other.
API_PREFIX = "api/v1/public"


@dataclass(frozen=True)
class ApiDoc:
    """How the OpenAPI document describes an API look-up (its path under API_PREFIX)."""

    path: str
    summary: str
    description: str
    responses: dict
    operation_id: str


def _get_only(view: Callable[..., HttpResponse], *, json: bool) -> Callable[..., HttpResponse]:
    if not json:
        return require_GET(view)

    @functools.wraps(view)
    def get_only(request, *args, **kwargs):
        if request.method != "GET":
            response = JsonResponse({"detail": _("Only GET is allowed at this address.")}, status=405)
            response["Allow"] = "GET"
            return response
        return view(request, *args, **kwargs)

    return get_only


@dataclass(frozen=True)
class FastLookup:
    """One public look-up served on the fast path. `answer(request, **kwargs)` draws the answer
    (the limit is already counted); `reused(request, **kwargs)` is the same answer when it is
    already made for the rows read now, else None (the view then draws it from the same read)."""

    name: str
    route: str
    limit: tuple[str, str]  # (group, rate): shared with every address of the same group
    answer: Callable[..., HttpResponse]
    reused: Callable[..., HttpResponse | None]
    json: bool = False
    api: ApiDoc | None = None
    view: Callable[..., HttpResponse] = field(init=False, repr=False, compare=False)
    rate_limit: AddressLimit = field(init=False, repr=False, compare=False)  # the view's own

    def __post_init__(self):
        # GET only, and CSRF-exempt so that another method is told 405 (JSON for the API) instead
        # of meeting the CSRF check's 403 page: nothing here changes anything.
        view = csrf_exempt(_get_only(public_rate_limit(*self.limit, json=self.json)(self.answer), json=self.json))
        object.__setattr__(self, "view", view)
        object.__setattr__(self, "rate_limit", view.rate_limit)

    @property
    def prefix(self) -> str:
        """The fixed start of the address: the middleware looks no further for other addresses."""
        return "/" + self.route.split("<", 1)[0]

    def reused_answer(self, request, **kwargs) -> HttpResponse | None:
        # Counted here, once per request: the view's own check finds the same count.
        if self.rate_limit.check(request) is not None:
            return None
        return self.reused(request, **kwargs)


# --- /v/<id>: a QR code's verification page ---------------------------------------------------


def _verification(request, public_id: str) -> registers.VerificationRow | None:
    return pagecache.read_once(request, "verification", public_id, lambda: registers.read_verification(public_id))


def _sanctions(request, row: registers.VerificationRow, day: datetime.date) -> tuple:
    return pagecache.read_once(request, "sanctions", (row.holder_id, day), lambda: registers.read_public_sanctions(row, day))


def _checked_live(response: HttpResponse) -> HttpResponse:
    # Checked live: a browser must not show a status it kept from an earlier visit.
    response["Cache-Control"] = "private, no-cache"
    return response


def verification_page(request, public_id: str) -> HttpResponse:
    """One of three answers: valid, invalid (with the status and its public reason), or, when the
    register cannot be read, that validity cannot be checked now (503), never "invalid"."""
    try:
        return _verification_answer(request, public_id)
    except DatabaseError:
        logger.exception("Credential %s could not be read for its verification page", public_id[:32])
        response = render(request, "credentials/cannot_check.html", {"public_id": public_id[:32]}, status=503)
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        return response


def _answer(status: str | None) -> str:
    return "valid" if status == "valid" else "invalid"


def _verification_answer(request, public_id: str) -> HttpResponse:
    row = _verification(request, public_id)
    if row is None:
        response = render(request, "credentials/not_found.html", {"public_id": public_id[:32]}, status=404)
        # A code not found now may be issued later (or found once the database is back).
        response["Cache-Control"] = "no-store"
        return response
    raw_day = request.GET.get("tanggal", "").strip() if request.META.get("QUERY_STRING") else ""
    if not raw_day:
        today = register_day()

        sanctions = _sanctions(request, row, today)

        def page_context():
            credential = row.credential()
            status = credential.current_status(today)
            return {"credential": credential, "status": status, "answer": _answer(status), "sanctions": sanctions}

        # Everything the page shows follows from the rows as read now and from today's date (a
        # valid credential past its end date reads as expired), so the page is reused for them.
        response = pagecache.render_public(request, "credentials/verify.html", page_context, content_key=(row, sanctions, today))
    else:
        credential = row.credential()
        status = credential.current_status()
        context = {
            "credential": credential,
            "status": status,
            "answer": _answer(status),
            "sanctions": _sanctions(request, row, register_day()),
        }
        try:
            day = datetime.date.fromisoformat(raw_day)
        except ValueError:
            context["date_error"] = _("Write the date as YYYY-MM-DD, e.g. 2025-01-31.")
        else:
            context["checked_day"] = day
            context["status_on_day"] = credential.status_on(day)
            context["answer_on_day"] = _answer(credential.status_on(day))
        response = render(request, "credentials/verify.html", context)
    return _checked_live(response)


def reused_verification_page(request, public_id: str) -> HttpResponse | None:
    """Not for a date asked about (a page drawn from the credential's history)."""
    if request.META.get("QUERY_STRING"):
        return None
    row = _verification(request, public_id)
    if row is None:
        return None
    today = register_day()
    sanctions = _sanctions(request, row, today)
    body = pagecache.reused_public(request, "credentials/verify.html", content_key=(row, sanctions, today))
    return None if body is None else _checked_live(HttpResponse(body))


# --- /api/v1/public/social-workers/<number>: one social worker by member number ------------------

JSON = "application/json; charset=utf-8"
# One limit per visitor for the whole public register, whichever of its addresses is asked.
REGISTER_LIMIT = ("public_register", "120/m")


# The answers are plain pydantic models, not ninja Schemas: they are handed dicts, and a Schema
# wraps every nested value for attribute access first, which cost more than the look-up.
class PublicCredential(BaseModel):
    # No verification (/v/) id: a credential's is known to whoever holds its document (the QR
    # code), and a register answer handing them out would let counting numbers collect them all.
    type: str
    type_label: str
    number: str
    holder: str
    issuer: str
    valid_from: str
    valid_until: str | None
    status: str
    status_reason: str
    status_reason_code: str
    claims: dict


class PublicSanctionOut(BaseModel):
    # The kind, the public reason category and the dates: never the complaint or its grounds.
    kind: str
    kind_label: str
    reason: str
    reason_code: str
    since: str
    until: str | None


class SocialWorkerItem(BaseModel):
    name: str
    number: str
    province: str
    membership_status: str
    membership_status_label: str
    credentials: list[PublicCredential]
    sanctions: list[PublicSanctionOut] = []


class SocialWorkerResults(BaseModel):
    items: list[SocialWorkerItem]


class Message(BaseModel):
    detail: str


def register_items(read: registers.RegisterRead) -> list[dict]:
    """The register's entries as the public API gives them (dates as ISO text)."""
    items = []
    for entry in read.entries():
        item = registers.public_item(entry)
        for credential in item["credentials"]:
            credential["valid_from"] = credential["valid_from"].isoformat()
            credential["valid_until"] = credential["valid_until"].isoformat() if credential["valid_until"] else None
        for sanction in item["sanctions"]:
            sanction["since"] = sanction["since"].isoformat()
            sanction["until"] = sanction["until"].isoformat() if sanction["until"] else None
        items.append(item)
    return items


def _member(request, number: str) -> registers.RegisterRead:
    return pagecache.read_once(request, "member", number, lambda: registers.read_member(number))


def _social_worker_key(read: registers.RegisterRead) -> tuple:
    return ("public-social-worker", read, register_day())


def social_worker(request, number: str) -> HttpResponse:
    if (seconds := lookups.wait(request, number)) is not None:
        return lookups.refusal(request, seconds, json=True)
    read = _member(request, number)
    if not read.members:
        lookups.missed(request)
        return JsonResponse({"detail": _("No social worker has this member number.")}, status=404)
    body = pagecache.reuse(
        _social_worker_key(read), lambda: SocialWorkerItem.model_validate(register_items(read)[0]).model_dump_json().encode()
    )
    return HttpResponse(body, content_type=JSON)


def reused_social_worker(request, number: str) -> HttpResponse | None:
    """Not for a visitor held back by the number look-up guard (portal/lookups.py)."""
    if lookups.wait(request, number) is not None:
        return None
    read = _member(request, number)
    if not read.members:
        return None
    body = pagecache.reused(_social_worker_key(read))
    return None if body is None else HttpResponse(body, content_type=JSON)


# --- the look-ups on the fast path -------------------------------------------------------------

LOOKUPS = (
    FastLookup(
        name="verify",
        route="v/<verification_id:public_id>",
        limit=("verify", "240/m"),  # with the download of the signed form (credentials.views.download)
        answer=verification_page,
        reused=reused_verification_page,
    ),
    FastLookup(
        name="social-worker",
        route=f"{API_PREFIX}/social-workers/<str:number>",
        limit=REGISTER_LIMIT,
        json=True,
        answer=social_worker,
        reused=reused_social_worker,
        api=ApiDoc(
            path="/social-workers/{number}",
            summary="One social worker by IPSPI member number",
            description="The social worker with this member number (e.g. IPSPI.32.2024.00001, as on the card),\n"
            "with their credentials; 404 when no member has it. Public fields only. GET only: another method "
            "answers 405 (JSON).",
            responses={200: SocialWorkerItem, 404: Message},
            operation_id="portal_api_social_worker",
        ),
    ),
)

app_name = "public"
urlpatterns = [path(lookup.route, lookup.view, name=lookup.name) for lookup in LOOKUPS]
REUSED_ANSWER_PATHS = tuple(lookup.prefix for lookup in LOOKUPS)


class ReusedAnswerMiddleware:
    """Answers a look-up of LOOKUPS whose answer for the rows read now is already made, without
    the middleware after this one (settings: right after CommonMiddleware, so the host check,
    HTTPS redirect, security headers and language are done).

    Those concern sessions, sign-in, messages, forms and staff, and a GET without a session or
    messages cookie has none of them; Django's own cache middleware skips them the same way. The
    rows are still read live by the look-up's `reused` (and the visitor's limit counted); when it
    has no answer the request goes down the whole chain as usual. The headers that the skipped
    middleware put on every answer are put on by those same classes.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.resolver = URLResolver(
            RegexPattern(r"^/"), [path(lookup.route, lookup.reused_answer, name=lookup.name) for lookup in LOOKUPS]
        )
        self.finishing = (XFrameOptionsMiddleware(get_response), CSPMiddleware(get_response))

    def __call__(self, request):
        response = self.reused_answer(request)
        if response is None:
            return self.get_response(request)
        # A signed-in visitor gets another page at the same address; the whole chain says so by
        # the session it reads, this answer says it the same way.
        patch_vary_headers(response, ("Cookie",))
        for middleware in self.finishing:
            response = middleware.process_response(request, response)
        return response

    def reused_answer(self, request) -> HttpResponse | None:
        if (
            request.method != "GET"
            or not request.path_info.startswith(REUSED_ANSWER_PATHS)
            or "HTTP_HX_REQUEST" in request.META
            or not pagecache.without_session_or_messages(request)
        ):
            return None
        try:
            match = self.resolver.resolve(request.path_info)
        except Resolver404:
            return None
        try:
            return match.func(request, *match.args, **match.kwargs)
        except DatabaseError:
            # The view reads again and answers as the site does when the database is away.
            return None
