"""Nightly work of licensing (idempotent): STRs and practice licences past their end expire (or
end as renewed), and holders are reminded 90/30/7 days ahead; a reminder names what the renewal
still lacks, and at the last threshold the responsible officers are told too (for an STR the DPD
of the holder's province, for a practice licence the officers of the authority that granted it)."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from core.dates import format_id, format_local
from core.reminders import remind_before


def _message(record, days_left: int) -> tuple[str, str, str]:
    what = record._meta.verbose_name
    subject = _("Your %(what)s %(number)s ends in %(days)s days") % {"what": what, "number": record.number, "days": days_left}
    body = _(
        "Your %(what)s %(number)s is valid until %(date)s. Apply for its renewal in time so that your practice is not interrupted."
    ) % {
        "what": what,
        "number": record.number,
        "date": format_local(record.valid_until),
    }
    return subject, body, "/lisensi/"


def _holder(record: Any) -> list:
    return [record.person.user]


@dataclass(frozen=True)
class _Kind:
    """What differs between reminding an STR holder and a licence holder; the rest is shared."""

    model: Any  # Str or Licence (licensing.models imports this module's app lazily)
    officer_subject: str
    officer_body: str
    officer_url: str
    checklist: Callable
    renewal_due: Callable
    officers: Callable

    def holder_message(self, today: datetime.date) -> Callable:
        def message(record, days_left):
            if not self.renewal_due(record, today):
                return None  # renewed already: the new one starts the day after this one ends
            subject, body, url = _message(record, days_left)
            missing = self.checklist(record, today).missing_text()
            if missing:
                body = f"{body} {_('Still missing: %(missing)s.') % {'missing': missing}}"
            return subject, body, url

        return message

    def officer_message(self, today: datetime.date) -> Callable:
        def message(record, days_left):
            subject = self.officer_subject % {"number": record.number}
            body = self.officer_body % {
                "name": record.person.full_name,
                "number": record.number,
                "date": format_id(record.valid_until),
                "missing": self.checklist(record, today).missing_text() or "—",
            }
            return subject, body, self.officer_url

        return message


def run(*, today: datetime.date, progress=None) -> dict:
    from accounts.models import RoleAssignment
    from accounts.roles import Role
    from registry.renewals import dpd_officers

    from . import renewals, services
    from .models import Licence, Status, Str

    expired = services.expire(today=today)
    horizon = today + datetime.timedelta(days=max(settings.PEKSOS_REMINDER_DAYS))

    def str_officers(record):
        member = getattr(record.person, "member", None) if hasattr(record.person, "member") else None
        return dpd_officers(member.province_id) if member else []

    def licence_officers(record):
        """The licensing officers of the authority that granted the licence (it decides the
        renewal)."""
        return [
            a.user
            for a in RoleAssignment.objects.active(today)
            .for_organisation(record.authority)
            .filter(role=Role.LICENSING_OFFICER, user__is_active=True)
            .select_related("user")
        ]

    kinds = (
        _Kind(
            Str,
            _("STR ends without renewal: %(number)s"),
            _("%(name)s: STR %(number)s ends on %(date)s. Missing: %(missing)s."),
            "/lisensi/str/perpanjangan/",
            renewals.str_checklist,
            renewals.renewal_due,
            str_officers,
        ),
        _Kind(
            Licence,
            _("Practice licence ends without renewal: %(number)s"),
            _("%(name)s: practice licence %(number)s ends on %(date)s. Missing: %(missing)s."),
            "/lisensi/izin/perpanjangan/",
            renewals.licence_checklist,
            renewals.licence_renewal_due,
            licence_officers,
        ),
    )
    reminders = 0
    for kind in kinds:
        ending = kind.model.objects.filter(status=Status.VALID, valid_until__gte=today, valid_until__lte=horizon).select_related(
            "person__user", *(("authority",) if kind.model is Licence else ())
        )
        if progress is not None:
            ending = progress(ending)
        reminders += remind_before(
            ending,
            today=today,
            recipients=_holder,
            message=kind.holder_message(today),
            officers=kind.officers,
            officer_message=kind.officer_message(today),
        )
    from core import rule_gaps

    counts: dict = {"expired": expired, "reminders_sent": reminders}
    errors = rule_gaps.report(services.dated_rules(), today=today)
    if errors:
        counts["errors"] = errors
    return counts
