"""Reads: suggested fields from a person's work experience, the practice map, and what the
practice app holds about a person (their data download)."""

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Subquery, Value, When
from django.utils import timezone

from certification.models import Certificate, Level, Scheme
from registry.models import Member, Person

from .models import Community, CommunityMembership, MemberPracticeField, PracticeField, StandardComment

# --- suggestions from work experience -----------------------------------------------------------

# Words in an employer's name that tell the setting of the practice, first match wins. Only a
# suggestion the member confirms or changes: never saved without them.
SETTING_WORDS = (
    ("rumah sakit", "rumah sakit"),
    ("rsud", "rumah sakit"),
    ("puskesmas", "rumah sakit"),
    ("panti", "panti"),
    ("balai", "panti"),
    ("lks", "LKS"),
    ("yayasan", "LKS"),
    ("lembaga", "LKS"),
    ("sekolah", "sekolah"),
    ("dinas", "pemerintah"),
    ("kementerian", "pemerintah"),
    ("kemensos", "pemerintah"),
    ("bapas", "pemerintah"),
    ("lapas", "pemerintah"),
    ("pemerintah", "pemerintah"),
    ("mandiri", "mandiri"),
)


def _contains_word(text: str, word: str) -> bool:
    return re.search(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])", text) is not None


def setting_for(employer: str) -> str:
    text = (employer or "").lower()
    return next((setting for word, setting in SETTING_WORDS if _contains_word(text, word)), "")


