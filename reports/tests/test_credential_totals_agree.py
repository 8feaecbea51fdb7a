"""The STR and licence figures split every credential into exactly one column, and one whose
validity begins after today is "not yet in force", never counted as valid."""

import datetime

import pytest

from licensing.models import Status, Str
from registry.tests.factories import PersonFactory
from reports import queries

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 6)
NATIONAL = queries.Scope(label="n", provinces=None, lsps=None, authorities=None, regencies=None, sections=("credentials",))


def an_str(n, valid_from, valid_until, status=Status.VALID, **person):
    return Str.objects.create(
        number=f"STR.TEST.{n:05d}", person=PersonFactory(**person), valid_from=valid_from, valid_until=valid_until, status=status
    )


def test_every_str_is_counted_once_and_one_not_yet_in_force_is_not_valid():
    day = datetime.timedelta(days=1)
    an_str(1, TODAY - 400 * day, TODAY + 400 * day)  # valid
    an_str(2, TODAY - 400 * day, TODAY + 30 * day)  # ending within 90 days
    an_str(3, TODAY - 800 * day, TODAY - day)  # expired by date
    an_str(4, TODAY - 800 * day, TODAY - day, Status.EXPIRED)
    an_str(5, TODAY - 400 * day, TODAY + 400 * day, Status.SUSPENDED)
    an_str(6, TODAY - 400 * day, TODAY + 400 * day, Status.REVOKED)
    an_str(7, TODAY + 20 * day, TODAY + 2000 * day, province=None)  # decided, not in force yet; no province
    table = queries.credential_validity(NATIONAL, TODAY)
    columns = [str(c) for c in table.columns]
    [row] = [r for r in table.rows if r[0] == "STR"]
    figures = dict(zip(columns[1:], row[1:], strict=True))
    assert figures["Berlaku"] == 1 and figures["Belum berlaku"] == 1
    assert sum(row[1:]) == Str.objects.count() == 7
