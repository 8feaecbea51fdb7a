"""What core/prepared.py takes from Django beyond its documented API, each pinned here.

The prepared queries compile a queryset once and then run its SQL on the driver's cursor with
new values, so they lean on how Django compiles and executes a query. When a Django upgrade
changes any of it, a test here fails and names what moved, before the public look-ups return
wrong rows or fail in production. Fix core/prepared.py (or drop the fast path for the plain ORM)
and update the pin.
"""

import datetime
import inspect

import django
import pytest
from django.db import DatabaseError, connection
from django.db.models.sql.compiler import SQLCompiler
from django.db.models.sql.query import Query

from core import prepared
from credentials.models import Credential
from credentials.tests.factories import issue


def relied_on(holds: bool, what: str) -> None:
    assert holds, f"core/prepared.py relies on {what}; Django {django.get_version()} no longer does this."


def _parameters(function) -> list[str]:
    return list(inspect.signature(function).parameters)


def _compiled(queryset):
    compiler = queryset.query.get_compiler(using=connection.alias)
    sql, params = compiler.as_sql()
    return compiler, sql, params


def test_what_it_imports_from_django_is_still_there():
    from django.db.backends.sqlite3 import base as sqlite

    relied_on(hasattr(sqlite, "FORMAT_QMARK_REGEX"), "django.db.backends.sqlite3.base.FORMAT_QMARK_REGEX")
    relied_on(
        _parameters(sqlite.SQLiteCursorWrapper.convert_query) == ["self", "query", "param_names"],
        "SQLiteCursorWrapper.convert_query(query, *, param_names=None)",
    )


def test_sqlites_placeholder_rewrite_is_the_one_it_makes_once():
    from django.db.backends.sqlite3.base import FORMAT_QMARK_REGEX, SQLiteCursorWrapper

    sql = "SELECT 1 FROM t WHERE a = %s AND b LIKE '50%%' AND c IN (%s, %s)"
    ours = FORMAT_QMARK_REGEX.sub("?", sql).replace("%%", "%")
    djangos = SQLiteCursorWrapper.convert_query(None, sql)
    relied_on(
        ours == djangos == "SELECT 1 FROM t WHERE a = ? AND b LIKE '50%' AND c IN (?, ?)",
        "SQLite's cursor wrapper's rewrite of %s to ?",
    )


def test_the_compiler_methods_it_calls_keep_their_signatures():
    relied_on("using" in _parameters(Query.get_compiler), "Query.get_compiler(using=alias)")
    relied_on(_parameters(SQLCompiler.as_sql)[:1] == ["self"], "SQLCompiler.as_sql() with no required argument")
    relied_on(_parameters(SQLCompiler.get_converters) == ["self", "expressions"], "SQLCompiler.get_converters(expressions)")
    relied_on(
        _parameters(SQLCompiler.apply_converters) == ["self", "rows", "converters"],
        "SQLCompiler.apply_converters(rows, converters)",
    )


@pytest.mark.django_db
def test_exact_and_in_values_reach_the_compiled_parameters_unchanged():
    marker, first, second = "\x1fprepared-parameter-0\x1f", -7_301_942_000_001, -7_301_942_000_002
    queryset = Credential.objects.filter(number=marker, holder_id__in=[first, second]).values_list("number")
    _compiler, _sql, params = _compiled(queryset)
    relied_on(isinstance(params, tuple | list), "SQLCompiler.as_sql() returning (sql, params)")
    relied_on({marker, first, second} <= set(params), "exact and __in values passed to the database as given")
    # A value the ORM rewrites (here wrapped in % for LIKE) is refused by PreparedQuery, not bound wrongly.
    _compiler, _sql, params = _compiled(Credential.objects.filter(number__contains=marker).values_list("number"))
    relied_on(marker not in params, "__contains values being rewritten (so a prepared query refuses them)")


