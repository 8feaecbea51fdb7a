"""The figures of the dashboards, each an aggregate query over the domain apps, limited to what
the user's roles let them see. Every table is `(columns, rows)` so that the page, the chart, the
CSV/XLSX download and the PDF reports are the same numbers."""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.db.models import Count, Exists, Max, OuterRef, Q, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import policy
from core.dates import format_local


@dataclass(frozen=True)
class Scope:
    """What one user may count. `None` means the whole country; an empty set means nothing."""

    label: str
    provinces: frozenset[int] | None = frozenset()  # members, dues, STR and licences of people there
    lsps: frozenset[int] | None = frozenset()  # certifications of these LSPs
    authorities: frozenset[int] | None = frozenset()  # licences issued by these authorities
    regencies: frozenset[int] | None = frozenset()  # LKS there
    sections: tuple[str, ...] = ()

    def sees(self, section: str) -> bool:
        return section in self.sections


def may_report(user) -> bool:
    return policy.allows(user, "reports.view_dashboard")


def _covered(user, perm: str, model) -> tuple[frozenset[int] | None, list[str]]:
    """The ids of the records a section's declared scope (reports/rules.py) covers, None when it
    narrows nothing, with their names for the scope's label (one query, none when empty)."""
    records = policy.narrowed(user, perm, model)
    if records is None:
        return None, []
    rows = list(records.values_list("pk", "name"))
    return frozenset(pk for pk, _name in rows), [name for _pk, name in rows]


def scope_of(user) -> Scope | None:
    """None when the user covers no section."""
    from certification.models import LSP
    from licensing.models import LicensingAuthority
    from regions.models import Province, Regency

    if not may_report(user):
        return None
    provinces, province_names = _covered(user, "reports.view_member_figures", Province)
    lsps, lsp_names = _covered(user, "reports.view_certification_figures", LSP)
    authorities, authority_names = _covered(user, "reports.view_licence_figures", LicensingAuthority)
    regencies, regency_names = _covered(user, "reports.view_lks_figures", Regency)
    sections: list[str] = []
    if provinces is None or provinces:
        sections += ["members", "credentials"]
    if lsps is None or lsps:
        sections.append("certifications")
    if authorities and "credentials" not in sections:
        sections.append("credentials")
    if regencies is None or regencies:
        sections.append("lks")
    if not sections:
        return None
    if provinces is None or regencies is None:
        label = _("Indonesia (national)")
    else:
        label = ", ".join(province_names + regency_names + lsp_names + authority_names)
    return Scope(
        label=label, provinces=provinces, lsps=lsps, authorities=authorities, regencies=regencies, sections=tuple(sections)
    )


def _within(qs, path: str, ids):
    return qs if ids is None else qs.filter(**{f"{path}__in": ids})


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    chart: str = "bar"  # bar | line | doughnut | none

    def as_chart(self) -> dict:
        """Labels from the first column, one data series per numeric column."""
        series = [
            {"label": str(column), "data": [row[i] for row in self.rows]}
            for i, column in enumerate(self.columns)
            if i > 0 and all(isinstance(row[i], int | float) for row in self.rows)
        ]
        return {"type": self.chart, "labels": [str(row[0]) for row in self.rows], "series": series}


def _choices(model_field) -> dict:
    return {value: str(label) for value, label in model_field.choices}


# --- members ----------------------------------------------------------------------------------------
def counted_statuses() -> list[str]:
    """Whom every member figure counts: members whose membership has not ended (active, lapsed,
    suspended). The one rule for the dashboard's tables, their downloads and the PDF reports."""
    from registry.models import Member

    return [status for status in Member.Status.values if status != Member.Status.ENDED]


def member_counts(scope: Scope, members=None) -> list[tuple[int | None, str, str, int]]:
    """Members by (province, status, category) in one grouped query: every member table (on the
    page, in the downloads and in the monthly PDF) is a sum of it, so their totals agree.
    `members` is the register now by default, or its rows as they stood on a day (`_as_of`)."""
    from registry.models import Member

    members = Member.objects.all() if members is None else members
    return list(
        _within(members.filter(status__in=counted_statuses()), "province_id", scope.provinces)
        .values_list("province_id", "status", "category")
        .annotate(n=Count("id"))
        .order_by()
    )


