"""One renewal mechanism for every credential Peksos issues.

A renewal is judged against a checklist: the requirement items in force on the renewal date for
the credential's kind (`RenewalRequirement` rows, set by the credential's owner), each answered
by a check the owning app supplies (`Check`: holder, day -> done?, detail). The same checklist
is what the holder reads on their page from the window's opening, what the nightly reminders name
as missing, and what the officer's "ending without renewal" list shows as the reason.

Apps keep their own checks (registry: member card; licensing: STR and licence); core knows no
domain model. A requirement in force without a check in the app reads as not done, with a
reason, so that a new requirement published as data is never silently passed.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

# The window opens this many days before the end (the owners' common setting; an app whose rule
# set carries its own window passes it in).
WINDOW_DAYS = 90


@dataclass(frozen=True)
class Item:
    code: str
    label: str
    done: bool
    detail: str = ""


@dataclass(frozen=True)
class Check:
    label: str
    answer: Callable[[object, datetime.date], tuple[bool, str]]


@dataclass
class Checklist:
    kind: str
    day: datetime.date
    items: list[Item]

    @property
    def complete(self) -> bool:
        return all(item.done for item in self.items)

    @property
    def missing(self) -> list[Item]:
        return [item for item in self.items if not item.done]

    def missing_text(self) -> str:
        """The missing items in one line (reminders and officer lists)."""
        return "; ".join(f"{i.label}: {i.detail}" if i.detail else i.label for i in self.missing)


def requirements_in_force(kind: str, day: datetime.date) -> list[str]:
    """The requirement codes in force for `kind` on `day`, in their published order."""
    from .models import RenewalRequirement

    rows = RenewalRequirement.objects.in_force(day).filter(kind=kind).order_by("pk").values_list("code", flat=True)
    return list(dict.fromkeys(rows))


def checklist(kind: str, holder, day: datetime.date, checks: dict[str, Check], codes: Iterable[str] | None = None) -> Checklist:
    """Answer each requirement in force for `kind` on `day` for `holder` (`codes` when the caller
    has already read them, e.g. once for a whole list)."""
    codes = requirements_in_force(kind, day) if codes is None else list(codes)
    if not codes:
        # Nothing published is not "nothing required": a renewal is never passed by default.
        return Checklist(
            kind=kind,
            day=day,
            items=[Item("requirements", _("Renewal requirements"), False, _("none set for this date by the credential's owner"))],
        )
    items = []
    for code in codes:
        check = checks.get(code)
        if check is None:
            items.append(Item(code, code, False, _("this requirement cannot be checked by Peksos yet: ask the officer")))
            continue
        done, detail = check.answer(holder, day)
        items.append(Item(code, str(check.label), bool(done), str(detail or "")))
    return Checklist(kind=kind, day=day, items=items)


def window_opens_on(valid_until: datetime.date, days: int = WINDOW_DAYS) -> datetime.date:
    return valid_until - datetime.timedelta(days=days)


def window_open(valid_until: datetime.date | None, today: datetime.date, days: int = WINDOW_DAYS) -> bool:
    """Whether the renewal window of something ending on `valid_until` is open on `today` (it
    stays open after the end: a late renewal is still a renewal)."""
    return valid_until is not None and today >= window_opens_on(valid_until, days)
