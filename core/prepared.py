"""ORM queries compiled once and run many times with new values.

The public look-ups (a member number, a credential id) are the hottest paths of the site and
their SQL never changes, only the value looked up. Compiling a queryset to SQL costs ten times
more than running it on an indexed column (about 1 ms against 0.1 ms on this machine), so these
few queries are written with the ORM as usual, compiled once per database, and then executed
with the new value through the same compiler's converters: dates, JSON and so on come back as
the ORM would return them.

    MEMBER_BY_NUMBER = PreparedQuery(Member, lambda number: Member.objects.filter(number=number).values_list(...), str)
    MEMBER_BY_NUMBER.rows("IPSPI.32.2026.00001")

Only values that the ORM passes to the database unchanged can be parameters (exact matches and
`__in` lists of them); the builder is called with stand-in values that are found again among the
compiled parameters. LIMIT/OFFSET are part of the SQL, not parameters.

Outside tests, the compiled SQL runs on the database driver's own cursor: Django's cursor
wrapper (placeholder rewriting on SQLite, the wrapper chain, the debug hooks) cost twice as much
as the query itself. The same checks Django makes before a query are made here (health check,
thread, broken transaction) and driver errors become Django's. While queries are being recorded
(DEBUG, `assertNumQueries`) or wrapped (`connection.execute_wrapper`), Django's cursor is used,
so they see every query.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connections, router
from django.db.backends.sqlite3.base import FORMAT_QMARK_REGEX
from django.db.models import Model, QuerySet

_STAND_IN_BASE = -7_301_942_000_000


def _stand_in(kind: type, index: int):
    if kind is int:
        return _STAND_IN_BASE - index
    if kind is str:
        return f"\x1fprepared-parameter-{index}\x1f"
    raise TypeError(f"A prepared query takes int or str parameters, not {kind.__name__}")


class PreparedQuery:
    def __init__(self, model: type[Model], build: Callable[..., QuerySet], *kinds: type):
        self.model, self.build, self.kinds = model, build, kinds
        self._compiled: dict[str, tuple] = {}
        self._lock = threading.Lock()

    def _compile(self, alias: str) -> tuple:
        stand_ins = [_stand_in(kind, i) for i, kind in enumerate(self.kinds)]
        queryset = self.build(*stand_ins)
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        slots = [stand_ins.index(param) if param in stand_ins else None for param in params]
        missing = set(range(len(stand_ins))) - {s for s in slots if s is not None}
        if missing:
            raise ValueError(f"Parameters {sorted(missing)} did not reach the SQL unchanged; use plain exact matches")
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        converters = compiler.get_converters(fields)
        connection = connections[alias]
        # What SQLite's cursor wrapper would rewrite on every execution, rewritten once.
        driver_sql = FORMAT_QMARK_REGEX.sub("?", sql).replace("%%", "%") if connection.vendor == "sqlite" else sql
        return sql, driver_sql, tuple(params), tuple(slots), compiler, converters

    def compiled(self, alias: str) -> tuple:
        compiled = self._compiled.get(alias)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(alias) or self._compile(alias)
                self._compiled[alias] = compiled
        return compiled

    def columns(self, alias: str) -> list[str]:
        """The names of the columns read, in order."""
        compiler = self.compiled(alias)[4]
        return [name for _expression, _sql, name in compiler.select[: compiler.col_count]]

    def bind(self, alias: str, values: tuple) -> list:
        if len(values) != len(self.kinds):
            raise TypeError(f"expected {len(self.kinds)} values, got {len(values)}")
        _sql, _driver_sql, params, slots, _compiler, _converters = self.compiled(alias)
        return [param if slot is None else values[slot] for param, slot in zip(params, slots, strict=True)]

    def rows(self, *values, convert: bool = True) -> list[tuple]:
        """The rows for these values, read now. With `convert=False` they come as the driver
        gave them (for a digest of what changed; `convert()` them before use)."""
        alias = router.db_for_read(self.model)
        bound = self.bind(alias, values)
        sql, driver_sql = self.compiled(alias)[:2]
        found = _execute(connections[alias], sql, driver_sql, bound)
        return self.convert(found, alias) if convert else found

    def convert(self, found: list, alias: str | None = None) -> list[tuple]:
        """Rows as the ORM would return them: dates, JSON and so on."""
        _sql, _driver_sql, _params, _slots, compiler, converters = self.compiled(alias or router.db_for_read(self.model))
        if converters:
            return [tuple(row) for row in compiler.apply_converters(found, converters)]
        return [tuple(row) for row in found]


class PreparedLeftJoin:
    """Two prepared queries read in one statement: each row of `left` with each row of `right`
    whose `on[1]` column equals its `on[0]` column (a row of `left` with none still comes). For a look-up whose second query only follows from the first one's rows: one trip
    to the database instead of two.

        MEMBER_WITH_CREDENTIALS = PreparedLeftJoin(MEMBER_BY_NUMBER, CREDENTIALS_OF_PEOPLE, on=("person_id", "holder_id"))
        members, credentials = MEMBER_WITH_CREDENTIALS.rows((number,), (person_type_id,))

    `right` is written for every holder (the join picks theirs); both come back as their own
    query would give them, without repeats: `left`'s rows converted, `right`'s as the driver
    gave them unless `convert=True`.
    """

    def __init__(self, left: PreparedQuery, right: PreparedQuery, *, on: tuple[str, str]):
        self.left, self.right, self.on = left, right, on
        self._sql: dict[str, tuple[str, str, int, int]] = {}  # per database: SQL, driver SQL, left width, right key

    def _joined(self, alias: str) -> tuple[str, str, int, int]:
        joined = self._sql.get(alias)
        if joined is None:
            quote = connections[alias].ops.quote_name
            (left_sql, left_driver, *_), (right_sql, right_driver, *_) = self.left.compiled(alias), self.right.compiled(alias)
            left_key, right_key = (quote(column) for column in self.on)
            template = (
                "SELECT * FROM ({}) AS prepared_left LEFT JOIN ({}) AS prepared_right ON prepared_right.{} = prepared_left.{}"
            )
            width = len(self.left.columns(alias))
            # A row of `left` without any of `right` has NULL there; a joined one never has.
            matched = width + self.right.columns(alias).index(self.on[1])
            joined = self._sql.setdefault(
                alias,
                (
                    template.format(left_sql, right_sql, right_key, left_key),
                    template.format(left_driver, right_driver, right_key, left_key),
                    width,
                    matched,
                ),
            )
        return joined

    def rows(self, left_values: tuple, right_values: tuple, *, convert: bool = False) -> tuple[list[tuple], list[tuple]]:
        """For look-ups of a few rows: each of `left`'s comes once, in the order first read."""
        alias = router.db_for_read(self.left.model)
        bound = self.left.bind(alias, left_values) + self.right.bind(alias, right_values)
        sql, driver_sql, width, matched = self._joined(alias)
        left, right = [], []
        for row in _execute(connections[alias], sql, driver_sql, bound):
            head = tuple(row[:width])
            if head not in left:
                left.append(head)
            if row[matched] is not None:
                right.append(tuple(row[width:]))
        return self.left.convert(left, alias), (self.right.convert(right, alias) if convert else right)


def _execute(connection, sql: str, driver_sql: str, params: list) -> list:
    if connection.queries_logged or connection.execute_wrappers:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    return _run_on_driver(connection, driver_sql, params)


def _run_on_driver(connection, sql: str, params: list) -> list:
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    connection.validate_no_broken_transaction()
    with connection.wrap_database_errors:
        cursor = connection.connection.cursor()
        try:
            cursor.execute(sql, params)
            return cursor.fetchall()
        finally:
            cursor.close()