def members_by_province(scope: Scope, counts: list | None = None) -> Table:
    """Every province in scope, and an explicit row for members counted in none of them."""
    from regions.models import Province

    by_province: dict[int | None, int] = {}
    for province_id, _status, _category, n in member_counts(scope) if counts is None else counts:
        by_province[province_id] = by_province.get(province_id, 0) + n
    provinces = (
        Province.objects.order_by("code")
        if scope.provinces is None
        else Province.objects.filter(pk__in=scope.provinces).order_by("code")
    )
    rows = [[p.name, by_province.pop(p.pk, 0)] for p in provinces]
    if by_province:  # members of no province (or of none listed): counted, never dropped
        rows.append([_("no province"), sum(by_province.values())])
    return Table("anggota-provinsi", _("Members by province"), [_("Province"), _("Members")], rows)


def members_by_regency(scope: Scope) -> Table:
    """A one-province scope (a DPD) by regency/city of the members' addresses, with a row for
    members living outside the province or giving none."""
    from regions.models import Regency
    from registry.models import Member

    counts = dict(
        _within(Member.objects.filter(status__in=counted_statuses()), "province_id", scope.provinces)
        .values_list("person__regency_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    rows: list[list] = [
        [r.name, counts.pop(r.pk, 0)] for r in Regency.objects.filter(province_id__in=scope.provinces or ()).order_by("code")
    ]
    if counts:
        rows.append([_("elsewhere or not given"), sum(counts.values())])
    return Table("anggota-kabupaten", _("Members by regency/city"), [_("Regency/city"), _("Members")], rows)


def members_by(scope: Scope, attribute: str, counts: list | None = None) -> Table:
    from registry.models import Member

    field_ = Member._meta.get_field(attribute)
    labels = _choices(field_)
    totals: dict[str, int] = {}
    for _province_id, status, category, n in member_counts(scope) if counts is None else counts:
        value = {"status": status, "category": category}[attribute]
        totals[value] = totals.get(value, 0) + n
    title = {"status": _("Members by status"), "category": _("Members by category")}[attribute]
    return Table(
        f"anggota-{attribute}",
        title,
        [str(field_.verbose_name).capitalize(), _("Members")],
        [[labels.get(value, value), totals[value]] for value in sorted(totals)],
        chart="doughnut",
    )


def members_by_education(scope: Scope) -> Table:
    from registry.models import Education, Member

    labels = _choices(Education._meta.get_field("level"))
    members = _within(Member.objects.filter(status__in=counted_statuses()), "province_id", scope.provinces)
    # COUNT(DISTINCT person) per level sorts every row on PostgreSQL; counting the distinct
    # (person, level) pairs hashes them instead (3x faster at 100,000 members).
    pairs = Education.objects.filter(person_id__in=members.values("person_id")).values("person_id", "level").order_by().distinct()
    sql, params = pairs.query.sql_with_params()
    with connections[pairs.db].cursor() as cursor:
        cursor.execute(f"SELECT pairs.level, COUNT(*) FROM ({sql}) pairs GROUP BY pairs.level ORDER BY pairs.level", params)  # noqa: S608 (inner SQL is the ORM's)
        counts = cursor.fetchall()
    return Table(
        "anggota-pendidikan",
        _("Members by education (every level they hold)"),
        [_("Level"), _("Members")],
        [[labels.get(level, level), n] for level, n in counts],
    )


def _months(today: datetime.date, count: int = 12) -> list[datetime.date]:
    first = today.replace(day=1)
    months = []
    for _i in range(count):
        months.append(first)
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    return list(reversed(months))


def registrations_per_month(scope: Scope, today: datetime.date | None = None) -> Table:
    from registry.models import Member, MembershipApplication

    today = today or timezone.localdate()
    months = _months(today)
    ends = [*months[1:], (months[-1] + datetime.timedelta(days=32)).replace(day=1)]
    # One range count per month in a single query: truncating each row's timestamp to its month
    # would call a function per row (SQLite evaluates it in Python), ten times slower at 100,000.
    applications = _within(
        MembershipApplication.objects.filter(submitted_at__gte=_start_of(months[0])), "province_id", scope.provinces
    ).aggregate(
        **{
            f"m{i}": Count("id", filter=Q(submitted_at__gte=_start_of(first), submitted_at__lt=_start_of(end)))
            for i, (first, end) in enumerate(zip(months, ends, strict=True))
        }
    )
    verified = _within(Member.objects.filter(joined_on__gte=months[0]), "province_id", scope.provinces).aggregate(
        **{
            f"m{i}": Count("id", filter=Q(joined_on__gte=first, joined_on__lt=end))
            for i, (first, end) in enumerate(zip(months, ends, strict=True))
        }
    )
    rows = [[month.strftime("%Y-%m"), applications[f"m{i}"], verified[f"m{i}"]] for i, month in enumerate(months)]
    return Table(
        "pendaftaran-bulanan",
        _("New applications and verified members per month"),
        [_("Month"), _("Applications"), _("Verified")],
        rows,
        chart="line",
    )


def dues_by_year(scope: Scope, today: datetime.date | None = None) -> Table:
    from registry.models import DuesInvoice

    today = today or timezone.localdate()
    invoices = _within(DuesInvoice.objects.all(), "member__province_id", scope.provinces)
    arrears = invoices.arrears_by_year(today)
    rows = []
    for year, billed, paid in (
        invoices.values_list("year")
        .annotate(billed=Sum("amount"), paid=Sum("amount", filter=Q(status=DuesInvoice.Status.PAID)))
        .order_by("year")
    ):
        rows.append([str(year), billed or 0, paid or 0, arrears.get(year, 0)])
    return Table("iuran", _("Dues by year (rupiah)"), [_("Year"), _("Billed"), _("Paid"), _("In arrears")], rows)


# --- certification --------------------------------------------------------------------------------
def certifications_by_scheme(scope: Scope) -> Table:
    from certification.models import CertificationApplication

    done = [CertificationApplication.Status.COMPETENT, CertificationApplication.Status.NOT_YET_COMPETENT]
    applications = _within(CertificationApplication.objects.filter(status__in=done), "scheme__lsp_id", scope.lsps)
    rows = []
    for code, name, competent, not_yet in (
        applications.values_list("scheme__code", "scheme__title")
        .annotate(
            competent=Count("id", filter=Q(status=CertificationApplication.Status.COMPETENT)),
            not_yet=Count("id", filter=Q(status=CertificationApplication.Status.NOT_YET_COMPETENT)),
        )
        .order_by("scheme__code")
    ):
        total = competent + not_yet
        rows.append([f"{code} — {name}", competent, not_yet, round(100 * competent / total, 1) if total else 0.0])
    return Table(
        "sertifikasi-skema",
        _("Assessment outcomes by scheme"),
        [_("Scheme"), _("Competent"), _("Not yet competent"), _("Pass rate (%)")],
        rows,
    )


def certificates_by_field(scope: Scope) -> Table:
    from certification.models import Certificate

    certificates = _within(Certificate.objects.all(), "lsp_id", scope.lsps)
    rows = [[field_ or "—", n] for field_, n in certificates.values_list("practice_field").annotate(n=Count("id")).order_by("-n")]
    return Table("sertifikat-bidang", _("Certificates by field of practice"), [_("Field"), _("Certificates")], rows)


# --- STR and licences ------------------------------------------------------------------------------
def credential_validity(scope: Scope, today: datetime.date | None = None) -> Table:
    from licensing.models import Licence, Status, Str

    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=90)
    if scope.provinces is None or scope.provinces:
        sources = [
            (_("STR"), _within(Str.objects.all(), "person__province_id", scope.provinces)),
            (_("Practice licences"), _within(Licence.objects.all(), "person__province_id", scope.provinces)),
        ]
    else:  # a licensing officer counts the licences their authority issued
        sources = [(_("Practice licences"), Licence.objects.filter(authority_id__in=scope.authorities or []))]
    rows = []
    for label, qs in sources:
        # Each credential in exactly one column; one whose first day is after today is not yet
        # in force (as its public page reads it), never counted as valid.
        in_force = Q(status=Status.VALID, valid_from__lte=today)
        figures = qs.aggregate(
            valid=Count("id", filter=in_force & Q(valid_until__gt=soon)),
            expiring=Count("id", filter=in_force & Q(valid_until__gte=today, valid_until__lte=soon)),
            not_yet=Count("id", filter=Q(status=Status.VALID, valid_from__gt=today)),
            expired=Count("id", filter=Q(status=Status.EXPIRED) | (in_force & Q(valid_until__lt=today))),
            suspended=Count("id", filter=Q(status=Status.SUSPENDED)),
            revoked=Count("id", filter=Q(status=Status.REVOKED)),
        )
        rows.append([label, *(figures[k] for k in ("valid", "expiring", "not_yet", "expired", "suspended", "revoked"))])
    return Table(
        "str-izin",
        _("STR and practice licences"),
        [
            _("Credential"),
            _("Valid"),
            _("Ending within 90 days"),
            _("Not yet in force"),
            _("Expired"),
            _("Suspended"),
            _("Revoked"),
        ],
        rows,
    )


