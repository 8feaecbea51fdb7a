"""Nightly work of licensing (idempotent): STRs and practice licences past their end expire (or
end as renewed), and holders are reminded 90/30/7 days ahead; a reminder names what the renewal
still lacks, and at the last threshold the responsible officers are told too (for an STR the DPD
of the holder's province, for a practice licence the officers of the authority that granted it)."""

import datetime

from django.conf import settings
from django.utils.translation import gettext as _

from core.dates import format_id
from core.reminders import remind_before


def _message(record, days_left: int) -> tuple[str, str, str]:
    what = record._meta.verbose_name
    subject = _("Your %(what)s %(number)s ends in %(days)s days") % {"what": what, "number": record.number, "days": days_left}
    body = _(
        "Your %(what)s %(number)s is valid until %(date)s. Apply for its renewal in time so that your practice is not interrupted."
    ) % {
        "what": what,
        "number": record.number,
        "date": record.valid_until.isoformat(),
    }
    return subject, body, "/lisensi/"


def run(*, today: datetime.date, progress=None) -> dict:
    from accounts.models import RoleAssignment
    from accounts.roles import Role
    from registry.renewals import dpd_officers

    from . import renewals, services
    from .models import Licence, Status, Str

    expired = services.expire(today=today)
    horizon = today + datetime.timedelta(days=max(settings.PEKSOS_REMINDER_DAYS))

    def str_message(record, days_left):
        if renewals.renewed(record):
            return None
        subject, body, url = _message(record, days_left)
        missing = renewals.str_checklist(record, today).missing_text()
        if missing:
            body = f"{body} {_('Still missing: %(missing)s.') % {'missing': missing}}"
        return subject, body, url

    def str_officer_message(record, days_left):
        subject = _("STR ends without renewal: %(number)s") % {"number": record.number}
        body = _("%(name)s: STR %(number)s ends on %(date)s. Missing: %(missing)s.") % {
            "name": record.person.full_name,
            "number": record.number,
            "date": format_id(record.valid_until),
            "missing": renewals.str_checklist(record, today).missing_text() or "—",
        }
        return subject, body, "/lisensi/str/perpanjangan/"

    def str_officers(record):
        member = getattr(record.person, "member", None) if hasattr(record.person, "member") else None
        return dpd_officers(member.province_id) if member else []

    def licence_message(record, days_left):
        if not renewals.licence_renewal_due(record, today):
            return None  # renewed already
        subject, body, url = _message(record, days_left)
        missing = renewals.licence_checklist(record, today).missing_text()
        if missing:
            body = f"{body} {_('Still missing: %(missing)s.') % {'missing': missing}}"
        return subject, body, url

    def licence_officer_message(record, days_left):
        subject = _("Practice licence ends without renewal: %(number)s") % {"number": record.number}
        body = _("%(name)s: practice licence %(number)s ends on %(date)s. Missing: %(missing)s.") % {
            "name": record.person.full_name,
            "number": record.number,
            "date": format_id(record.valid_until),
            "missing": renewals.licence_checklist(record, today).missing_text() or "—",
        }
        return subject, body, "/lisensi/izin/antrean/"

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

    reminders = 0
    for model in (Str, Licence):
        ending = model.objects.filter(status=Status.VALID, valid_until__gte=today, valid_until__lte=horizon).select_related(
            "person__user", *(("authority",) if model is Licence else ())
        )
        if progress is not None:
            ending = progress(ending)
        if model is Str:
            reminders += remind_before(
                ending,
                today=today,
                recipients=lambda r: [r.person.user],
                message=str_message,
                officers=str_officers,
                officer_message=str_officer_message,
            )
        else:
            reminders += remind_before(
                ending,
                today=today,
                recipients=lambda r: [r.person.user],
                message=licence_message,
                officers=licence_officers,
                officer_message=licence_officer_message,
            )
    from core import rule_gaps

    counts: dict = {"expired": expired, "reminders_sent": reminders}
    errors = rule_gaps.report(services.dated_rules(), today=today)
    if errors:
        counts["errors"] = errors
    return counts
