"""Report documents: each PDF made takes the next number of the report series in the same
transaction that records it, so a number is never reused (core.numbering)."""

import datetime

from django.db import transaction
from django.utils import timezone

from .models import REPORT_NUMBER, ReportDocument


def record_report(
    *,
    actor,
    kind: str,
    issuer_name: str,
    area: str = "",
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
) -> ReportDocument:
    """Number and record a report about to be rendered for `actor`. The caller has checked that
    the actor may make it; the record holds what its public check page says, not the figures."""
    with transaction.atomic():
        made_at = timezone.now()
        return ReportDocument.objects.create(
            number=REPORT_NUMBER.next(year=timezone.localdate(made_at).year),
            kind=ReportDocument.Kind(kind),
            issuer_name=issuer_name[:200],
            area=area[:500],
            period_start=period_start,
            period_end=period_end,
            made_by=actor,
            made_at=made_at,
        )