# --- LKS ------------------------------------------------------------------------------------------
def _current_accreditations(scope: Scope, today: datetime.date):
    from accreditation.models import Accreditation

    # The latest accreditation of its LKS: no later one exists. Asked only of the few in force,
    # this is cheaper than finding every LKS's latest first (4x on PostgreSQL).
    superseded = Accreditation.objects.filter(lks_id=OuterRef("lks_id"), pk__gt=OuterRef("pk"))
    return _within(
        Accreditation.objects.filter(
            ~Exists(superseded), status=Accreditation.Status.VALID, valid_from__lte=today, valid_until__gte=today
        ),
        "lks__regency_id",
        scope.regencies,
    )


@dataclass(frozen=True)
class CurrentAccreditation:
    pk: int
    grade: str
    province_id: int
    valid_until: datetime.date


def current_accreditations(scope: Scope, today: datetime.date | None = None) -> list[CurrentAccreditation]:
    """Every LKS's accreditation in force today, read once for the grade, province and due
    tables (each finding the latest accreditation per LKS again took a third of the dashboard)."""
    today = today or timezone.localdate()
    return [
        CurrentAccreditation(*row)
        for row in _current_accreditations(scope, today).values_list("pk", "grade", "lks__province_id", "valid_until").order_by()
    ]


