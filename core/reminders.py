"""Reminders before something a person or an institution holds runs out.

A reminder goes out once per record, per end date and per threshold: the job may run twice a
night or miss a night and still send each reminder exactly once (`notify`'s dedupe key). A
record first seen 20 days before its end gets only the 30-day reminder, not the 90-day one too.
"""

import datetime
from collections.abc import Callable, Iterable

from django.conf import settings


def threshold_for(days_left: int, thresholds: Iterable[int] | None = None) -> int | None:
    """The smallest reminder threshold (in days) that `days_left` has reached, or None."""
    reached = [t for t in (thresholds or settings.PEKSOS_REMINDER_DAYS) if 0 <= days_left <= t]
    return min(reached) if reached else None


def remind_before_expiry(
    records: Iterable,
    *,
    today: datetime.date,
    recipients: Callable[[object], Iterable],
    message: Callable[[object, int], tuple[str, str, str]],
) -> int:
    """Send each due reminder once; `message(record, days_left)` gives (subject, body, url).
    Returns how many notifications were created by this run."""
    from accounts.notifications import notify

    sent = 0
    for record in records:
        days_left = (record.valid_until - today).days
        threshold = threshold_for(days_left)
        if threshold is None:
            continue
        key = f"expiry:{record._meta.label_lower}:{record.pk}:{record.valid_until.isoformat()}:{threshold}"
        subject, body, url = message(record, days_left)
        for user in recipients(record):
            if user is not None and notify(user, subject=subject, body=body, url=url, dedupe_key=key) is not None:
                sent += 1
    return sent
