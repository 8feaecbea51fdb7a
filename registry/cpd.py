"""Continuing professional development (Pengembangan Keprofesian Berkelanjutan, PKB).

Members record what they did; an accredited provider (or the DPP) reports attendance lists,
accepted as they arrive; the DPD of the member's province reviews the rest. Credits are hours
times the DPP's rate for the category (dated `CpdCreditRate` rows), counted over the member's
STR period against the DPP's requirement (`CpdRequirement`) in force on the period's last day.
The STR lives in licensing, which registry does not read: the period comes from the STR's
credential (credentials is below both)."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from accounts import policy
from core.dates import add_years, format_id, register_day
from core.errors import DomainError
from core.importing import DateParseError, Report, cell_date, cell_text, header_normaliser, read_rows
from core.tables import TableFileError
from credentials.models import Credential

from .models import CpdActivity, CpdCategory, CpdCreditRate, CpdProvider, CpdRequirement, Member, Person

# Without an STR, credits are counted over the last STR-length period (five years, UU 14/2019).
DEFAULT_PERIOD_YEARS = 5


@dataclass
class Standing:
    start: datetime.date
    end: datetime.date
    credits: Decimal
    required: int | None
    by_category: dict[str, Decimal] = field(default_factory=dict)
    from_str: bool = False

    @property
    def short_by(self) -> Decimal:
        if self.required is None:
            return Decimal(0)
        return max(Decimal(self.required) - self.credits, Decimal(0))

    @property
    def enough(self) -> bool:
        return self.required is not None and self.credits >= self.required

    def checklist_item(self) -> tuple[bool, str]:
        """The CPD item of a renewal checklist (the STR's, the certificate's): done once the
        accepted credits reach the requirement, and in words the credits against it. Not done
        while the DPP has set no requirement for the period."""
        if self.required is None:
            return False, _("the DPP has not set the credits required for this period")
        counted = {"credits": self.credits, "required": self.required}
        if self.enough:
            return True, _("%(credits)s of %(required)s credits") % counted
        return False, _("%(credits)s of %(required)s credits: %(short)s short") % {**counted, "short": self.short_by}


def _rates() -> list[CpdCreditRate]:
    return list(CpdCreditRate.objects.all())


def _rate(rates: list[CpdCreditRate], category: str, day: datetime.date) -> Decimal:
    in_force = [r for r in rates if r.category == category and r.is_in_force(day)]
    return max(in_force, key=lambda r: r.valid_from).credits_per_hour if in_force else Decimal(0)


def credits_of(activity: CpdActivity, rates: list[CpdCreditRate] | None = None) -> Decimal:
    return (activity.hours * _rate(rates if rates is not None else _rates(), activity.category, activity.held_on)).quantize(
        Decimal("0.1")
    )


def requirement_on(day: datetime.date) -> CpdRequirement | None:
    return CpdRequirement.objects.in_force(day).order_by("-valid_from").first()


def str_period(person: Person, today: datetime.date) -> tuple[datetime.date, datetime.date] | None:
    """The period of the person's STR in force (or the latest one), from its credential."""
    credential = (
        Credential.objects.held_by(Person, [person.pk])
        .filter(kind=Credential.Kind.STR, status=Credential.Status.VALID, valid_from__lte=today)
        .order_by("-valid_until")
        .first()
    )
    if credential is None or credential.valid_until is None:
        return None
    return credential.valid_from, credential.valid_until


def standing(person: Person, today: datetime.date | None = None, *, period=None, rates=None) -> Standing:
    """The person's accepted credits over `period` (their STR's by default) against the
    requirement in force on the period's last day."""
    today = today or register_day()
    from_str = False
    if period is None:
        period = str_period(person, today)
        from_str = period is not None
    if period is None:
        period = (add_years(today, -DEFAULT_PERIOD_YEARS) + datetime.timedelta(days=1), today)
    start, end = period
    rates = rates if rates is not None else _rates()
    by_category: dict[str, Decimal] = {}
    for activity in CpdActivity.objects.filter(person=person).counted().in_period(start, end):
        by_category[activity.category] = by_category.get(activity.category, Decimal(0)) + credits_of(activity, rates)
    requirement = requirement_on(end)
    return Standing(
        start=start,
        end=end,
        credits=sum(by_category.values(), Decimal(0)),
        required=requirement.credits_required if requirement else None,
        by_category=by_category,
        from_str=from_str,
    )


# --- members record, the DPD reviews -------------------------------------------------------


