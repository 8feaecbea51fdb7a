"""The public registers: who is a registered, certified, licensed social worker.

Only public fields leave this module: name, member number, province, membership status, and
each credential's kind, number, issuer, field, validity and status. Never NIK, birth date,
address, phone, e-mail or documents.
"""

import functools
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from core.prepared import PreparedLeftJoin, PreparedQuery
from registry.models import NUMBER_PATTERN, Member, Person, name_matches, normalise_name

MAX_QUERY_LENGTH = 100
PAGE_SIZE = 20


def clean_query(raw: str | None) -> str:
    """Whitespace collapsed, control characters (a NUL byte among them, which PostgreSQL refuses
    in text) dropped, length bounded."""
    text = "".join(ch for ch in str(raw or "") if ch.isprintable() or ch.isspace())
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


# Only the columns the public sees: the register is read far more often than it is written,
# and fetching whole rows (a credential's signed JWT, a person's private fields) costs more
# than the look-up itself. A status's category, never the officer's own words (status_reason).
PUBLIC_CREDENTIAL_FIELDS = (
    "public_id",
    "kind",
    "number",
    "holder_name",
    "issuer_name",
    "valid_from",
    "valid_until",
    "status",
    "status_category",
    "claims",
)


# A member's credentials as the register lists them: the card first, then certificates, STRs
# and licences, newest first within each kind.
KIND_ORDER = ("member_card", "certificate", "str", "licence")
ENTRY_COLUMNS = ("id", "number", "status", "credential_id", "person_id", "person__full_name", "province__name")


@functools.cache
def _credential_columns() -> tuple[str, ...]:
    """The public columns in the model's own order, as `Model.from_db` expects them."""
    from credentials.models import Credential

    wanted = {"id", "holder_id", *PUBLIC_CREDENTIAL_FIELDS}
    return tuple(f.attname for f in Credential._meta.concrete_fields if f.attname in wanted)


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

    @property
    def status_label(self) -> str:
        return str(Member.Status(self.status).label)


def _entries_by_number(number: str) -> QuerySet:
    return Member.objects.filter(number=number).values_list(*ENTRY_COLUMNS)


def _entries_by_number_in_province(number: str, province_code: str) -> QuerySet:
    return Member.objects.filter(number=number, province__code=province_code).values_list(*ENTRY_COLUMNS)


# The member-number look-up is the register's hottest path: compiled once (core/prepared.py).
ENTRY_BY_NUMBER = PreparedQuery(Member, _entries_by_number, str)
ENTRY_BY_NUMBER_IN_PROVINCE = PreparedQuery(Member, _entries_by_number_in_province, str, str)
_HELD_BY: dict[int, PreparedQuery] = {}


def _held_by_query(count: int) -> PreparedQuery:
    """Every public credential of `count` people in one query, compiled once per page size."""
    from credentials.models import Credential

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
    from credentials.models import Credential

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

    members: tuple = ()
    held: tuple = ()

    def entries(self) -> list[RegisterEntry]:
        from credentials.models import Credential

        if not self.members:
            return []
        page = [
            RegisterEntry(name=name, number=number, province=province, status=status, person_id=person_id, card_id=card_id)
            for _id, number, status, card_id, person_id, name, province in self.members
        ]
        held: dict[int, list] = {}
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
    name index that each process remembers for a while (registry.models.name_matches)."""
    q, province_code = clean_query(q), clean_query(province_code)[:2]
    number = q.upper()
    if q and NUMBER_PATTERN.match(number):
        if not province_code:
            return read_member(number) if offset == 0 and limit > 0 else RegisterRead()
        rows = ENTRY_BY_NUMBER_IN_PROVINCE.rows(number, province_code)[offset : offset + limit]
    else:
        members = Member.objects.all()
        if province_code:
            members = members.filter(province__code=province_code)
        if not q:
            if not province_code:
                return RegisterRead()  # no browsing the whole register page by page
            rows = _page(members, offset, limit)
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


def _page(members, offset: int, limit: int) -> list[tuple]:
    return list(members.order_by("person__name_key", "number").values_list(*ENTRY_COLUMNS)[offset : offset + limit])


def read_member(number: str) -> RegisterRead:
    """The member with this IPSPI number (as written on the card, any case) and their public
    credentials, read now in one query; empty when there is none."""
    number = number.strip().upper()
    if len(number) > MAX_QUERY_LENGTH or not NUMBER_PATTERN.match(number):
        return RegisterRead()
    members, held = _member_with_credentials().rows((number,), (ContentType.objects.get_for_model(Person).pk,))
    return RegisterRead(members=tuple(members), held=tuple(held)) if members else RegisterRead()


def _with_credentials(rows: list[tuple]) -> RegisterRead:
    person_ids = sorted({row[4] for row in rows})
    held = _held_by_query(len(person_ids)).rows(ContentType.objects.get_for_model(Person).pk, *person_ids, convert=False)
    return RegisterRead(members=tuple(tuple(row) for row in rows), held=tuple(held))


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
    }


def search_lks(q: str = "", regency_code: str = "", target_group: str = "", limit: int = PAGE_SIZE) -> list:
    from django.db.models import Prefetch

    from accreditation.models import LKS, Accreditation
    from regions.models import Regency

    q, regency_code, target_group = clean_query(q), clean_query(regency_code), clean_query(target_group)
    regency = Regency.objects.filter(code=regency_code[:5]).first() if regency_code else None
    if not (q or regency or target_group):
        return []
    institutions = (
        LKS.objects.public_search(q, regency=regency, target_group=target_group[:40])
        .prefetch_related(
            "target_groups",
            Prefetch(
                "accreditations",
                queryset=Accreditation.objects.select_related("credential").order_by("-valid_from", "-pk"),
                to_attr="public_accreditations",
            ),
        )
        .order_by("name_key", "pk")
    )
    results = list(institutions[:limit])
    for lks in results:
        lks._current_accreditation = lks.public_accreditations[0] if lks.public_accreditations else False
    return results


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