def lks_by_grade(scope: Scope, today: datetime.date | None = None, current: list | None = None) -> Table:
    from accreditation.models import LKS

    counts: dict[str, int] = {}
    for accreditation in current_accreditations(scope, today) if current is None else current:
        counts[accreditation.grade] = counts.get(accreditation.grade, 0) + 1
    total = _within(LKS.objects.all(), "regency_id", scope.regencies).count()
    rows = [[_("Grade %(grade)s") % {"grade": grade}, counts.get(grade, 0)] for grade in ("A", "B", "C")]
    rows.append([_("Not (or no longer) accredited"), total - sum(counts.get(g, 0) for g in ("A", "B", "C"))])
    return Table("lks-peringkat", _("LKS by accreditation grade"), [_("Grade"), _("LKS")], rows, chart="doughnut")


def lks_by_province(scope: Scope, today: datetime.date | None = None, current: list | None = None) -> Table:
    from accreditation.models import LKS
    from regions.models import Province

    registered = dict(
        _within(LKS.objects.all(), "regency_id", scope.regencies).values_list("province_id").annotate(n=Count("id")).order_by()
    )
    accredited: dict[int, int] = {}
    for accreditation in current_accreditations(scope, today) if current is None else current:
        accredited[accreditation.province_id] = accredited.get(accreditation.province_id, 0) + 1
    if scope.regencies is None:
        provinces = Province.objects.order_by("code")
    else:
        provinces = Province.objects.filter(pk__in=registered.keys() | accredited.keys()).order_by("code")
    rows = [[p.name, registered.get(p.pk, 0), accredited.get(p.pk, 0)] for p in provinces]
    return Table("lks-provinsi", _("LKS by province"), [_("Province"), _("Registered"), _("Accredited")], rows)


