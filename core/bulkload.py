"""Settings of one database connection for a bulk load (the legacy import, synthetic data).

SQLite's default page cache is 2 MB, smaller than the indexes that a bulk load writes into at
random places (NIKs, names, public ids), and its WAL is copied back into the database file (with
an fsync) every 1,000 pages, which a large batch passes at every commit. For the length of the
load the connection gets a larger cache and checkpoints less often; both are restored after, as
the connection may be reused (CONN_MAX_AGE). Other databases are left as they are.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections

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
