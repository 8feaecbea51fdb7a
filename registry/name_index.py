"""The suffix index of people's names (migration 0006) and the name search that reads it.

The index holds every suffix of every normalised name with the name, kept in step with
registry_person by triggers. `name_matches` turns a searched part of a name into a filter on
people, choosing between a range of the index and the ordered scan of the name index; the
choice only changes the cost, never who is found.
"""

import dataclasses
import math
import time
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models.expressions import RawSQL

TABLE = "registry_person_name_suffix"
INSERT_TRIGGER = "registry_person_name_suffix_ai"

# The suffixes beginning with a part of a name lie between it (the first parameter) and the same
# text with its last letter stepped up (the second): see name_matches.
COUNT_UP_TO = (
    "SELECT count(*) FROM (SELECT 1 FROM registry_person_name_suffix WHERE suffix >= %s AND suffix < %s LIMIT %s) AS found"
)
PEOPLE = "SELECT person_id FROM registry_person_name_suffix WHERE suffix >= %s AND suffix < %s"
# ... and only those up to the n-th in name order (OFFSET n - 1), with everyone of that name;
# all of them when there are fewer than n.
FIRST_PEOPLE = (
    "SELECT person_id FROM registry_person_name_suffix WHERE suffix >= %s AND suffix < %s AND name_key <= coalesce("
    "(SELECT name_key FROM registry_person_name_suffix WHERE suffix >= %s AND suffix < %s ORDER BY name_key LIMIT 1 OFFSET %s), "
    "name_key)"
)
FILL_AFTER = """INSERT OR IGNORE INTO registry_person_name_suffix (suffix, name_key, person_id)
    SELECT substr(p.name_key, position.n), p.name_key, p.id FROM registry_person p
    JOIN registry_name_position position ON position.n <= length(p.name_key)
    WHERE p.id > %s AND substr(p.name_key, position.n, 1) <> ' ' ORDER BY 1, 2, 3"""

# How many matches are worth gathering from the suffix index rather than walking the name index
# in order. The walk finds a page after about 20 * people / matches names when the matches are
# spread through the name order (a family name: "santoso" at a million people, 1.2 ms against
# 4.4 ms from the index), but far later when they cluster (a first name: "siti", 79 ms against
# 4 ms). Gathering costs a step per match: to join every match to the caller's query
# (GATHER_BALANCE), or only to order the matches' names in the index and find where the first
# `first` people end (ORDER_BALANCE, a far cheaper step). The bar is sqrt(balance * people):
# 2,000 and 16,000 at a million people (measured on this machine with the benchmark's names).
DENSE_NAME_MATCHES = 500
GATHER_BALANCE = 4
ORDER_BALANCE = 256
REMEMBERED_SECONDS = 600  # how long a process trusts a count it made (the register's size, a name's matches)


class Remembered:
    """What this process last counted, per database, to choose how to search: whether the index
    is there, how many people the register holds, how many suffixes a part of a name matched (up
    to the bar). Any answer is right whatever the counts have become since, so a name searched
    again (common names are searched most, and cost most to count) is not counted again for a
    while. Kept per database name, so a test database is never answered from another's counts."""

    KEPT = 4096

    def __init__(self):
        self.present: dict[tuple, bool] = {}
        self.people: dict[tuple, tuple[int, float]] = {}
        self.matches: dict[tuple, tuple[int, float]] = {}

    def clear(self) -> None:
        for store in (self.present, self.people, self.matches):
            store.clear()


remembered = Remembered()


def _database(connection) -> tuple:
    return (connection.alias, connection.settings_dict["NAME"])


def present(connection) -> bool:
    if connection.vendor not in ("sqlite", "postgresql"):
        return False
    return TABLE in connection.introspection.table_names()


def _present(connection) -> bool:
    key = _database(connection)
    known = remembered.present.get(key)
    if known is None:
        known = remembered.present[key] = present(connection)
    return known


def _people(connection) -> int:
    key = _database(connection)
    known = remembered.people.get(key)
    if known is None or time.monotonic() - known[1] > REMEMBERED_SECONDS:
        with connection.cursor() as cursor:
            cursor.execute("SELECT max(id) FROM registry_person")  # the primary key's last entry
            known = remembered.people[key] = ((cursor.fetchone()[0] or 0), time.monotonic())
    return known[0]


