"""Dates as Indonesians write them, and as messy spreadsheets hold them."""

import calendar
import datetime
import re
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

MONTHS_ID = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
_MONTH_LOOKUP = {name.lower(): i + 1 for i, name in enumerate(MONTHS_ID)}
_MONTH_LOOKUP.update({name[:3].lower(): i + 1 for i, name in enumerate(MONTHS_ID)})
_MONTH_LOOKUP.update(
    {
        "january": 1,
        "february": 2,
        "march": 3,
        "may": 5,
        "june": 6,
        "july": 7,
        "august": 8,
        "october": 10,
        "december": 12,
        "agust": 8,
        "agt": 8,
        "ags": 8,
        "peb": 2,
        "pebruari": 2,
        "nopember": 11,
        "nop": 11,
        "okt": 10,
        "des": 12,
        "mar": 3,
    }
)
# Excel counts days from 1899-12-30 (its phantom 29 Feb 1900 is before any birth we hold).
_EXCEL_EPOCH = datetime.date(1899, 12, 30)


def register_day() -> datetime.date:
    """Today in the register's time zone (Asia/Jakarta): the day on which validity is judged.
    Nothing activates another time zone per visitor, but this does not depend on it."""
    return timezone.localdate(timezone=timezone.get_default_timezone())


def format_id(value: datetime.date | None) -> str:
    """17 Agustus 1985."""
    if value is None:
        return ""
    return f"{value.day} {MONTHS_ID[value.month - 1]} {value.year}"


MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def format_local(value: datetime.date | None) -> str:
    """The date in the reader's language: 17 Agustus 1985 on Indonesian pages, 17 August 1985 on
    English ones. Signed documents keep format_id: their wording does not follow the reader."""
    from django.utils.translation import get_language

    if value is None:
        return ""
    if (get_language() or "id").split("-")[0] == "en":
        return f"{value.day} {MONTHS_EN[value.month - 1]} {value.year}"
    return format_id(value)


def format_month(value) -> str:
    """Januari 2026 (in the active language) from a date or a "2026-01" key."""
    from django.utils.dates import MONTHS

    if value in (None, ""):
        return ""
    if isinstance(value, str):
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", value.strip())
        if not match:
            return value
        year, month = int(match.group(1)), int(match.group(2))
    else:
        year, month = value.year, value.month
    if not 1 <= month <= 12:
        return str(value)
    return f"{MONTHS[month]} {year}"


class DateParseError(ValueError):
    pass


def parse_flexible_date(raw) -> datetime.date:
    """Accept 1985-08-17, 17/08/1985, 17-08-1985, 17.08.1985, 17 Agustus 1985, an Excel serial
    (e.g. 31276) or a date/datetime object. Day-first, as Indonesians write dates."""
    if raw is None:
        raise DateParseError(_("The date is empty."))
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return _from_excel_serial(float(raw), str(raw))
    text = str(raw).strip()
    if not text:
        raise DateParseError(_("The date is empty."))
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
            y, m, d = (int(p) for p in text.split("-"))
            return datetime.date(y, m, d)
        match = re.fullmatch(r"(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})", text)
        if match:
            d, m, y = (int(p) for p in match.groups())
            return datetime.date(y, m, d)
        match = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})", text)
        if match:
            day, month_name, year = match.groups()
            month = _MONTH_LOOKUP.get(month_name.lower())
            if month is None:
                raise DateParseError(_("Unknown month name “%(month)s”.") % {"month": month_name})
            return datetime.date(int(year), month, int(day))
        if re.fullmatch(r"\d{4,5}(\.0+)?", text):
            return _from_excel_serial(float(text), text)
    except ValueError as exc:
        if isinstance(exc, DateParseError):
            raise
        raise DateParseError(_("“%(value)s” is not a real calendar date.") % {"value": text}) from None
    raise DateParseError(
        _("“%(value)s” is not a date we recognise. Use e.g. 1985-08-17, 17/08/1985 or 17 Agustus 1985.") % {"value": text}
    )


def _from_excel_serial(serial: float, text: str) -> datetime.date:
    if not 1 <= serial <= 80000:
        raise DateParseError(_("“%(value)s” is not a date we recognise.") % {"value": text})
    return _EXCEL_EPOCH + datetime.timedelta(days=int(serial))


def add_years(value: datetime.date, years: int) -> datetime.date:
    try:
        return value.replace(year=value.year + years)
    except ValueError:  # 29 February into a non-leap year
        return value.replace(year=value.year + years, day=28)


def period_end(start: datetime.date, *, years: int = 0, months: int = 0) -> datetime.date:
    """The last day of a validity of `years` and `months` that begins on `start`: the day before
    the same calendar day that much later. Where that day does not exist (29 February in a common
    year, the 31st of a shorter month) the period runs to the end of that month: a five-year STR
    issued on 29 February 2028 ends on 28 February 2033, not a day earlier."""
    month_index = start.month - 1 + months + 12 * years
    year, month = start.year + month_index // 12, month_index % 12 + 1
    try:
        return datetime.date(year, month, start.day) - datetime.timedelta(days=1)
    except ValueError:
        return datetime.date(year, month, calendar.monthrange(year, month)[1])


def add_months(value: datetime.date, months: int) -> datetime.date:
    month_index = value.month - 1 + months
    year = value.year + month_index // 12
    month = month_index % 12 + 1
    for day in (value.day, 30, 29, 28):
        try:
            return value.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise ValueError(value)


def merge_periods(
    periods: Iterable[tuple[datetime.date, datetime.date | None, bool]], on: datetime.date
) -> list[tuple[datetime.date, datetime.date, bool]]:
    """Dated periods (start, inclusive end or None while ongoing, evidenced) counted up to `on`:
    periods starting later are dropped, the rest clipped to `on`, and overlapping or touching
    periods merged so that two jobs at once count once. Returns (start, exclusive end, all
    merged parts evidenced). Practice time for certification and work experience on a
    membership application are both counted from this."""
    spans = []
    for start, end, evidenced in periods:
        if start > on:
            continue
        end = min(end or on, on)
        if end < start:
            continue
        spans.append((start, end + datetime.timedelta(days=1), evidenced))
    spans.sort()
    merged: list[list] = []
    for start, end, evidenced in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2] = merged[-1][2] and evidenced
        else:
            merged.append([start, end, evidenced])
    return [(start, end, evidenced) for start, end, evidenced in merged]
