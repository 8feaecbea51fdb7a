"""The STR's renewal checklist (core.renewals, kind "str"): a valid competency certificate for
the new period, paid dues, the CPD credits of the ending period, a new health statement and the
two statements of UU 14/2019 Pasal 29 (the last two come with the renewal application). The
holder reads it from the window's opening, the DPP beside the decision, officers in the list of
STRs ending without renewal."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from certification.models import Certificate
from core import renewals
from core.dates import format_id

from .models import Licence, Status, Str, StrApplication

KIND = "str"


def _waiting_renewal(str_record: Str) -> StrApplication | None:
    return (
        StrApplication.objects.filter(renewal_of=str_record)
        .exclude(status=StrApplication.State.REJECTED)
        .order_by("-submitted_at")
        .first()
    )


def _certificate(str_record: Str, day: datetime.date) -> tuple[bool, str]:
    # The new STR starts the day after the old one ends and never outlasts its certificate.
    starts = max(str_record.valid_until + datetime.timedelta(days=1), day)
    if Certificate.objects.valid_for(str_record.person, starts).exists():
        return True, ""
    return False, _("no competency certificate valid on %(date)s: renew the certificate first") % {"date": format_id(starts)}


def _dues(str_record: Str, day: datetime.date) -> tuple[bool, str]:
    from registry.models import Member
    from registry.renewals import membership_in_good_standing

    member = Member.objects.filter(person_id=str_record.person_id).prefetch_related("invoices").first()
    return membership_in_good_standing(member, day)


def _cpd(str_record: Str, day: datetime.date) -> tuple[bool, str]:
    from registry import cpd

    return cpd.standing(str_record.person, day, period=(str_record.valid_from, str_record.valid_until)).checklist_item()


def _health_statement(str_record: Str, day: datetime.date) -> tuple[bool, str]:
    application = _waiting_renewal(str_record)
    if application is not None and application.health_statement:
        return True, ""
    return False, _("attach a new one with the renewal application")


def _statements(str_record: Str, day: datetime.date) -> tuple[bool, str]:
    application = _waiting_renewal(str_record)
    if application is not None and application.oath_taken and application.code_of_ethics:
        return True, ""
    return False, _("made with the renewal application")


CHECKS = {
    "certificate_valid": renewals.Check(gettext_lazy("Valid competency certificate"), _certificate),
    "dues_paid": renewals.Check(gettext_lazy("Dues paid up to date"), _dues),
    "cpd_credits": renewals.Check(gettext_lazy("CPD credits of the period"), _cpd),
    "health_statement": renewals.Check(gettext_lazy("New physical and mental health statement"), _health_statement),
    "statements": renewals.Check(gettext_lazy("Oath and code of ethics statements"), _statements),
}


def str_checklist(str_record: Str, day: datetime.date, codes=None) -> renewals.Checklist:
    return renewals.checklist(KIND, str_record, day, CHECKS, codes)


def renewed(str_record: Str) -> bool:
    return StrApplication.objects.filter(renewal_of=str_record, status=StrApplication.State.ISSUED).exists()


def renewal_due(str_record: Str, today: datetime.date, window_days: int = renewals.WINDOW_DAYS) -> bool:
    """Valid, in its window and not renewed yet: the holder's page shows the checklist."""
    return (
        str_record.status == Status.VALID
        and renewals.window_open(str_record.valid_until, today, window_days)
        and str_record.valid_until >= today
        and not renewed(str_record)
    )


def _ending_without_renewal(records, *, today, kind, checklist_of, renewed, related):
    """Records (already scoped) ending within the window, not renewed, whose checklist is not
    complete: an officers' list. One checklist read per row, as the holder's page reads it."""
    codes = renewals.requirements_in_force(kind, today)
    rows = (
        records.filter(
            status=Status.VALID,
            valid_until__gte=today,
            valid_until__lte=today + datetime.timedelta(days=renewals.WINDOW_DAYS),
        )
        .exclude(renewals__status=renewed)
        .select_related(*related)
        .order_by("valid_until", "pk")
    )
    found = []
    for record in rows:
        checklist = checklist_of(record, today, codes)
        if not checklist.complete:
            found.append((record, checklist))
    return found


def ending_without_renewal(strs, *, today: datetime.date) -> list[tuple[Str, renewals.Checklist]]:
    return _ending_without_renewal(
        strs,
        today=today,
        kind=KIND,
        checklist_of=str_checklist,
        renewed=StrApplication.State.ISSUED,
        related=["person__member__province"],
    )


# --- the practice licence (SIPPS) --------------------------------------------------------------

LICENCE = "licence"


def licence_starts(licence, day: datetime.date) -> datetime.date:
    """The renewed licence starts the day after this one ends (on the decision day if it ended)."""
    return max(licence.valid_until + datetime.timedelta(days=1), day)


def _licence_certificate(licence, day: datetime.date) -> tuple[bool, str]:
    starts = licence_starts(licence, day)
    if Certificate.objects.valid_for(licence.person, starts).exists():
        return True, ""
    return False, _("no competency certificate valid on %(date)s: renew the certificate first") % {"date": format_id(starts)}


def _licence_str(licence, day: datetime.date) -> tuple[bool, str]:
    starts = licence_starts(licence, day)
    if Str.objects.valid(starts).filter(person_id=licence.person_id).exists():
        return True, ""
    return False, _("no STR valid on %(date)s: renew the STR first") % {"date": format_id(starts)}


LICENCE_CHECKS = {
    "certificate_valid": renewals.Check(gettext_lazy("Valid competency certificate"), _licence_certificate),
    "str_valid": renewals.Check(gettext_lazy("Valid STR for the new period"), _licence_str),
}


def licence_checklist(licence, day: datetime.date, codes=None) -> renewals.Checklist:
    return renewals.checklist(LICENCE, licence, day, LICENCE_CHECKS, codes)


def licence_renewal_due(licence, today: datetime.date, window_days: int = renewals.WINDOW_DAYS) -> bool:
    """Valid, in its window, ending on or after today and not renewed: the holder's page shows
    the checklist."""
    from .models import LicenceApplication

    return (
        licence.status == Status.VALID
        and renewals.window_open(licence.valid_until, today, window_days)
        and licence.valid_until >= today
        and not LicenceApplication.objects.filter(renewal_of=licence, status=LicenceApplication.State.GRANTED).exists()
    )


def licences_ending_without_renewal(licences, *, today: datetime.date) -> list[tuple[Licence, renewals.Checklist]]:
    from .models import LicenceApplication

    return _ending_without_renewal(
        licences,
        today=today,
        kind=LICENCE,
        checklist_of=licence_checklist,
        renewed=LicenceApplication.State.GRANTED,
        related=["person__member", "authority"],
    )