def _matches_up_to(connection, bounds: list[str], bar: int) -> int:
    key = (*_database(connection), bounds[0], bar)
    known = remembered.matches.get(key)
    if known is not None and time.monotonic() - known[1] < REMEMBERED_SECONDS:
        return known[0]
    with connection.cursor() as cursor:
        cursor.execute(COUNT_UP_TO, [*bounds, bar + 1])
        found = cursor.fetchone()[0]
    if len(remembered.matches) >= Remembered.KEPT:
        remembered.matches.clear()
    remembered.matches[key] = (found, time.monotonic())
    return found


@dataclasses.dataclass(frozen=True)
class NameMatches:
    """Who a search for part of a name finds, as a filter. `cut`: only the people up to the
    `first`-th in name order (and any sharing that one's name): exact for the first page of an
    unfiltered list ordered by name, short of the answer when other filters drop some of them."""

    q: models.Q
    cut: bool = False


def name_matches(key: str, *, prefix: str = "", first: int | None = None, using: str = DEFAULT_DB_ALIAS) -> NameMatches:
    """People whose normalised name contains `key` (itself normalised). A part of a name that
    few people bear is a range of the suffix index; a common one is left to the ordered scan,
    which stops at the first page. With `first`, the caller orders by name and reads no further
    than its first `first` people. Counting the matches (and, on PostgreSQL, reading the first
    people) queries the database now, while the filter is built."""
    connection = connections[using]
    if not key or not _present(connection):
        return NameMatches(models.Q(**{f"{prefix}name_key__contains": key}))
    # A normalised name holds only lower-case letters, digits and single spaces: the suffixes
    # beginning with `key` lie between it and the same text with its last letter stepped up.
    bounds = [key, key[:-1] + chr(ord(key[-1]) + 1)]
    people = _people(connection)
    bar = max(DENSE_NAME_MATCHES, math.isqrt((GATHER_BALANCE if first is None else ORDER_BALANCE) * people))
    found = _matches_up_to(connection, bounds, bar)
    if found > bar:
        return NameMatches(models.Q(**{f"{prefix}name_key__contains": key}))
    if first is None or found <= first:
        return NameMatches(models.Q(**{f"{prefix}id__in": RawSQL(PEOPLE, bounds)}))  # noqa: S611 (fixed SQL, bound values)
    params: list[str | int] = [*bounds, *bounds, first - 1]
    if connection.vendor == "sqlite":
        # One statement text whatever the name, which SQLite's statement cache keeps prepared.
        return NameMatches(models.Q(**{f"{prefix}id__in": RawSQL(FIRST_PEOPLE, params)}), cut=True)  # noqa: S611 (fixed SQL, bound values)
    # Read first, not left as a subquery: PostgreSQL's planner cannot tell that the first people
    # are few, and joined the whole member table to them (13 ms instead of 0.3).
    with connection.cursor() as cursor:
        cursor.execute(FIRST_PEOPLE, params)
        ids = list(dict.fromkeys(row[0] for row in cursor.fetchall()))
    return NameMatches(models.Q(**{f"{prefix}id__in": ids}), cut=True)


def name_contains(key: str, *, prefix: str = "") -> models.Q:
    """People whose normalised name contains `key`, as a filter (see name_matches)."""
    return name_matches(key, prefix=prefix).q


@contextmanager
def filled_afterwards(using: str = DEFAULT_DB_ALIAS):
    """For a bulk load of people inside a transaction: the new names' suffixes go in with one
    ordered pass at the end instead of one trigger run per person. Fifteen suffixes a person land
    all over the index; at a million people the random inserts took 6.6 minutes, against about 4
    for the rest of the load. On failure the transaction's rollback restores the trigger."""
    connection = connections[using]
    # PostgreSQL runs the trigger for each row of a COPY well enough, and switching it off would
    # lock the table against readers until the load commits.
    if connection.vendor != "sqlite" or not connection.in_atomic_block or not present(connection):
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = %s", [INSERT_TRIGGER])
        trigger = cursor.fetchone()
        if trigger is None:
            yield
            return
        cursor.execute("SELECT coalesce(max(id), 0) FROM registry_person")
        last_before = cursor.fetchone()[0]
        cursor.execute(f"DROP TRIGGER {INSERT_TRIGGER}")
    yield
    with connection.cursor() as cursor:
        cursor.execute(FILL_AFTER, [last_before])
        cursor.execute(trigger[0])