def lks_by_regency(scope: Scope, today: datetime.date | None = None) -> Table:
    """A regency-scoped officer's (Dinas Sosial) LKS by regency/city: only the regencies in scope."""
    from accreditation.models import LKS
    from regions.models import Regency

    registered = dict(
        _within(LKS.objects.all(), "regency_id", scope.regencies).values_list("regency_id").annotate(n=Count("id")).order_by()
    )
    accredited = dict(
        _current_accreditations(scope, today or timezone.localdate())
        .values_list("lks__regency_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    regencies = Regency.objects.filter(pk__in=scope.regencies or ()).order_by("code")
    rows = [[r.name, registered.get(r.pk, 0), accredited.get(r.pk, 0)] for r in regencies]
    return Table("lks-kabupaten", _("LKS by regency/city"), [_("Regency/city"), _("Registered"), _("Accredited")], rows)


def lks_by_target_group(scope: Scope) -> Table:
    from accreditation.models import LKS, TargetGroup

    counts = dict(
        _within(LKS.objects.all(), "regency_id", scope.regencies).values_list("target_groups").annotate(n=Count("id")).order_by()
    )
    rows = [[group.name, counts.get(group.pk, 0)] for group in TargetGroup.objects.all()]
    if counts.get(None):  # an LKS that names no target group is counted, not dropped
        rows.append([_("no target group"), counts[None]])
    return Table("lks-sasaran", _("LKS by target group"), [_("Target group"), _("LKS")], rows)


def lks_due(scope: Scope, today: datetime.date | None = None, current: list | None = None) -> Table:
    from django.conf import settings

    from accreditation.models import Accreditation

    today = today or timezone.localdate()
    until = today + datetime.timedelta(days=settings.PEKSOS_REACCREDITATION_NOTICE_DAYS)
    current = current_accreditations(scope, today) if current is None else current
    due = sorted((a for a in current if a.valid_until <= until), key=lambda a: (a.valid_until, a.pk))[:500]
    names = {
        pk: (lks, regency)
        for pk, lks, regency in Accreditation.objects.filter(pk__in=[a.pk for a in due]).values_list(
            "pk", "lks__name", "lks__regency__name"
        )
    }
    rows = [[*names[a.pk], a.grade, a.valid_until.isoformat()] for a in due]
    return Table(
        "lks-jatuh-tempo",
        _("LKS due for re-accreditation by %(date)s") % {"date": format_local(until)},
        [_("LKS"), _("Regency/city"), _("Grade"), _("Valid until")],
        rows,
        chart="none",
    )


def _lks_tables(scope: Scope) -> list[Table]:
    today = timezone.localdate()
    current = current_accreditations(scope, today)
    tables = [
        lks_by_grade(scope, today, current),
        lks_by_province(scope, today, current),
        lks_by_target_group(scope),
        lks_due(scope, today, current),
    ]
    if scope.regencies is not None:  # a Dinas Sosial officer: their own regencies, mapped
        tables.insert(2, lks_by_regency(scope, today))
    return tables


def _member_tables(scope: Scope) -> list[Table]:
    counts = member_counts(scope)
    tables = [
        members_by_province(scope, counts),
        members_by(scope, "category", counts),
        members_by(scope, "status", counts),
        members_by_education(scope),
        registrations_per_month(scope),
        dues_by_year(scope),
    ]
    if scope.provinces is not None and len(scope.provinces) == 1:  # a DPD: its province by regency
        tables.insert(1, members_by_regency(scope))
    return tables


SECTIONS = {
    "members": (gettext_lazy("IPSPI members"), lambda s: _member_tables(s)),
    "certifications": (
        gettext_lazy("Competency certification"),
        lambda s: [certifications_by_scheme(s), certificates_by_field(s)],
    ),
    "credentials": (gettext_lazy("STR and practice licences"), lambda s: [credential_validity(s)]),
    "lks": (gettext_lazy("LKS accreditation"), lambda s: _lks_tables(s)),
}


def tables_for(scope: Scope) -> list[tuple[str, list[Table]]]:
    return [(str(title), build(scope)) for key, (title, build) in SECTIONS.items() if scope.sees(key)]


@dataclass(frozen=True)
class Figures:
    computed_at: datetime.datetime
    sections: list[tuple[str, list[Table]]]


def _figures_key(scope: Scope) -> str:
    def ids(values):
        return None if values is None else sorted(values)

    parts = [
        ids(scope.provinces),
        ids(scope.lsps),
        ids(scope.authorities),
        ids(scope.regencies),
        list(scope.sections),
        translation.get_language(),
        timezone.localdate().isoformat(),
    ]
    return "dashboard-figures:" + hashlib.blake2b(json.dumps(parts).encode(), digest_size=16).hexdigest()


def figures_for(scope: Scope) -> Figures:
    """The dashboard's tables for this scope, computed at most once every
    PEKSOS_DASHBOARD_SECONDS (and afresh each day, per language) and shared through the cache:
    some thirty aggregates over the whole register take more than half a second at national
    scale, and officers read figures that are a few minutes old (the page says as of when).
    The scope is part of the key, so no one is ever shown figures beyond their own scope."""
    key = _figures_key(scope)
    figures = cache.get(key)
    if figures is None:
        figures = Figures(timezone.now(), tables_for(scope))
        cache.set(key, figures, settings.PEKSOS_DASHBOARD_SECONDS)
    return figures


def table_by_key(scope: Scope, key: str) -> Table | None:
    for _title, tables in figures_for(scope).sections:
        for table in tables:
            if table.key == key:
                return table
    return None


# --- reports for a past date (from the change history, so a report can be made again later) -------
def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _end_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))


