import datetime

from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from ninja import Query, Router, Schema
from pydantic import BaseModel

from core import pagecache
from core.dates import register_day
from core.ratelimit import PerAddressThrottle, public_rate_limit

from . import lookups, registers

# One limit per visitor for the whole public register, whichever of its addresses is asked.
REGISTER_LIMIT = ("public_register", "120/m")
router = Router(tags=["public"], auth=None, throttle=[PerAddressThrottle(REGISTER_LIMIT[1], scope=REGISTER_LIMIT[0])])
JSON = "application/json; charset=utf-8"


# The responses are plain pydantic models, not ninja Schemas: the views hand them dicts, and a
# Schema wraps every nested value for attribute access first, which cost more than the look-up.
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


class SocialWorkerItem(BaseModel):
    name: str
    number: str
    province: str
    membership_status: str
    membership_status_label: str
    credentials: list[PublicCredential]


class SocialWorkerResults(BaseModel):
    items: list[SocialWorkerItem]


class Message(BaseModel):
    detail: str


def _items(read: registers.RegisterRead) -> list[dict]:
    items = []
    for entry in read.entries():
        item = registers.public_item(entry)
        for credential in item["credentials"]:
            credential["valid_from"] = credential["valid_from"].isoformat()
            credential["valid_until"] = credential["valid_until"].isoformat() if credential["valid_until"] else None
        items.append(item)
    return items


def social_worker_results(read: registers.RegisterRead) -> bytes:
    return SocialWorkerResults.model_validate({"items": _items(read)}).model_dump_json().encode()


@router.get("/social-workers", response=SocialWorkerResults, summary="Search the public register of social workers")
def social_workers(request, q: str = "", province: str = ""):
    """By name (partial, case- and accent-insensitive) or IPSPI member number, optionally within a
    province (two-digit Kemendagri code). Public fields only."""
    number = lookups.searched_number(q)
    if number is not None and (seconds := lookups.wait(request, number)) is not None:
        return lookups.refusal(request, seconds, json=True)
    read = registers.read_social_workers(q, province)
    if number is not None and not read.members:
        lookups.missed(request)
    # Read live; the JSON is made again only when a row read or the day (expiry) changed.
    body = pagecache.reuse(("public-social-workers", read, register_day()), lambda: social_worker_results(read))
    return HttpResponse(body, content_type=JSON)


def _member_read(request, number: str) -> registers.RegisterRead:
    return pagecache.read_once(request, "member", number, lambda: registers.read_member(number))


def _social_worker_answer(request, number: str) -> HttpResponse:
    if (seconds := lookups.wait(request, number)) is not None:
        return lookups.refusal(request, seconds, json=True)
    read = _member_read(request, number)
    if not read.members:
        lookups.missed(request)
        return JsonResponse({"detail": _("No social worker has this member number.")}, status=404)
    body = pagecache.reuse(
        ("public-social-worker", read, register_day()),
        lambda: SocialWorkerItem.model_validate(_items(read)[0]).model_dump_json().encode(),
    )
    return HttpResponse(body, content_type=JSON)


@router.get(
    "/social-workers/{number}", response={200: SocialWorkerItem, 404: Message}, summary="One social worker by IPSPI member number"
)
def social_worker(request, number: str):
    """The social worker with this member number (e.g. IPSPI.32.2024.00001, as on the card),
    with their credentials; 404 when no member has it. Public fields only."""
    return _social_worker_answer(request, number)


@require_GET
@public_rate_limit(*REGISTER_LIMIT, json=True)
def social_worker_by_number(request, number: str) -> HttpResponse:
    """`social_worker` above, served by Django directly (config/urls.py puts it ahead of the
    API): a QR code or an employer's system asks for one member number far more often than
    anything else, and ninja's handling of a request (its own URL resolution, parameter models,
    throttle objects) cost as much as the look-up. Same limit, same answer, same schema."""
    return _social_worker_answer(request, number)


def reused_social_worker(request, number: str) -> HttpResponse | None:
    """`social_worker_by_number`'s answer when the JSON for the rows read now is already made;
    None when the view has to answer. Called by core.middleware.ReusedPublicAnswerMiddleware."""
    if social_worker_by_number.rate_limit.check(request) is not None or lookups.wait(request, number) is not None:
        return None
    read = _member_read(request, number)
    if not read.members:
        return None
    body = pagecache.reused(("public-social-worker", read, register_day()))
    return None if body is None else HttpResponse(body, content_type=JSON)


social_worker_by_number.reused_answer = reused_social_worker


class LksAccreditation(BaseModel):
    grade: str
    valid_from: datetime.date
    valid_until: datetime.date | None
    status: str
    certificate_number: str | None


class LksCredential(BaseModel):
    id: str
    type: str
    verification_url: str


class LksItem(BaseModel):
    name: str
    regency: str
    province: str
    target_groups: list[str]
    accreditation: LksAccreditation | None
    credentials: list[LksCredential]


class LksResults(BaseModel):
    items: list[LksItem]


class LksQuery(Schema):
    q: str = ""
    regency: str = ""
    target_group: str = ""


@router.get("/lks", response=LksResults, summary="Search the public register of accredited institutions (LKS)")
def lks(request, filters: Query[LksQuery]):
    """By name (partial, accent-insensitive), regency/city code (e.g. 32.73) or target group
    code (e.g. anak). Each item carries its current accreditation: grade, validity, status."""
    return {"items": [registers.lks_item(i) for i in registers.search_lks(filters.q, filters.regency, filters.target_group)]}
