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
    return remind_before(records, today=today, recipients=recipients, message=message)


def remind_before(
    records: Iterable,
    *,
    today: datetime.date,
    recipients: Callable[[object], Iterable],
    message: Callable[[object, int], tuple[str, str, str] | None],
    end_of: Callable[[object], datetime.date | None] = lambda record: record.valid_until,  # type: ignore[attr-defined]
    thresholds: Iterable[int] | None = None,
    purpose: str = "expiry",
    officers: Callable[[object], Iterable] | None = None,
    officer_message: Callable[[object, int], tuple[str, str, str]] | None = None,
) -> int:
    """`remind_before_expiry` for any date a record has (`end_of`: a due date, a lapse date)
    and any thresholds. `message` may answer None (nothing to remind of, e.g. already renewed).
    At the last threshold `officers(record)` (the responsible officers) are told as well, so a
    renewal nobody acted on reaches a worklist before it fails."""
    from accounts.notifications import notify

    thresholds = tuple(thresholds or settings.PEKSOS_REMINDER_DAYS)
    last = min(thresholds)
    sent = 0
    for record in records:
        end = end_of(record)
        if end is None:
            continue
        days_left = (end - today).days
        threshold = threshold_for(days_left, thresholds)
        if threshold is None:
            continue
        said = message(record, days_left)
        if said is None:
            continue
        subject, body, url = said
        key = f"{purpose}:{record._meta.label_lower}:{record.pk}:{end.isoformat()}:{threshold}"
        for user in recipients(record):
            if user is not None and notify(user, subject=subject, body=body, url=url, dedupe_key=key) is not None:
                sent += 1
        if threshold == last and officers is not None:
            subject, body, url = officer_message(record, days_left) if officer_message else (subject, body, url)
            for user in officers(record):
                if notify(user, subject=subject, body=body, url=url, dedupe_key=f"{key}:officer") is not None:
                    sent += 1
    return sent
