"""Nightly work of licensing (idempotent): STRs and practice licences past their end expire, and
holders are reminded 90/30/7 days ahead."""

import datetime

from django.conf import settings
from django.utils.translation import gettext as _

from core.reminders import remind_before_expiry


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
    from . import services
    from .models import Licence, Status, Str

    expired = services.expire(today=today)
    horizon = today + datetime.timedelta(days=max(settings.PEKSOS_REMINDER_DAYS))
    reminders = 0
    for model in (Str, Licence):
        ending = model.objects.filter(status=Status.VALID, valid_until__gte=today, valid_until__lte=horizon).select_related(
            "person__user"
        )
        if progress is not None:
            ending = progress(ending)
        reminders += remind_before_expiry(ending, today=today, recipients=lambda r: [r.person.user], message=_message)
    from core import rule_gaps

    counts: dict = {"expired": expired, "reminders_sent": reminders}
    errors = rule_gaps.report(services.dated_rules(), today=today)
    if errors:
        counts["errors"] = errors
    return counts