@pytest.mark.django_db
def test_the_compiled_select_names_each_column_as_values_list_asked():
    columns = ("id", "holder_id", "number", "valid_from")
    compiler, sql, _params = _compiled(Credential.objects.filter(number="x").values_list(*columns))
    relied_on(
        hasattr(compiler, "select") and hasattr(compiler, "col_count"), "compiler.select and compiler.col_count after as_sql()"
    )
    relied_on(compiler.col_count == len(columns), "compiler.col_count counting the values_list columns")
    selected = compiler.select[: compiler.col_count]
    relied_on(all(len(entry) == 3 for entry in selected), "compiler.select entries being (expression, (sql, params), alias)")
    relied_on(
        tuple(alias for _expression, _sql, alias in selected) == columns, "compiler.select aliases naming the values_list columns"
    )
    # PreparedLeftJoin reads the two queries as derived tables and joins them on these names.
    quote = connection.ops.quote_name
    relied_on(
        all(f"AS {quote(column)}" in sql for column in columns), "values_list SQL naming each column with AS (joined on by name)"
    )


@pytest.mark.django_db
def test_the_compilers_converters_turn_driver_rows_into_the_orms():
    issue(number="LSPS.PIN", valid_until=datetime.date(2031, 1, 31))
    queryset = Credential.objects.filter(number="LSPS.PIN").values_list("valid_from", "claims")
    compiler, sql, params = _compiled(queryset)
    converters = compiler.get_converters([entry[0] for entry in compiler.select[: compiler.col_count]])
    relied_on(isinstance(converters, dict), "get_converters() returning {index: (converters, expression)}")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        raw = cursor.fetchall()
    converted = [tuple(row) for row in compiler.apply_converters(raw, converters)] if converters else raw
    relied_on(converted == list(queryset), "apply_converters() giving the rows the ORM gives")
    relied_on(isinstance(converted[0][0], datetime.date) and isinstance(converted[0][1], dict), "dates and JSON converted")


@pytest.mark.django_db
def test_the_connection_checks_it_makes_before_running_on_the_driver_are_there():
    for method in (
        "close_if_health_check_failed",
        "ensure_connection",
        "validate_thread_sharing",
        "validate_no_broken_transaction",
    ):
        relied_on(callable(getattr(connection, method, None)), f"connection.{method}()")
        required = [
            p
            for p in inspect.signature(getattr(connection, method)).parameters.values()
            if p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        ]
        relied_on(required == [], f"connection.{method}() taking no argument")
    relied_on(isinstance(connection.queries_logged, bool), "connection.queries_logged (queries recorded: use Django's cursor)")
    relied_on(isinstance(connection.execute_wrappers, list), "connection.execute_wrappers (a list of wrappers)")
    relied_on(callable(connection.ops.quote_name) and isinstance(connection.vendor, str), "connection.ops.quote_name and vendor")
    connection.ensure_connection()
    relied_on(hasattr(connection.connection, "cursor"), "connection.connection being the driver's connection")


@pytest.mark.django_db
def test_driver_errors_become_djangos_inside_wrap_database_errors():
    connection.ensure_connection()
    with pytest.raises(DatabaseError) as raised:
        with connection.wrap_database_errors:
            cursor = connection.connection.cursor()
            try:
                cursor.execute("SELECT no_such_column FROM no_such_table")
            finally:
                cursor.close()
    relied_on(type(raised.value).__module__.startswith("django."), "connection.wrap_database_errors raising Django's errors")


@pytest.mark.django_db
def test_the_driver_path_is_what_runs_outside_recorded_queries(monkeypatch):
    # The pins above matter because this path is taken outside DEBUG and assertNumQueries.
    issue(number="LSPS.PIN2")
    query = prepared.PreparedQuery(Credential, lambda number: Credential.objects.filter(number=number).values_list("number"), str)
    on_driver = []
    original = prepared._run_on_driver
    monkeypatch.setattr(prepared, "_run_on_driver", lambda *args: on_driver.append(args[1]) or original(*args))
    assert query.rows("LSPS.PIN2") == [("LSPS.PIN2",)]
    assert len(on_driver) == 1
    if connection.vendor == "sqlite":
        assert "?" in on_driver[0] and "%s" not in on_driver[0]  # rewritten once for the driver
