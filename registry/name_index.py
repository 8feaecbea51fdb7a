"""The suffix index of people's names (migration 0006): every suffix of every normalised name
with the name, kept in step with registry_person by triggers."""

from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections

TABLE = "registry_person_name_suffix"
INSERT_TRIGGER = "registry_person_name_suffix_ai"

# The suffixes beginning with a part of a name lie between it (the first parameter) and the same
# text with its last letter stepped up (the second): see registry.models.name_matches.
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


def present(connection) -> bool:
    if connection.vendor not in ("sqlite", "postgresql"):
        return False
    return TABLE in connection.introspection.table_names()


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
