"""The public registers as read from the database: who is a registered, certified, licensed
social worker, and what the QR code of a credential verifies.

Only public fields leave this module: name, member number, province, membership status, and
each credential's kind, number, issuer, field, validity and status. Never NIK, birth date,
address, phone, e-mail or documents.

The rows read travel as named tuples (`MemberRow`, `CredentialRow`, `VerificationRow`): each is
what the database gave for one record, so an answer drawn from them can be reused while they are
equal (portal/public_path.py), and the hottest reads are compiled once (core/prepared.py).
"""

import functools
from dataclasses import dataclass, field
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db import router
from django.db.models import Model, Q, QuerySet

from core.dates import register_day
from core.prepared import PreparedLeftJoin, PreparedQuery
from credentials.models import Credential
from ethics import public as ethics_public
from registry.models import NUMBER_PATTERN, Member, Person, normalise_name
from registry.name_index import name_matches

MAX_QUERY_LENGTH = 100
PAGE_SIZE = 20


def clean_query(raw: str | None) -> str:
    """Whitespace collapsed, control characters (a NUL byte among them, which PostgreSQL refuses
    in text) dropped, length bounded."""
    text = "".join(ch for ch in str(raw or "") if ch.isprintable() or ch.isspace())
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def in_model_order(model: type[Model], row: type[NamedTuple], *, then: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The row type's fields, which must be columns of `model` in the model's own order (and then
    the fields `then`, read beside them): `Model.from_db` takes a row of some columns only in that
    order. Checked when first read, so a field moved in the model stops the look-up with this
    message, not with a credential whose values sit in the wrong attributes."""
    columns = row._fields[: len(row._fields) - len(then)]
    model_order = [f.attname for f in model._meta.concrete_fields if f.attname in columns]
    if tuple(model_order) != columns or row._fields[len(columns) :] != then:
        raise TypeError(f"{row.__name__} must list {model.__name__}'s columns in the model's order: {(*model_order, *then)}")
    return columns


class MemberRow(NamedTuple):
    """A member as the register lists them (read as entry_columns(), in this order)."""

    id: int
    number: str
    status: str
    card_id: int | None
    person_id: int
    name: str
    province: str
    ever_sanctioned: bool  # whether the council ever published a sanction on them (ethics.public)


def entry_columns() -> tuple:
    """What the register reads of a member, in MemberRow's order."""
    return (
        "id",
        "number",
        "status",
        "credential_id",
        "person_id",
        "person__full_name",
        "province__name",
        ethics_public.ever_published(member="pk"),
    )


# Only the columns the public sees: the register is read far more often than it is written,
# and fetching whole rows (a credential's signed JWT, a person's private fields) costs more
# than the look-up itself. A status's category, never the officer's own words (status_reason).
class CredentialRow(NamedTuple):
    """A public credential of a member as the database driver gave it (dates as the driver
    writes them, claims undecoded on SQLite): `RegisterRead.entries` converts it."""

    id: int
    public_id: str
    kind: str
    number: str
    holder_name: str
    issuer_name: str
    holder_id: int
    valid_from: object
    valid_until: object
    status: str
    status_category: str
    claims: object


class VerificationRow(NamedTuple):
    """A credential behind a QR code as just read for its verification page, as the driver gave
    it: every value the page shows (never the signed form), so the page is reused while the row
    is the same; the credential is built from it only when the page has to be drawn."""

    id: int
    public_id: str
    kind: str
    number: str
    holder_name: str
    issuer_name: str
    holder_id: int | None  # whose public sanctions the page shows beside it (ethics.public)
    valid_from: object
    valid_until: object
    status: str
    status_category: str
    claims: object
    holder_sanctioned: object  # whether the council ever published a sanction on the holder (ethics.public)

    def credential(self) -> Credential:
        [converted] = BY_PUBLIC_ID.convert([self])
        columns = _verification_columns()
        return Credential.from_db(router.db_for_read(Credential), columns, converted[: len(columns)])


# Credentials held by a person, beside which the council's public sanctions on that person show.
PERSON_KINDS = frozenset({"member_card", "certificate", "str", "licence"})


def read_public_sanctions(row: VerificationRow, day) -> tuple:
    """The council's sanctions on the holder of a person's credential that the public sees on
    `day` (one indexed query, made only for a holder ever sanctioned; none for an institution's
    credential)."""
    if row.kind not in PERSON_KINDS or row.holder_id is None or not row.holder_sanctioned:
        return ()
    return ethics_public.of_person(row.holder_id, day)


# A member's credentials as the register lists them: the card first, then certificates, STRs
# and licences, newest first within each kind.
KIND_ORDER = ("member_card", "certificate", "str", "licence")


@functools.cache
def _credential_columns() -> tuple[str, ...]:
    return in_model_order(Credential, CredentialRow)


@functools.cache
def _verification_columns() -> tuple[str, ...]:
    return in_model_order(Credential, VerificationRow, then=("holder_sanctioned",))


def _by_public_id(public_id: str) -> QuerySet:
    return Credential.objects.filter(public_id=public_id).values_list(
        *_verification_columns(), ethics_public.ever_published(person="holder_id")
    )


# The verification page is opened by every QR code: its query is compiled once.
BY_PUBLIC_ID = PreparedQuery(Credential, _by_public_id, str)


def read_verification(public_id: str) -> VerificationRow | None:
    """The credential behind a QR code as the database holds it now, in one query."""
    found = BY_PUBLIC_ID.rows(public_id[:32], convert=False)
    return VerificationRow._make(found[0]) if found else None


@dataclass
class RegisterEntry:
    """One social worker as the public register shows them."""

    name: str
    number: str
    province: str
    status: str
    person_id: int
    card_id: int | None
    credentials: list = field(default_factory=list)
    sanctions: list = field(default_factory=list)  # ethics.public.PublicSanction, within their period

    @property
    def status_label(self) -> str:
        return str(Member.Status(self.status).label)


def _entries_by_number(number: str) -> QuerySet:
    return Member.objects.filter(number=number).values_list(*entry_columns())


def _entries_by_number_in_province(number: str, province_code: str) -> QuerySet:
    return Member.objects.filter(number=number, province__code=province_code).values_list(*entry_columns())


# The member-number look-up is the register's hottest path: compiled once (core/prepared.py).
ENTRY_BY_NUMBER = PreparedQuery(Member, _entries_by_number, str)
ENTRY_BY_NUMBER_IN_PROVINCE = PreparedQuery(Member, _entries_by_number_in_province, str, str)
_HELD_BY: dict[int, PreparedQuery] = {}


def _held_by_query(count: int) -> PreparedQuery:
    """Every public credential of `count` people in one query, compiled once per page size."""
    query = _HELD_BY.get(count)
    if query is None:

        def build(type_id, *ids):
            return (
                Credential.objects.filter(holder_type_id=type_id, holder_id__in=ids)
                .exclude(kind=Credential.Kind.ACCREDITATION)
                .values_list(*_credential_columns())
            )

        query = _HELD_BY.setdefault(count, PreparedQuery(Credential, build, *([int] * (count + 1))))
    return query


@functools.cache
def _member_with_credentials() -> PreparedLeftJoin:
    """The member with a number and every public credential they hold, in one statement: the
    look-up a QR code or an employer's system makes most."""

    def held_by_people_of(type_id):
        return (
            Credential.objects.filter(holder_type_id=type_id)
            .exclude(kind=Credential.Kind.ACCREDITATION)
            .values_list(*_credential_columns())
        )

    return PreparedLeftJoin(ENTRY_BY_NUMBER, PreparedQuery(Credential, held_by_people_of, int), on=("person_id", "holder_id"))


@dataclass(frozen=True)
class RegisterRead:
    """A page of the register as the database holds it now: the members' rows and the rows of
    every public credential they hold, as the database gave them. Everything the page shows
    follows from these (and from today's date), so a rendering of them can be reused."""

    members: tuple[MemberRow, ...] = ()
    held: tuple[CredentialRow, ...] = ()
    # The council's sanctions on these members that the public sees on the day read.
    sanctions: tuple = ()

    def entries(self) -> list[RegisterEntry]:
        if not self.members:
            return []
        page = [
            RegisterEntry(
                name=row.name,
                number=row.number,
                province=row.province,
                status=row.status,
                person_id=row.person_id,
                card_id=row.card_id,
            )
            for row in self.members
        ]
        sanctioned: dict[int, list] = {}
        for sanction in self.sanctions:
            sanctioned.setdefault(sanction.member_id, []).append(sanction)
        for entry, member in zip(page, self.members, strict=True):
            entry.sanctions = sanctioned.get(member.id, [])
        held: dict[int | None, list] = {}
        columns, alias = _credential_columns(), Credential.objects.db
        for row in _held_by_query(len({entry.person_id for entry in page})).convert(list(self.held)):
            credential = Credential.from_db(alias, columns, row)
            held.setdefault(credential.holder_id, []).append(credential)
        rank = {kind: i for i, kind in enumerate(KIND_ORDER)}
        for entry in page:
            # Only the member's current card: a card replaced by a newer one is no longer theirs to show.
            shown = [c for c in held.get(entry.person_id, ()) if c.kind != Credential.Kind.MEMBER_CARD or c.pk == entry.card_id]
            shown.sort(key=lambda c: (rank.get(c.kind, len(rank)), -c.valid_from.toordinal(), -c.pk))
            entry.credentials = shown
        return page


def read_social_workers(q: str = "", province_code: str = "", limit: int = PAGE_SIZE, offset: int = 0) -> RegisterRead:
    """A page of the register matching the search, read in two queries whatever it holds (the
    members, then their credentials), after a bounded count of a searched name's matches in the
    name index that each process remembers for a while (registry.name_index.name_matches)."""
    q, province_code = clean_query(q), clean_query(province_code)[:2]
    number = q.upper()
    if q and NUMBER_PATTERN.match(number):
        if not province_code:
            return read_member(number) if offset == 0 and limit > 0 else RegisterRead()
        rows = [MemberRow._make(row) for row in ENTRY_BY_NUMBER_IN_PROVINCE.rows(number, province_code)[offset : offset + limit]]
    else:
        members = Member.objects.all()
        if province_code:
            members = members.filter(province__code=province_code)
        if not q:
            if not province_code:
                return RegisterRead()  # no browsing the whole register page by page
            rows = _page(members, offset, limit)
        elif may_be_a_number(q) and (rows := _page(members.filter(_holders_of_number(q)), offset, limit)):
            pass  # a certificate, STR, licence or licence decree number names its holder
        elif not (key := normalise_name(q)):
            return RegisterRead()
        else:
            # Twice the page: not every person found is a member (legacy records not yet
            # claimed, applicants), so the first people rarely make a page on their own.
            first = 2 * (offset + limit)
            while True:
                named = name_matches(key, prefix="person__", first=first)
                rows = _page(members.filter(named.q), offset, limit)
                if not named.cut or len(rows) == limit:
                    break
                # People without a membership, or outside the province, left the first ones
                # short of a page: look further down the name order.
                first *= 4
    return _with_credentials(rows) if rows else RegisterRead()


def may_be_a_number(q: str) -> bool:
    """Every number Peksos issues has a digit in it; no name does."""
    return any(ch.isdigit() for ch in q)


def number_variants(q: str) -> list[str]:
    """As typed and upper-case: numbers are stored upper-case, and typed in any case."""
    return sorted({q, q.upper()})


def _holders_of_number(q: str) -> Q:
    """The people holding a credential with this number (certificate, STR, licence or member
    card), or the licence a decree with this number granted (the SIPPS decree, on the licence
    letter): two indexed look-ups (Credential.number, Licence.decree_number) as subqueries of
    the one query of members."""
    from licensing.models import Licence

    keys = number_variants(q)
    credentials = (
        Credential.objects.filter(number__in=keys, holder_type=ContentType.objects.get_for_model(Person))
        .exclude(kind=Credential.Kind.ACCREDITATION)
        .values("holder_id")
    )
    return Q(person_id__in=credentials) | Q(person_id__in=Licence.objects.filter(decree_number__in=keys).values("person_id"))


def _page(members, offset: int, limit: int) -> list[MemberRow]:
    rows = members.order_by("person__name_key", "number").values_list(*entry_columns())[offset : offset + limit]
    return [MemberRow._make(row) for row in rows]


def read_member(number: str) -> RegisterRead:
    """The member with this IPSPI number (as written on the card, any case) and their public
    credentials, read now in one query; empty when there is none."""
    number = number.strip().upper()
    if len(number) > MAX_QUERY_LENGTH or not NUMBER_PATTERN.match(number):
        return RegisterRead()
    members, held = _member_with_credentials().rows((number,), (ContentType.objects.get_for_model(Person).pk,))
    if not members:
        return RegisterRead()
    rows = tuple(map(MemberRow._make, members))
    return RegisterRead(members=rows, held=tuple(map(CredentialRow._make, held)), sanctions=_sanctions(rows))


def _sanctions(rows) -> tuple:
    return ethics_public.of_members([row.id for row in rows if row.ever_sanctioned], register_day())


def _with_credentials(rows: list[MemberRow]) -> RegisterRead:
    person_ids = sorted({row.person_id for row in rows})
    held = _held_by_query(len(person_ids)).rows(ContentType.objects.get_for_model(Person).pk, *person_ids, convert=False)
    return RegisterRead(members=tuple(rows), held=tuple(map(CredentialRow._make, held)), sanctions=_sanctions(rows))


def search_social_workers(q: str = "", province_code: str = "", limit: int = PAGE_SIZE, offset: int = 0) -> list[RegisterEntry]:
    """A page of the register matching the search, each entry with its public credentials (see
    read_social_workers for what it costs)."""
    return read_social_workers(q, province_code, limit, offset).entries()


def public_item(entry: RegisterEntry) -> dict:
    from credentials.public_api import credential_out

    return {
        "name": entry.name,
        "number": entry.number,
        "province": entry.province,
        "membership_status": entry.status,
        "membership_status_label": entry.status_label,
        "credentials": [credential_out(c, with_jwt=False) for c in entry.credentials],
        "sanctions": [
            {
                "kind": s.kind,
                "kind_label": s.kind_label,
                "reason": s.category_label,
                "reason_code": s.category,
                "since": s.starts_on,
                "until": s.ends_on,
            }
            for s in entry.sanctions
        ],
    }


def search_lks(
    q: str = "", regency_code: str = "", target_group: str = "", limit: int = PAGE_SIZE, province_code: str = ""
) -> list:
    """By name, province, regency or target group; or by an accreditation certificate or decree number."""
    from django.db.models import Q

    from accreditation.models import LKS, Accreditation
    from regions.models import Province, Regency

    q, regency_code, target_group = clean_query(q), clean_query(regency_code), clean_query(target_group)
    regency = Regency.objects.filter(code=regency_code[:5]).first() if regency_code else None
    province = Province.objects.filter(code=clean_query(province_code)[:2]).first() if province_code and not regency else None
    if not (q or regency or province or target_group):
        return []
    if q and may_be_a_number(q):
        # An accreditation certificate or decree number names the LKS it accredited (one decree
        # may name many); a number that names none is then searched as a name.
        keys = number_variants(q)
        accredited = Accreditation.objects.filter(Q(certificate_number__in=keys) | Q(decree_number__in=keys)).values("lks_id")
        found = _with_accreditations(
            LKS.objects.public_search("", regency=regency, target_group=target_group[:40], province=province).filter(
                pk__in=accredited
            ),
            limit,
        )
        if found:
            return found
    return _with_accreditations(
        LKS.objects.public_search(q, regency=regency, target_group=target_group[:40], province=province), limit
    )


def _with_accreditations(institutions, limit: int) -> list:
    from django.db.models import Prefetch

    from accreditation.models import Accreditation

    institutions = institutions.prefetch_related(
        "target_groups",
        Prefetch(
            "accreditations",
            queryset=Accreditation.objects.select_related("credential").order_by("-valid_from", "-pk"),
            to_attr="public_accreditations",
        ),
    ).order_by("name_key", "pk")
    results = list(institutions[:limit])
    for lks in results:
        lks._current_accreditation = lks.public_accreditations[0] if lks.public_accreditations else False
    return results


@dataclass(frozen=True)
class LksOverview:
    """What the LKS register shows before anyone searches: the latest determinations and how
    many institutions hold each grade, overall and by province."""

    recent: list
    by_grade: list[tuple[str, int]]
    by_province: list[tuple[str, int]]
    total: int


def lks_overview(*, recent: int = 8, provinces: int = 10) -> LksOverview:
    from django.db.models import Count, Q

    from accreditation.models import Accreditation, GradeBand
    from core.dates import register_day

    today = register_day()
    in_force = Accreditation.objects.filter(status=Accreditation.Status.VALID).exclude(grade=GradeBand.Grade.NOT_ACCREDITED)
    in_force = in_force.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    latest = list(in_force.select_related("lks__regency", "lks__province", "credential").order_by("-decree_date", "-pk")[:recent])
    labels = dict(GradeBand.Grade.choices)
    grades = {row["grade"]: row["n"] for row in in_force.values("grade").annotate(n=Count("lks", distinct=True))}
    by_grade = [(str(labels[g]), grades.get(g, 0)) for g in ("A", "B", "C")]
    by_province = [
        (row["lks__province__name"], row["n"])
        for row in in_force.values("lks__province__name")
        .annotate(n=Count("lks", distinct=True))
        .order_by("-n", "lks__province__name")[:provinces]
    ]
    return LksOverview(recent=latest, by_grade=by_grade, by_province=by_province, total=sum(n for _g, n in by_grade))


def lks_item(lks) -> dict:
    accreditation = lks.current_accreditation
    return {
        "name": lks.name,
        "regency": lks.regency.name,
        "province": lks.province.name,
        "target_groups": [g.name for g in lks.target_groups.all()],
        "accreditation": None
        if accreditation is None
        else {
            "grade": accreditation.grade,
            "valid_from": accreditation.valid_from,
            "valid_until": accreditation.valid_until,
            "status": accreditation.public_status(),
            "certificate_number": accreditation.certificate_number,
        },
        "credentials": [
            {
                "id": accreditation.credential.public_id,
                "type": accreditation.credential.kind,
                "verification_url": accreditation.credential.verification_url,
            }
        ]
        if accreditation is not None and accreditation.credential_id
        else [],
    }
