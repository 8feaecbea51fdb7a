"""Member-number look-ups, limited so that counting through the numbers does not list the
register (core/harvesting.py): the API's number look-up, and the register page and API search
when what is searched is a member number."""

from functools import wraps

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.harvesting import SequenceGuard
from registry.models import NUMBER_PATTERN

from .registers import MAX_QUERY_LENGTH, clean_query

NUMBER_LOOKUPS = SequenceGuard(
    "number-lookup",
    nearby_setting="PEKSOS_NUMBER_LOOKUP_NEARBY",
    gap_setting="PEKSOS_NUMBER_LOOKUP_NEARBY_GAP",
    misses_setting="PEKSOS_NUMBER_LOOKUP_MISSES",
)


def searched_number(q: str | None) -> str | None:
    """The member number a search asks for (as read_social_workers reads it), else None."""
    number = clean_query(q).upper()
    return number if NUMBER_PATTERN.match(number) else None


def wait(request, number: str) -> float | None:
    """Counted before looking `number` up (once per request): None, or the seconds the visitor's
    address must wait. A string that is no member number can only be a miss."""
    number = number.strip().upper()
    if len(number) <= MAX_QUERY_LENGTH and NUMBER_PATTERN.match(number):
        series, _dot, serial = number.rpartition(".")
        return NUMBER_LOOKUPS.check(request, series, int(serial))
    return NUMBER_LOOKUPS.check(request, None, None)


def missed(request) -> None:
    """After a number look-up that found no member."""
    NUMBER_LOOKUPS.missed(request)


def refusal(request, seconds: float, *, json: bool) -> HttpResponse:
    message = _("Too many member-number look-ups from your address in a short time. Please try again later.")
    response: HttpResponse
    if json:
        response = JsonResponse({"detail": message}, status=429)
    else:
        response = render(request, "core/rate_limited.html", {"message": message}, status=429)
    response["Retry-After"] = str(max(1, round(seconds)))
    return response


def refuse_number_harvesting(view):
    """For a page that searches `q`: refused (outside any cache headers the view sets) when `q`
    is a member number and the visitor's address is past its number look-ups."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        number = searched_number(request.GET.get("q"))
        if number is not None and (seconds := wait(request, number)) is not None:
            return refusal(request, seconds, json=False)
        return view(request, *args, **kwargs)

    return wrapped
