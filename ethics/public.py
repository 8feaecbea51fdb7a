"""What the public pages may show of the council's sanctions: only those within their
publication period on the day asked (Sanction.objects.public_on), as the kind, the public reason
category and the dates. Never the complaint, the complainant or the grounds. Each read is one
indexed query (ethics_sanction_public), made by the portal beside the rows it already reads and
only for those whose row says a sanction was ever published (`ever_published`)."""

import datetime
from typing import NamedTuple

from django.db.models import Exists, OuterRef

from core.prepared import PreparedQuery
from credentials.models import StatusCategory

from .models import Outcome, Sanction


class PublicSanction(NamedTuple):
    member_id: int
    kind: str
    category: str
    starts_on: datetime.date
    ends_on: datetime.date | None

    @property
    def kind_label(self) -> str:
        return str(Outcome(self.kind).label)

    @property
    def category_label(self) -> str:
        return str(StatusCategory(self.category).label) if self.category else ""


COLUMNS = ("member_id", "kind", "public_category", "starts_on", "ends_on")


# Read beside every QR verification and member-number look-up, the public site's hottest paths:
# compiled once (core/prepared.py), as their other queries are. A date cannot be a prepared
# parameter, so the few sanctions a person ever has are read and their publication period
# (Sanction.objects.public_on) is checked here.
_PERIOD = ("public_from", "public_until")
_BY_PERSON = PreparedQuery(
    Sanction,
    lambda person_id: (
        Sanction.objects.filter(member__person_id=person_id).order_by("-starts_on", "-pk").values_list(*COLUMNS, *_PERIOD)
    ),
    int,
)
_BY_MEMBER = PreparedQuery(
    Sanction,
    lambda member_id: Sanction.objects.filter(member_id=member_id).order_by("-starts_on", "-pk").values_list(*COLUMNS, *_PERIOD),
    int,
)


def ever_published(*, member: str = "", person: str = "") -> Exists:
    """A column for a public look-up: whether the council ever published a sanction on the outer
    row's member (`member`: the outer column holding the member's id) or on any membership of
    its person (`person`). Nearly no one has one, so the look-up reads the sanctions only when it is
    true: one round trip to the database instead of two on the public site's hottest paths."""
    if member:
        return Exists(Sanction.objects.filter(member_id=OuterRef(member), public_from__isnull=False))
    return Exists(Sanction.objects.filter(member__person_id=OuterRef(person), public_from__isnull=False))


def _public(rows, day: datetime.date) -> tuple[PublicSanction, ...]:
    return tuple(
        PublicSanction._make(row[: len(COLUMNS)])
        for row in rows
        if row[-2] is not None and row[-2] <= day and (row[-1] is None or row[-1] >= day)
    )


def of_members(member_ids, day: datetime.date) -> tuple[PublicSanction, ...]:
    ids = sorted(set(member_ids))
    if not ids:
        return ()
    if len(ids) == 1:
        return _public(_BY_MEMBER.rows(ids[0]), day)
    rows = Sanction.objects.public_on(day).filter(member_id__in=ids).order_by("member_id", "-starts_on", "-pk")
    return tuple(PublicSanction._make(row) for row in rows.values_list(*COLUMNS))


def of_person(person_id: int, day: datetime.date) -> tuple[PublicSanction, ...]:
    return _public(_BY_PERSON.rows(person_id), day)
