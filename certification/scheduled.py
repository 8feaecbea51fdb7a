"""Nightly work of certification (idempotent): certificates past their end expire, holders are
reminded 90/30/7 days ahead, and certificate PDFs that failed to render are queued again."""

import datetime

from django.conf import settings
from django.utils.translation import gettext as _

from core.reminders import remind_before_expiry


def _message(certificate, days_left: int) -> tuple[str, str, str]:
    subject = _("Your competency certificate %(number)s ends in %(days)s days") % {
        "number": certificate.number,
        "days": days_left,
    }
    body = _(
        "Your competency certificate %(number)s (%(scheme)s) is valid until %(date)s. Apply for renewal with %(lsp)s in time: "
        "your STR and practice licence depend on it."
    ) % {
        "number": certificate.number,
        "scheme": certificate.scheme,
        "date": certificate.valid_until.isoformat(),
        "lsp": certificate.lsp,
    }
    return subject, body, "/lisensi/"


def run(*, today: datetime.date, progress=None) -> dict:
    from .models import Certificate
    from .services import expire_certificates
    from .tasks import render_certificate_pdf

    expired = expire_certificates(today=today)
    horizon = today + datetime.timedelta(days=max(settings.PEKSOS_REMINDER_DAYS))
    ending = Certificate.objects.valid(today).filter(valid_until__lte=horizon).select_related("person__user", "scheme", "lsp")
    if progress is not None:
        ending = progress(ending)
    reminders = remind_before_expiry(ending, today=today, recipients=lambda c: [c.person.user], message=_message)
    missing = list(Certificate.objects.filter(pdf="", credential__isnull=False).values_list("pk", flat=True))
    for pk in missing:
        render_certificate_pdf.enqueue(pk)
    return {"expired": expired, "reminders_sent": reminders, "pdfs_queued": len(missing)}