def _officers_of(person: Person):
    from .renewals import dpd_officers

    member = getattr(person, "member", None) if hasattr(person, "member") else None
    return dpd_officers(member.province_id) if member else []


def record_activity(*, actor, activity: CpdActivity) -> CpdActivity:
    """A member records an activity (unsaved `activity` from the form). It waits for the review
    of the DPD of their province: what a member writes about themselves is checked, even when it
    names an accredited provider (whose own attendance lists count without review)."""
    from accounts.notifications import notify

    from .services import _full_clean, own_person

    person = own_person(actor)
    if person is None or not hasattr(person, "member"):
        raise DomainError(_("Only IPSPI members record CPD activities."))
    today = register_day()
    if activity.held_on is None or activity.held_on > today:
        raise DomainError(_("The activity date cannot be in the future."), field="held_on")
    if activity.hours is None or activity.hours <= 0:
        raise DomainError(_("Enter the hours of the activity."), field="hours")
    if not activity.evidence:
        raise DomainError(_("Attach the evidence (certificate or letter)."), field="evidence")
    with transaction.atomic():
        activity.person = person
        activity.source = CpdActivity.Source.MEMBER
        activity.status = CpdActivity.Status.SUBMITTED
        activity.recorded_by = actor
        activity._history_user = actor
        _full_clean(activity)
        activity.save()
        for officer in _officers_of(person):
            notify(
                officer,
                subject=_("CPD activity to review"),
                body=f"{person.full_name}: {activity.title}",
                url="/anggota/pkb/tinjau/",
                email=False,
            )
    return activity


def review_activity(*, actor, activity: CpdActivity, accept: bool, reason: str = "") -> CpdActivity:
    from accounts.notifications import notify

    reason = (reason or "").strip()
    if not accept and not reason:
        raise DomainError(_("Give the reason for the rejection."), field="reason")
    with transaction.atomic():
        activity = CpdActivity.objects.select_for_update(of=("self",)).select_related("person__user").get(pk=activity.pk)
        policy.require(actor, "registry.review_cpd", activity)
        if activity.status != CpdActivity.Status.SUBMITTED:
            raise DomainError(_("This activity has already been reviewed."))
        if accept:
            activity.accept(by=actor)
        else:
            activity.reject(by=actor, reason=reason)
        activity._history_user = actor
        activity._change_reason = reason[:100]
        activity.save()
    if activity.person.user_id:
        subject = (
            _("Your CPD activity was accepted: %(title)s") if accept else _("Your CPD activity was rejected: %(title)s")
        ) % {"title": activity.title}
        notify(activity.person.user, subject=subject, body=reason or subject, url="/anggota/saya/pkb/")
    return activity


# --- providers and their attendance lists ------------------------------------------------------


def add_provider(*, actor, name: str, accredited_from: datetime.date, decision: str, accredited_until=None) -> CpdProvider:
    policy.require(actor, "registry.manage_cpd_providers")
    name, decision = (name or "").strip(), (decision or "").strip()
    if not name:
        raise DomainError(_("Enter the provider's name."), field="name")
    if not decision:
        raise DomainError(_("Name the DPP decision that accredits the provider."), field="decision")
    if accredited_from is None:
        raise DomainError(_("Enter the date the accreditation starts."), field="accredited_from")
    if accredited_until is not None and accredited_until < accredited_from:
        raise DomainError(_("The accreditation cannot end before it starts."), field="accredited_until")
    if CpdProvider.objects.filter(name__iexact=name).exists():
        raise DomainError(_("A provider with this name is already listed."), field="name")
    with transaction.atomic():
        provider = CpdProvider(name=name, accredited_from=accredited_from, accredited_until=accredited_until, decision=decision)
        provider._history_user = actor
        provider.save()
    return provider


ATTENDANCE_ALIASES = {
    "nomor_anggota": "nomor_anggota",
    "no_anggota": "nomor_anggota",
    "member_number": "nomor_anggota",
    "kegiatan": "kegiatan",
    "nama_kegiatan": "kegiatan",
    "activity": "kegiatan",
    "tanggal": "tanggal",
    "date": "tanggal",
    "jam": "jam",
    "jumlah_jam": "jam",
    "hours": "jam",
}


def _hours(value) -> Decimal:
    text = cell_text(value).replace(",", ".")
    try:
        hours = Decimal(text)
    except InvalidOperation:
        raise ValueError from None
    if hours <= 0 or hours > 999:
        raise ValueError
    return hours.quantize(Decimal("0.1"))


def _import_key(provider: CpdProvider, number: str, title: str, day: datetime.date) -> str:
    raw = f"{provider.pk}|{number}|{' '.join(title.lower().split())}|{day.isoformat()}"
    return hashlib.sha256(raw.encode()).hexdigest()


