import datetime

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from core import pagecache
from core.dates import register_day
from core.ratelimit import public_rate_limit

from . import signing
from .models import Credential, StatusList


@require_GET
@cache_control(public=True, max_age=300)
def jwks(request):
    response = JsonResponse(signing.jwks())
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
@cache_control(public=True, max_age=300)
def status_list(request, purpose):
    if purpose not in StatusList.Purpose.values:
        raise Http404
    response = HttpResponse(signing.status_list_jwt(purpose), content_type="application/vc+jwt")
    response["Access-Control-Allow-Origin"] = "*"
    return response


def status_on(credential: Credential, day: datetime.date) -> str | None:
    """What the credential's status was at the end of `day`, from its history; None if it had
    not been issued yet."""
    if day < credential.valid_from:
        return None
    end_of_day = timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))
    record = credential.history.filter(history_date__lte=end_of_day).order_by("-history_date").first()
    if record is None:
        # Issued after the fact (a back-dated decree, a legacy import): on days from valid_from until
        # it was recorded, it stood as it was issued.
        record = credential.history.order_by("history_date").first()
        if record is None:
            return None
    if record.status == Credential.Status.VALID and credential.valid_until and day > credential.valid_until:
        return Credential.Status.EXPIRED
    return record.status


def _checked_live(response: HttpResponse) -> HttpResponse:
    # Checked live: a browser must not show a status it kept from an earlier visit.
    response["Cache-Control"] = "private, no-cache"
    return response


@require_GET
@public_rate_limit("verify", "240/m")
def verify(request, public_id):
    read = _read_for_verification(request, public_id)
    if read is None:
        return render(request, "credentials/not_found.html", {"public_id": public_id[:32]}, status=404)
    raw_day = request.GET.get("tanggal", "").strip() if request.META.get("QUERY_STRING") else ""
    if not raw_day:
        today = register_day()

        def context():
            credential = read.credential()
            return {"credential": credential, "status": credential.current_status(today)}

        # Everything the page shows follows from the row as read now and from today's date (a
        # valid credential past its end date reads as expired), so the page is reused for them.
        response = pagecache.render_public(request, "credentials/verify.html", context, content_key=(read.row, today))
    else:
        credential = read.credential()
        context = {"credential": credential, "status": credential.current_status()}
        try:
            day = datetime.date.fromisoformat(raw_day)
        except ValueError:
            context["date_error"] = _("Write the date as YYYY-MM-DD, e.g. 2025-01-31.")
        else:
            context["checked_day"] = day
            context["status_on_day"] = status_on(credential, day)
        response = render(request, "credentials/verify.html", context)
    return _checked_live(response)


def _read_for_verification(request, public_id):
    return pagecache.read_once(request, "verification", public_id, lambda: Credential.read_for_verification(public_id))


def reused_verification(request, public_id) -> HttpResponse | None:
    """The verification page exactly as `verify` answers it, when the page for the row read now
    is already rendered; None when the view has to answer (a page to draw, a date asked about, a
    visitor over the limit). Called by core.middleware.ReusedPublicAnswerMiddleware."""
    if request.META.get("QUERY_STRING") or verify.rate_limit.check(request) is not None:
        return None
    read = _read_for_verification(request, public_id)
    if read is None:
        return None
    body = pagecache.reused_public(request, "credentials/verify.html", content_key=(read.row, register_day()))
    return None if body is None else _checked_live(HttpResponse(body))


verify.reused_answer = reused_verification


@require_GET
@public_rate_limit("verify", "240/m")
def download(request, public_id):
    credential = get_object_or_404(Credential, public_id=public_id[:32])
    response = HttpResponse(credential.jwt, content_type="application/vc+jwt")
    response["Content-Disposition"] = f'attachment; filename="{credential.kind}-{credential.public_id}.jwt"'
    return response
