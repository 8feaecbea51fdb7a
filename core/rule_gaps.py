"""A dated rule (a validity period, a fee schedule) missing for the coming days: shown to its
owner on the dashboard well ahead, and reported by the nightly run as an error, with the owner
told in the inbox and by e-mail once per reminder step (90, 30, 7 days ahead, and once when the
gap has begun). A rule left missing must never turn silently into a counter or a default."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from core.dates import format_id, register_day
from core.models import EffectivePeriodQuerySet

log = logging.getLogger("peksos.rules")


def notice_days() -> int:
    """How far ahead a missing rule is reported: the longest reminder step."""
    return max(settings.PEKSOS_REMINDER_DAYS)


@dataclass(frozen=True)
class DatedRule:
    """One kind of dated rule and who keeps it: `perm` (who sees the notice and sets it), `roles`
    (whom the nightly run tells), `url_name` (where it is set)."""

    key: str
    what: object  # a lazy translatable name, e.g. _("member card validity")
    versions: QuerySet  # of an EffectivePeriod model (EffectivePeriodQuerySet)
    perm: str
    roles: tuple[str, ...]
    url_name: str

    def gap(self, today: datetime.date) -> datetime.date | None:
        versions: EffectivePeriodQuerySet = self.versions  # type: ignore[assignment]
        return versions.first_gap(today, today + datetime.timedelta(days=notice_days()))

    def message(self, gap: datetime.date, today: datetime.date) -> str:
        days = (gap - today).days
        if days > 0:
            return _("No %(what)s is set from %(date)s (in %(days)s days): publish the version that applies from that day.") % {
                "what": self.what,
                "date": format_id(gap),
                "days": days,
            }
        return _("No %(what)s is in force since %(date)s: publish the version that applies now.") % {
            "what": self.what,
            "date": format_id(gap),
        }


def notices(user, rules: list[DatedRule]) -> list[dict]:
    """The dashboard's notices of `rules` for a user who keeps them."""
    from django.urls import reverse

    from accounts import policy

    today = register_day()
    found = []
    for rule in rules:
        if not policy.allows(user, rule.perm):
            continue
        gap = rule.gap(today)
        if gap is not None:
            found.append({"text": rule.message(gap, today), "url": reverse(rule.url_name)})
    return found


def report(rules: list[DatedRule], *, today: datetime.date) -> list[str]:
    """The nightly check: returns each missing rule's message (English, for the run's errors);
    tells the holders of its roles once per reminder step."""
    from django.urls import reverse

    from accounts.models import RoleAssignment
    from accounts.notifications import notify
    from core.reminders import threshold_for

    problems: list[str] = []
    for rule in rules:
        gap = rule.gap(today)
        if gap is None:
            continue
        with translation.override("en"):
            problems.append(rule.message(gap, today))
        log.error("Rules: %s", problems[-1])
        days = (gap - today).days
        step = threshold_for(days) if days > 0 else "started"
        if step is None:
            continue
        owners = {a.user_id: a.user for a in RoleAssignment.objects.active().filter(role__in=rule.roles).select_related("user")}
        with translation.override("id"):
            subject = _("A rule is missing: %(what)s") % {"what": rule.what}
            body = rule.message(gap, today)
        for owner in owners.values():
            notify(owner, subject=subject, body=body, url=reverse(rule.url_name), dedupe_key=f"rule-gap:{rule.key}:{gap}:{step}")
    return problems