def _as_of(model, day: datetime.date):
    """Each record's historical row as it stood at the end of `day` (records made later excluded)."""
    history = model.history.model
    latest = history.objects.filter(history_date__lt=_end_of(day)).values("id").annotate(last=Max("history_id")).values("last")
    return history.objects.filter(history_id__in=latest).exclude(history_type="-")


def awaiting_determination(day: datetime.date) -> list[dict]:
    """Results validated by BALKS and not yet determined by the Minister at the end of `day`."""
    from accreditation.models import LKS, AccreditationApplication, Instrument

    rows = list(
        _as_of(AccreditationApplication, day)
        .filter(status__in=[AccreditationApplication.Status.VALIDATED, AccreditationApplication.Status.SUBMITTED_TO_MINISTER])
        .values("id", "lks_id", "instrument_id", "total_score", "status", "batch_id")
    )
    lks = {x.pk: x for x in LKS.objects.filter(pk__in=[r["lks_id"] for r in rows]).select_related("regency", "province")}
    instruments = {i.pk: i for i in Instrument.objects.filter(pk__in={r["instrument_id"] for r in rows})}
    labels = dict(AccreditationApplication.Status.choices)
    result = []
    for r in rows:
        institution = lks[r["lks_id"]]
        band = (
            instruments[r["instrument_id"]].grade_for(r["total_score"])
            if r["instrument_id"] and r["total_score"] is not None
            else None
        )
        result.append(
            {
                "application": r["id"],
                "lks": institution.name,
                "regency": institution.regency.name,
                "province": institution.province.name,
                "score": r["total_score"],
                "grade": band.grade if band else "—",
                "status": labels.get(r["status"], r["status"]),
                "batch": r["batch_id"],
            }
        )
    return sorted(result, key=lambda x: (x["province"], x["regency"], x["lks"]))


def monthly_membership(province_ids, month: datetime.date) -> dict:
    """A DPD's month: applications, new members, dues received, and the members at month end
    broken down exactly as the dashboard breaks them down (the same counts and tables)."""
    from registry.models import DuesPayment, Member, MembershipApplication

    first = month.replace(day=1)
    last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    members_then = _within(_as_of(Member, last), "province_id", province_ids)
    scope = Scope(label="", provinces=province_ids)
    counts = member_counts(scope, _as_of(Member, last))
    categories = dict(Member._meta.get_field("category").choices)
    by_province = members_by_province(scope, counts).rows
    if province_ids is None:  # nationally: the provinces that have members (and the row for none)
        by_province = [row for row in by_province if row[1]]
    applications = _within(
        MembershipApplication.objects.filter(
            submitted_at__gte=_end_of(first - datetime.timedelta(days=1)), submitted_at__lt=_end_of(last)
        ),
        "province_id",
        province_ids,
    )
    payments = _within(
        DuesPayment.objects.filter(status=DuesPayment.Status.CONFIRMED, paid_on__gte=first, paid_on__lte=last),
        "invoice__member__province_id",
        province_ids,
    )
    paid = payments.aggregate(n=Count("id"), total=Sum("amount"))
    new_members = members_then.filter(joined_on__gte=first, joined_on__lte=last)
    return {
        "first": first,
        "last": last,
        "by_status": members_by(scope, "status", counts).rows,
        "by_category": members_by(scope, "category", counts).rows,
        "by_province": by_province,
        "members": sum(n for _province, _status, _category, n in counts),
        "applications": applications.count(),
        "new_members": new_members.count(),
        "new_member_rows": [
            (number, categories.get(category, category), joined)
            for number, category, joined in new_members.order_by("number").values_list("number", "category", "joined_on")[:1000]
        ],
        "payments": paid["n"] or 0,
        "paid_total": paid["total"] or 0,
    }


