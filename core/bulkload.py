"""Settings of one database connection for a bulk load (the legacy import, synthetic data).

SQLite's default page cache is 2 MB, smaller than the indexes that a bulk load writes into at
random places (NIKs, names, public ids), and its WAL is copied back into the database file (with
an fsync) every 1,000 pages, which a large batch passes at every commit. For the length of the
load the connection gets a larger cache and checkpoints less often; both are restored after, as
the connection may be reused (CONN_MAX_AGE). Other databases are left as they are.
"""

from __future__ import annotations

import functools
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connection, connections

CHECKPOINT_PAGES = 20_000  # about 80 MB of WAL between checkpoints


@contextmanager
def bulk_load(*, cache_mb: int = 128, using: str = DEFAULT_DB_ALIAS):
    connection = connections[using]
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        cache_before = cursor.fetchone()[0]
        cursor.execute("PRAGMA wal_autocheckpoint")
        checkpoint_before = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = {-int(cache_mb) * 1024}")
        cursor.execute(f"PRAGMA wal_autocheckpoint = {CHECKPOINT_PAGES}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(cache_before)}")
            cursor.execute(f"PRAGMA wal_autocheckpoint = {int(checkpoint_before)}")


# A table is analysed again once it holds this many times the pages its statistics were taken on.
STATISTICS_GROWTH = 2
STATISTICS_MIN_PAGES = 8  # below this (64 KB) any plan is fast


def refresh_grown_statistics(*, using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """ANALYZE, on PostgreSQL, each table that has grown past STATISTICS_GROWTH times its size when
    its statistics were taken (pg_class.relpages); the tables analysed. Called between the
    committed chunks of a bulk load: the planner estimates a table whose statistics were taken
    when it was (nearly) empty with default selectivities, and at go-live every table is. On a
    register built that day, `holder_type_id = … AND holder_id IN (500 ids)` then read every holder
    of the type through the type's index and compared each with the 500 ids: 240 ms per query,
    which made an import of 100,000 certificates take 145 s instead of 50. Autovacuum analyses
    such tables too, but a minute or more later (or never, where it is off); the import does not
    wait for it. The file size is read now (pg_relation_size), so the check needs no statistics
    collector."""
    connection = connections[using]
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE c.relkind = 'r' AND n.nspname = current_schema()"
            " AND pg_relation_size(c.oid) / current_setting('block_size')::int > GREATEST(%s * c.relpages, %s)",
            [STATISTICS_GROWTH, STATISTICS_MIN_PAGES],
        )
        grown = [name for (name,) in cursor.fetchall()]
        for name in grown:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(name)}")
    return grown


def insert_rows(table: str, columns: list[str], rows: list[tuple], *, using: str = DEFAULT_DB_ALIAS, batch: int = 2000) -> None:
    """Insert plain, already converted values: COPY on PostgreSQL (psycopg would otherwise parse
    every placeholder of a multi-row INSERT on the client, and send each row alone with
    executemany), prepared INSERTs on SQLite. Table and column names come from model metadata."""
    connection = connections[using]
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    sql = f"INSERT INTO {quote(table)} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            cursor.executemany(sql, rows[start : start + batch])


def reserve_ids(model, count: int) -> list[int]:
    """`count` fresh primary keys for `model`, inside the inserting transaction: from the
    sequence on PostgreSQL; past the highest id (and SQLite's AUTOINCREMENT mark) on SQLite,
    where the IMMEDIATE transaction already holds the write lock."""
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count])
            return [r[0] for r in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")  # noqa: S608 (table name from the model)
        top = cursor.fetchone()[0]
        if connection.vendor == "sqlite":
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            found = cursor.fetchone()
            top = max(top, found[0] if found else 0)
    return list(range(top + 1, top + 1 + count))


def _converter(field):
    kind = field.get_internal_type()
    if kind == "DateField":
        return connection.ops.adapt_datefield_value
    if kind == "DateTimeField":
        # A batch stamps every row with the same moment: convert it once, not per row.
        return functools.lru_cache(maxsize=64)(connection.ops.adapt_datetimefield_value)
    if kind in ("JSONField", "UUIDField"):  # a UUID is 32 hex characters on SQLite, uuid on PostgreSQL
        return lambda value: field.get_db_prep_save(value, connection)
    return None


def raw_insert(model, rows: list[dict], *, batch: int = 500) -> None:
    """Multi-row INSERT of plain values (keys: column attnames; missing columns are left to
    the database, e.g. an auto-increment history_id)."""
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if f.attname in rows[0]]
    converters = [(f.attname, _converter(f)) for f in fields]
    if connection.vendor == "postgresql":
        values = [
            tuple(convert(row[name]) if convert and row[name] is not None else row[name] for name, convert in converters)
            for row in rows
        ]
        insert_rows(model._meta.db_table, [f.column for f in fields], values)
        return
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholder = "(" + ", ".join(["%s"] * len(fields)) + ")"
    table = connection.ops.quote_name(model._meta.db_table)
    limit = getattr(connection.features, "max_query_params", None)
    if limit:
        batch = max(1, min(batch, limit // len(fields)))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            params: list = []
            for row in chunk:
                params.extend(
                    convert(row[name]) if convert and row[name] is not None else row[name] for name, convert in converters
                )
            sql = f"INSERT INTO {table} ({columns}) VALUES " + ", ".join([placeholder] * len(chunk))  # noqa: S608 (names from the model)
            cursor.execute(sql, params)
