"""Nightly work of the member register (idempotent): yearly dues invoices from January, member
status derived from the dues (active ↔ lapsed past the grace period), member cards of active
paid-up members renewed before they end, reminders (dues due and lapsing, cards ending), and
confirmed member lists whose import a killed worker left half-way are queued again. A fee schedule
missing for this year, or for the coming one within 90 days, is an error: logged, told to the
DPP officers, and returned under "errors" so that `run_scheduled` ends with a failure."""

import datetime

from django.utils import timezone

from core.errors import DomainError


def run(*, today: datetime.date | None = None, progress=None) -> dict:
    from . import renewals, services
    from .models import Member

    today = today or timezone.localdate()
    counts: dict = {"invoices_created": 0, "status_changed": 0}
    from core import rule_gaps

    errors = services.report_missing_fee_schedules(today=today)
    errors += rule_gaps.report(services.dated_rules(), today=today)
    try:
        counts["invoices_created"] = services.issue_yearly_invoices(actor=None, year=today.year, today=today)
    except DomainError:
        pass  # this year's schedule is missing: reported above
    members = Member.objects.filter(status__in=[Member.Status.ACTIVE, Member.Status.LAPSED]).prefetch_related("invoices")
    iterator = members.iterator(chunk_size=1000)
    if progress is not None:
        iterator = progress(iterator)
    for member in iterator:
        status, _reason = services.derived_status(member, today)
        if status != member.status:
            services.refresh_member_status(member=member, today=today)
            counts["status_changed"] += 1
    counts["cards_renewed"] = renewals.renew_cards(today=today)
    counts["reminders_sent"] = renewals.remind_cards(today=today) + renewals.remind_dues(today=today)
    counts["imports_resumed"] = services.resume_stuck_imports()
    if errors:
        counts["errors"] = errors
    return counts