def certification_period(lsp_ids, first: datetime.date, last: datetime.date) -> dict:
    """An LSP's certificates issued and outcomes decided in a period."""
    from certification.models import Certificate

    certificates = _within(Certificate.objects.filter(issued_on__gte=first, issued_on__lte=last), "lsp_id", lsp_ids)
    by_scheme = [
        [f"{code} — {name}", n]
        for code, name, n in certificates.values_list("scheme__code", "scheme__title")
        .annotate(n=Count("id"))
        .order_by("scheme__code")
    ]
    return {"first": first, "last": last, "by_scheme": by_scheme, "total": sum(n for _s, n in by_scheme)}


def accountability_period(province_ids, first: datetime.date, last: datetime.date) -> dict:
    """The board's period in Peksos's own figures, for its accountability report to the Kongres
    (`province_ids` None: the whole country) or a Musda (its province): members at the period's
    end as the register stood then, new members, dues received and members in arrears, and the
    certificates, STRs, licences, accreditations and complaints of the period. People are
    counted in the province of their membership; LKS in their own province."""
    from accreditation.models import Accreditation
    from certification.models import Certificate
    from ethics.models import Complaint
    from licensing.models import Licence, Str
    from registry.models import DuesInvoice, DuesPayment, Member

    scope = Scope(label="", provinces=province_ids)
    members_then = _within(_as_of(Member, last), "province_id", province_ids)
    counts = member_counts(scope, _as_of(Member, last))
    payments = _within(
        DuesPayment.objects.filter(status=DuesPayment.Status.CONFIRMED, paid_on__gte=first, paid_on__lte=last),
        "invoice__member__province_id",
        province_ids,
    ).aggregate(n=Count("id"), total=Sum("amount"))
    in_arrears = (
        _within(DuesInvoice.objects.in_arrears(last), "member__province_id", province_ids).values("member_id").distinct().count()
    )
    certificates = _within(
        Certificate.objects.filter(issued_on__gte=first, issued_on__lte=last), "person__member__province_id", province_ids
    )
    by_scheme = [
        [f"{code} — {name}", n]
        for code, name, n in certificates.values_list("scheme__code", "scheme__title")
        .annotate(n=Count("id"))
        .order_by("scheme__code")
    ]
    accreditations = _within(
        Accreditation.objects.filter(decree_date__gte=first, decree_date__lte=last), "lks__province_id", province_ids
    )
    grades = _choices(Accreditation._meta.get_field("grade"))
    complaints = _within(Complaint.objects.all(), "respondent__member__province_id", province_ids)
    start, end = _start_of(first), _end_of(last)
    outcomes = _choices(Complaint._meta.get_field("outcome"))
    return {
        "first": first,
        "last": last,
        "members": sum(n for _province, _status, _category, n in counts),
        "by_status": members_by(scope, "status", counts).rows,
        "by_category": members_by(scope, "category", counts).rows,
        "new_members": members_then.filter(joined_on__gte=first, joined_on__lte=last).count(),
        "payments": payments["n"] or 0,
        "paid_total": payments["total"] or 0,
        "in_arrears": in_arrears,
        "certificates": sum(n for _scheme, n in by_scheme),
        "certificates_by_scheme": by_scheme,
        "strs": _within(
            Str.objects.filter(valid_from__gte=first, valid_from__lte=last), "person__member__province_id", province_ids
        ).count(),
        "licences": _within(
            Licence.objects.filter(decree_date__gte=first, decree_date__lte=last), "person__member__province_id", province_ids
        ).count(),
        "accreditations": accreditations.count(),
        "accreditations_by_grade": [
            [grades.get(grade, grade), n]
            for grade, n in accreditations.values_list("grade").annotate(n=Count("id")).order_by("grade")
        ],
        "complaints_lodged": complaints.filter(lodged_at__gte=start, lodged_at__lt=end).count(),
        "complaints_decided": complaints.filter(decided_at__gte=start, decided_at__lt=end).count(),
        "complaints_by_outcome": [
            [outcomes.get(outcome, outcome), n]
            for outcome, n in complaints.filter(decided_at__gte=start, decided_at__lt=end)
            .values_list("outcome")
            .annotate(n=Count("id"))
            .order_by("outcome")
        ],
    }