def import_attendance(*, actor, provider: CpdProvider, upload, category: str) -> dict:
    """A provider's attendance list (CSV/XLSX: nomor_anggota, kegiatan, tanggal, jam): one
    accepted activity per row. All or nothing: with any row in error nothing is saved and each
    error is reported by row. A row already imported (same provider, member, activity and date)
    is counted as unchanged, so the same list sent twice adds nothing."""
    policy.require(actor, "registry.import_cpd_attendance", provider)
    if category not in CpdCategory.values:
        raise DomainError(_("Choose the activity category."), field="category")
    report = Report(source=provider.name)
    today = register_day()
    pending: list[CpdActivity] = []
    seen: set[str] = set()
    try:
        rows = list(read_rows(upload, upload.name, required="nomor_anggota", normalise=header_normaliser(ATTENDANCE_ALIASES)))
    except TableFileError as exc:
        raise DomainError(str(exc), field="file") from None
    numbers = {cell_text(raw.get("nomor_anggota")) for _row, raw in rows}
    members = {m.number: m for m in Member.objects.filter(number__in=numbers).select_related("person")}
    for row, raw in rows:
        report.rows += 1
        number = cell_text(raw.get("nomor_anggota"))
        title = cell_text(raw.get("kegiatan"), 200)
        problems = []
        member = members.get(number)
        if not number:
            problems.append(("nomor_anggota", _("The member number is empty.")))
        elif member is None:
            problems.append(("nomor_anggota", _("No member has the number %(number)s.") % {"number": number}))
        if not title:
            problems.append(("kegiatan", _("The activity name is empty.")))
        day = None
        try:
            day = cell_date(raw.get("tanggal"))
            if day is None:
                problems.append(("tanggal", _("The date is empty.")))
        except DateParseError as exc:
            problems.append(("tanggal", str(exc)))
        if day is not None and day > today:
            problems.append(("tanggal", _("The date %(date)s is in the future.") % {"date": format_id(day)}))
        if day is not None and not provider.accredited_on(day):
            problems.append(
                (
                    "tanggal",
                    _("%(provider)s was not accredited on %(date)s.") % {"provider": provider.name, "date": format_id(day)},
                )
            )
        try:
            hours = _hours(raw.get("jam"))
        except ValueError:
            hours = None
            problems.append(("jam", _("The hours must be a number greater than 0, e.g. 2 or 1,5.")))
        if problems:
            report.rejected += 1
            for column, message in problems:
                report.problem(row, column, message)
            continue
        key = _import_key(provider, number, title, day)
        if key in seen or CpdActivity.objects.filter(import_key=key).exists():
            report.unchanged += 1
            continue
        seen.add(key)
        pending.append(
            CpdActivity(
                person=member.person,
                title=title,
                category=category,
                held_on=day,
                hours=hours,
                provider=provider,
                provider_name=provider.name,
                source=CpdActivity.Source.ATTENDANCE,
                import_key=key,
                status=CpdActivity.Status.ACCEPTED,
                recorded_by=actor,
                reviewed_by=actor,
            )
        )
    if report.problems:
        return report.as_dict()
    with transaction.atomic():
        for activity in pending:
            activity._history_user = actor
            activity.save()
    report.created = len(pending)
    return report.as_dict()


# --- the DPD's list: members short of credits near the end of their period ---------------------


def short_of_credits(members, *, today: datetime.date) -> list[tuple[Member, Standing]]:
    """Members (already scoped) whose STR period ends within a year and whose accepted credits
    fall short of the requirement."""
    from django.contrib.contenttypes.models import ContentType

    horizon = today + datetime.timedelta(days=365)
    credentials = list(
        Credential.objects.filter(
            holder_type=ContentType.objects.get_for_model(Person),
            holder_id__in=members.exclude(status=Member.Status.ENDED).values("person_id"),
            kind=Credential.Kind.STR,
            status=Credential.Status.VALID,
            valid_until__gte=today,
            valid_until__lte=horizon,
        ).order_by("valid_until")
    )
    people = {
        m.person_id: m
        for m in Member.objects.filter(person_id__in=[c.holder_id for c in credentials]).select_related("person", "province")
    }
    rates = _rates()
    found = []
    for credential in credentials:
        member = people.get(credential.holder_id)
        if member is None:
            continue
        result = standing(member.person, today, period=(credential.valid_from, credential.valid_until), rates=rates)
        if not result.enough:
            found.append((member, result))
    return found
