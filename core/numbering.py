"""Gapless number series.

A number is allocated inside the transaction that issues the numbered thing. The counter row
is updated with an atomic UPDATE ... SET value = value + 1, which takes a row lock on
PostgreSQL (and the database write lock on SQLite with IMMEDIATE transactions), so concurrent
approvals queue on the counter and each gets its own next value. If the issuing transaction
rolls back, so does the counter: no gaps, no reuse.
"""

from dataclasses import dataclass

from django.db import IntegrityError, models, transaction

from .models import Counter


def allocate(series: str) -> int:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Numbers must be allocated inside the transaction that issues them.")
    for _attempt in range(3):
        if Counter.objects.filter(series=series).update(value=models.F("value") + 1):
            return Counter.objects.values_list("value", flat=True).get(series=series)
        try:
            with transaction.atomic():
                Counter.objects.create(series=series, value=1)
            return 1
        except IntegrityError:
            continue  # another transaction created the series first; update it instead
    raise RuntimeError(f"Could not allocate a number in series {series!r}.")


def peek(series: str) -> int:
    return Counter.objects.filter(series=series).values_list("value", flat=True).first() or 0


def allocate_many(series: str, count: int) -> int:
    """Reserve `count` consecutive numbers of a series (a bulk import); returns the first."""
    if count <= 0:
        raise ValueError("count must be positive")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Numbers must be allocated inside the transaction that issues them.")
    Counter.objects.get_or_create(series=series)
    Counter.objects.filter(series=series).update(value=models.F("value") + count)
    return Counter.objects.values_list("value", flat=True).get(series=series) - count + 1


def raise_to(series: str, value: int) -> None:
    """Make the series continue after `value` (a number issued outside Peksos and imported with
    its holder), never moving it back."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("A series is moved inside the transaction that imports its numbers.")
    Counter.objects.get_or_create(series=series)
    Counter.objects.filter(series=series, value__lt=value).update(value=value)


@dataclass
class NumberFormat:
    """How one kind of record is numbered: the counter series it draws from and how a serial is
    written. Services issue with `next`; synthetic data, which fills the counters in bulk, calls
    `series` and `format`, so a generated number always looks like an issued one."""

    series_template: str  # e.g. "receipt:{province}:{year}"
    number_template: str  # e.g. "KW.IPSPI.{province}.{year}.{serial:05d}"

    def series(self, **parts) -> str:
        return self.series_template.format(**parts)

    def format(self, serial: int, **parts) -> str:
        return self.number_template.format(serial=serial, **parts)

    def next(self, **parts) -> str:
        """Allocate the next serial (inside the issuing transaction) and write the number."""
        return self.format(allocate(self.series(**parts)), **parts)