def _whole_years(periods: list[tuple[datetime.date, datetime.date]]) -> int:
    """Years covered by the periods, overlaps counted once."""
    days, end_so_far = 0, None
    for start, end in sorted(periods):
        if end_so_far is not None and start <= end_so_far:
            if end > end_so_far:
                days += (end - end_so_far).days
                end_so_far = end
            continue
        days += (end - start).days
        end_so_far = end
    return int(days // 365.25)


@dataclass
class Suggestion:
    field: PracticeField
    setting: str
    years: int
    matched: list[str] = field(default_factory=list)  # the experience entries that matched, as the member wrote them


def suggested_fields(person: Person, today: datetime.date | None = None) -> list[Suggestion]:
    """Active fields whose keywords appear in the person's experience (position, employer, field
    of practice as they wrote it), leaving out the fields they already keep."""
    today = today or timezone.localdate()
    kept = set(MemberPracticeField.objects.filter(person=person).values_list("field_id", flat=True))
    fields = [f for f in PracticeField.objects.active() if f.pk not in kept and f.keyword_list()]
    experiences = list(person.experiences.all())
    suggestions = []
    for practice_field in fields:
        matching = []
        for experience in experiences:
            text = f"{experience.position} {experience.employer} {experience.practice_field}".lower()
            if any(_contains_word(text, word) for word in practice_field.keyword_list()):
                matching.append(experience)
        if not matching:
            continue
        latest = max(matching, key=lambda e: e.started_on)
        suggestions.append(
            Suggestion(
                field=practice_field,
                setting=setting_for(latest.employer),
                years=_whole_years([(e.started_on, min(e.ended_on or today, today)) for e in matching]),
                matched=[str(e) for e in matching],
            )
        )
    return suggestions


# --- the practice map ---------------------------------------------------------------------------

# Members on the register: a lapsed member (dues unpaid) still practises; suspended and ended do not count.
ON_REGISTER = (Member.Status.ACTIVE, Member.Status.LAPSED)
LEVELS = (Level.ASISTEN, Level.GENERALIS, Level.SPESIALIS)
_LEVEL_RANK = Case(
    When(level=Level.SPESIALIS, then=Value(3)),
    When(level=Level.GENERALIS, then=Value(2)),
    When(level=Level.ASISTEN, then=Value(1)),
    default=Value(0),
    output_field=IntegerField(),
)


@dataclass
class MapRow:
    field: PracticeField
    province_code: str
    province_name: str
    members: int
    by_level: dict[str, int]
    other_field_only: int

    @property
    def certified(self) -> int:
        return sum(self.by_level.values())

    @property
    def not_certified(self) -> int:
        return self.members - self.certified - self.other_field_only


@dataclass
class FieldSummary:
    field: PracticeField
    schemes: int
    members: int = 0
    certified: int = 0

    @property
    def share(self) -> int:
        """Whole per cent of the field's members certified in it."""
        return round(100 * self.certified / self.members) if self.members else 0

    @property
    def scheme_missing(self) -> bool:
        return self.schemes == 0


@dataclass
class PracticeMap:
    rows: list[MapRow]
    fields: list[FieldSummary]
    on: datetime.date

    def few_certified(self, percent: int) -> list[FieldSummary]:
        return [f for f in self.fields if f.members and f.share < percent]

    def schemes_missing(self) -> list[FieldSummary]:
        return [f for f in self.fields if f.scheme_missing]


def practice_map(*, provinces=None, on: datetime.date | None = None) -> PracticeMap:
    """Members per active field × province × level of certification in that field, counted in
    one grouped query. A member counts as certified in a field when they hold a certificate valid
    on `on` whose scheme's field is the one the practice field maps to (the highest level counts);
    `other_field_only` counts members certified only in another field (e.g. general practice).
    `provinces`: None for the whole country, or a queryset of provinces (a DPD's own)."""
    on = on or timezone.localdate()
    valid = Certificate.objects.valid(on).filter(person=OuterRef("person_id"))
    level_in_field = (
        valid.filter(practice_field=OuterRef("field__scheme_field"))
        .annotate(rank=_LEVEL_RANK)
        .order_by("-rank")
        .values("level")[:1]
    )
    entries = MemberPracticeField.objects.filter(person__member__status__in=ON_REGISTER, field__active=True)
    if provinces is not None:
        entries = entries.filter(person__member__province__in=provinces)
    counts = (
        entries.annotate(cert_level=Subquery(level_in_field), any_certificate=Exists(valid))
        .values("field_id", "person__member__province__code", "person__member__province__name")
        .annotate(
            members=Count("pk"),
            **{level.lower(): Count("pk", filter=Q(cert_level=level)) for level in LEVELS},
            other=Count("pk", filter=Q(cert_level__isnull=True, any_certificate=True)),
        )
        .order_by("person__member__province__code")
    )
    fields = {f.pk: f for f in PracticeField.objects.active()}
    schemes = dict(Scheme.objects.open_for_application().order_by().values_list("practice_field").annotate(n=Count("pk")))
    summaries = {
        pk: FieldSummary(field=f, schemes=schemes.get(f.scheme_field, 0) if f.scheme_field else 0) for pk, f in fields.items()
    }
    rows = []
    for count in counts:
        practice_field = fields[count["field_id"]]
        row = MapRow(
            field=practice_field,
            province_code=count["person__member__province__code"],
            province_name=count["person__member__province__name"],
            members=count["members"],
            by_level={level: count[level.lower()] for level in LEVELS},
            other_field_only=count["other"],
        )
        rows.append(row)
        summary = summaries[practice_field.pk]
        summary.members += row.members
        summary.certified += row.certified
    rows.sort(key=lambda r: (r.field.order, r.field.code, r.province_code))
    return PracticeMap(rows=rows, fields=list(summaries.values()), on=on)


# --- personal data --------------------------------------------------------------------------------


def export_for_user(user) -> dict | None:
    """core.personal_data section: the person's practice fields, communities, and comments."""
    person = Person.objects.filter(user=user).first()
    data: dict = {}
    if person is not None:
        fields = [
            {"field": f.field.code, "setting": f.setting, "years": f.years, "main": f.is_main}
            for f in MemberPracticeField.objects.filter(person=person).select_related("field")
        ]
        if fields:
            data["practice_fields"] = fields
        memberships = [
            {"community": m.community.name, "joined_at": m.joined_at, "left_at": m.left_at}
            for m in CommunityMembership.objects.filter(person=person).select_related("community")
        ]
        if memberships:
            data["communities"] = memberships
        coordinated = [c.name for c in Community.objects.filter(coordinator=person)]
        if coordinated:
            data["coordinator_of"] = coordinated
    comments = [
        {"standard": str(c.version), "comment": c.body, "at": c.created_at}
        for c in StandardComment.objects.filter(author=user).select_related("version__standard")
    ]
    if comments:
        data["comments_on_standards"] = comments
    return data or None
