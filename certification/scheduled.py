"""Nightly work of certification (idempotent): certificates past their end expire, holders are
reminded 90/30/7 days ahead (not once renewed) and, at the last threshold, the officers of the LSP
that issued it, and certificate PDFs that failed to render are queued again."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from core.dates import format_id
from core.reminders import remind_before
from core.worker import CATCH_UP_PRIORITY, pending_first_args


def _message(certificate, days_left: int) -> tuple[str, str, str] | None:
    if certificate.renewals.exists():
        return None  # renewed already: the new certificate starts the day after this one ends
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
    return subject, body, reverse("certification:my_certificate", args=[certificate.pk])


def _officer_message(certificate, days_left: int) -> tuple[str, str, str]:
    subject = _("Competency certificate ends without renewal: %(number)s") % {"number": certificate.number}
    body = _("%(name)s: competency certificate %(number)s (%(scheme)s) ends on %(date)s and is not renewed.") % {
        "name": certificate.person.full_name,
        "number": certificate.number,
        "scheme": certificate.scheme,
        "date": format_id(certificate.valid_until),
    }
    return subject, body, reverse("certification:certificate_detail", args=[certificate.pk])


def _naming_what_is_missing(message, today: datetime.date):
    """A reminder also names what the renewal's checklist still lacks on the day it is sent."""
    from .renewals import certificate_checklist

    def build(certificate, days_left: int):
        built = message(certificate, days_left)
        if built is None:
            return None
        subject, body, url = built
        missing = certificate_checklist(certificate, today).missing_text()
        if missing:
            body = f"{body} {_('Still missing: %(missing)s.') % {'missing': missing}}"
        return subject, body, url

    return build


def _lsp_officers(certificate) -> list:
    """The officers of the LSP that issued the certificate (it decides the renewal)."""
    from accounts.models import RoleAssignment
    from accounts.roles import Role

    return [
        a.user
        for a in RoleAssignment.objects.active()
        .for_organisation(certificate.lsp)
        .filter(role=Role.LSP_OFFICER, user__is_active=True)
        .select_related("user")
    ]


def run(*, today: datetime.date, progress=None) -> dict:
    from .models import Certificate
    from .services import expire_certificates
    from .tasks import render_certificate_pdf

    expired = expire_certificates(today=today)
    horizon = today + datetime.timedelta(days=max(settings.PEKSOS_REMINDER_DAYS))
    ending = Certificate.objects.valid(today).filter(valid_until__lte=horizon).select_related("person__user", "scheme", "lsp")
    if progress is not None:
        ending = progress(ending)
    reminders = remind_before(
        ending,
        today=today,
        recipients=lambda c: [c.person.user],
        message=_naming_what_is_missing(_message, today),
        officers=_lsp_officers,
        officer_message=_naming_what_is_missing(_officer_message, today),
    )
    # Queued once (a run repeated before the worker got to them queues none again), behind
    # interactive work.
    queued = pending_first_args(render_certificate_pdf)
    missing = [
        pk
        for pk in Certificate.objects.filter(pdf="", credential__isnull=False).values_list("pk", flat=True).iterator()
        if pk not in queued
    ]
    catch_up = render_certificate_pdf.using(priority=CATCH_UP_PRIORITY)
    for pk in missing:
        catch_up.enqueue(pk)
    return {"expired": expired, "reminders_sent": reminders, "pdfs_queued": len(missing)}
