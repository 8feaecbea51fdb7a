"""Nightly work of accreditation (idempotent): accreditations past their end expire, LKS
operators are reminded 90/30/7 days ahead, and each Dinas Sosial gets, once a month, the list of
LKS in its regency whose accreditation ends within the re-accreditation notice period."""

import datetime
from collections import defaultdict
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from core.reminders import remind_before_expiry


def _message(accreditation, days_left: int) -> tuple[str, str, str]:
    subject = _("The accreditation of %(lks)s ends in %(days)s days") % {"lks": accreditation.lks.name, "days": days_left}
    body = _(
        "The accreditation of %(lks)s (grade %(grade)s) is valid until %(date)s. Apply for re-accreditation through your Dinas Sosial in time."
    ) % {
        "lks": accreditation.lks.name,
        "grade": accreditation.grade,
        "date": accreditation.valid_until.isoformat(),
    }
    return subject, body, reverse("accreditation:lks", args=[accreditation.lks_id])


def _tell_dinas_sosial(due, *, today: datetime.date, notice_until: datetime.date) -> int:
    from accounts.models import RoleAssignment
    from accounts.notifications import notify
    from accounts.roles import Role

    by_regency = defaultdict(list)
    for accreditation in due:
        by_regency[accreditation.lks.regency_id].append(accreditation)
    officers = defaultdict(list)
    for assignment in (
        RoleAssignment.objects.active().filter(role=Role.DINSOS_OFFICER, regency_id__in=by_regency).select_related("user")
    ):
        officers[assignment.regency_id].append(assignment.user)
    url = reverse("accreditation:monitoring") + "?" + urlencode({"jatuh_tempo": notice_until.isoformat()})
    sent = 0
    for regency_id, accreditations in by_regency.items():
        lines = [
            f"- {a.lks.name} ({a.grade}): {a.valid_until.isoformat()}"
            for a in sorted(accreditations, key=lambda a: a.valid_until)
        ]
        subject = _("%(count)s LKS are due for re-accreditation by %(date)s") % {
            "count": len(accreditations),
            "date": notice_until.isoformat(),
        }
        body = (
            _("These LKS in your regency/city need re-accreditation before their accreditation ends:") + "\n" + "\n".join(lines)
        )
        for officer in officers[regency_id]:
            # One list per regency per month: running twice, or every night, sends it once.
            if (
                notify(officer, subject=subject, body=body, url=url, dedupe_key=f"reaccreditation-due:{regency_id}:{today:%Y-%m}")
                is not None
            ):
                sent += 1
    return sent


def run(*, today: datetime.date, progress=None) -> dict:
    from . import services
    from .models import Accreditation

    expired = services.expire_accreditations(today=today)
    horizon = today + datetime.timedelta(days=max(settings.PEKSOS_REMINDER_DAYS))
    ending = Accreditation.objects.filter(
        status=Accreditation.Status.VALID, valid_until__gte=today, valid_until__lte=horizon
    ).select_related("lks")
    if progress is not None:
        ending = progress(ending)
    reminders = remind_before_expiry(ending, today=today, recipients=lambda a: services.operators_of(a.lks), message=_message)
    notice_until = today + datetime.timedelta(days=settings.PEKSOS_REACCREDITATION_NOTICE_DAYS)
    due = Accreditation.objects.due_before(notice_until).filter(valid_until__gte=today).select_related("lks")
    lists = _tell_dinas_sosial(due, today=today, notice_until=notice_until)
    return {"expired": expired, "reminders_sent": reminders, "reaccreditation_lists_sent": lists}
