"""Synthetic national data for load tests and benchmarks.

    python manage.py generate_synthetic --members 100000 --lks 23000 --seed 1

Each app that has a ``<app>.synthetic`` module with ``generate(*, members, lks, seed, progress)``
is called in INSTALLED_APPS order (lowest layer first, as ``seed_demo`` does with ``<app>.demo``);
with ``--light`` only generators that take ``light=True`` run, making only what look-ups read.
A generator returns a dict of counts for the summary. The data is deterministic for a seed and
the database it starts from: running again appends more (new NIKs, the next numbers).

Generators write with ``bulk_insert`` below: explicit primary keys (so related rows can point at
each other without a round trip), ``bulk_create`` in batches, the simple-history "created" row
for every model that keeps history, and sequences reset afterwards on PostgreSQL. Run it on a
quiet database (a bench or staging copy), never on production.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Callable
from importlib import import_module
from importlib.util import find_spec
from typing import cast

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connection, connections, models, transaction
from django.db.models.base import ModelState
from django.utils import timezone
from tqdm import tqdm

from core.bulkload import bulk_load, insert_rows

_touched: set[type[models.Model]] = set()


def next_pk(model: type[models.Model]) -> int:
    """The first free primary key of `model` (rows are added with explicit keys from here)."""
    return (model._base_manager.aggregate(top=models.Max("pk"))["top"] or 0) + 1


def _blueprint(model: type[models.Model]):
    attnames = frozenset(f.attname for f in model._meta.concrete_fields)
    constant, produced = {}, []
    for f in model._meta.concrete_fields:
        if f.has_default() and callable(f.default):
            produced.append((f.attname, f.default))
        else:
            constant[f.attname] = f.get_default()
    return constant, produced, attnames


_blueprints: dict[type[models.Model], tuple] = {}


def build(model: type[models.Model], **values):
    """An unsaved `model` instance for `bulk_insert`, made without `Model.__init__`, which
    prepares every field and sends two signals per instance: a fifth of the generation time at
    100,000 members. `values` are by attname (`person_id`, not `person`); other fields take their
    defaults, as they would in `Model(**values)`."""
    blueprint = _blueprints.get(model)
    if blueprint is None:
        blueprint = _blueprints[model] = _blueprint(model)
    constant, produced, attnames = blueprint
    if not values.keys() <= attnames:
        raise TypeError(f"{model.__name__} has no column {sorted(values.keys() - attnames)}; pass foreign keys as <name>_id")
    obj = model.__new__(model)
    state = obj.__dict__
    state.update(constant)
    for attname, make in produced:
        if attname not in values:
            state[attname] = make()
    state.update(values)
    state["_state"] = ModelState()
    return obj


PLAIN_TYPES = {
    "CharField",
    "TextField",
    "EmailField",
    "SlugField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
    "BooleanField",
    "AutoField",
    "BigAutoField",
    "ForeignKey",
    "OneToOneField",
}


def _column_writer(field, now):
    """How to turn a model attribute into a database parameter, cheaply: plain values (text,
    numbers, booleans, keys, and dates on PostgreSQL) go as they are; dates on SQLite as the text
    Django's backend would write; the rest through the field's own conversion. The field's own
    conversion of a date cost a fifth of the generation time at 100,000 members."""
    internal = field.get_internal_type()
    connection = connections[DEFAULT_DB_ALIAS]  # the real connection, not the thread-local proxy
    stamped = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    if internal in PLAIN_TYPES or internal.startswith("FSM"):
        return None
    if internal in ("DateField", "DateTimeField") and connection.vendor == "postgresql":
        return (lambda value: value or now) if stamped else None  # psycopg adapts dates and aware datetimes itself
    if internal == "DateField" and connection.vendor == "sqlite":
        return lambda value: (value or now.date()).isoformat() if stamped or value is not None else None
    if internal == "DateTimeField" and connection.vendor == "sqlite":
        zone = connection.timezone  # what django.db.backends.sqlite3 writes: naive in the connection's zone
        return lambda value: str((value or now).astimezone(zone).replace(tzinfo=None)) if stamped or value is not None else None
    if stamped:
        return lambda value, f=field: f.get_db_prep_save(value or now, connection)
    return lambda value, f=field: f.get_db_prep_save(value, connection)


def bulk_insert(model: type[models.Model], objs: list, *, history: bool = True, reason: str = "synthetic data") -> list:
    """Insert `objs` (with their pks already set) and, if the model keeps history, one "created"
    history row each (dated `obj._history_date` when set). Far faster than `bulk_create` (no
    per-value ORM preparation for plain columns); no signals are sent, as with `bulk_create`."""
    if not objs:
        return objs
    fields = list(model._meta.concrete_fields)
    now = timezone.now()
    writers = [(f.attname, _column_writer(f, now)) for f in fields]
    rows = []
    for obj in objs:
        # The instance's own dict, not its attributes: a file field's descriptor would wrap
        # every value in a FieldFile only for it to be turned back into text.
        values = obj.__dict__
        rows.append(tuple(values[attname] if writer is None else writer(values[attname]) for attname, writer in writers))
    insert_rows(model._meta.db_table, [cast(str, f.column) for f in fields], rows)  # concrete: never None
    _touched.add(model)
    manager = getattr(model, "history", None)
    if history and manager is not None:
        _insert_history(manager.model, model, objs, rows, [f.attname for f in fields], reason)
    return objs


def _insert_history(history_model, model, objs, rows, attnames, reason) -> None:
    connection = connections[DEFAULT_DB_ALIAS]
    position = {name: i for i, name in enumerate(attnames)}
    now = timezone.now()
    date_field = history_model._meta.get_field("history_date")
    by_attname = {f.attname: f for f in history_model._meta.concrete_fields if not f.primary_key}
    extras = [name for name in by_attname if name not in position]
    if all(name in by_attname for name in attnames) and set(extras) == {
        "history_date",
        "history_change_reason",
        "history_type",
        "history_user_id",
    }:
        # The usual shape: every column of the model, then the four history columns.
        columns = [by_attname[name].column for name in attnames] + [
            by_attname[name].column for name in ("history_date", "history_change_reason", "history_type", "history_user_id")
        ]
        write_date = _column_writer(date_field, now) or (lambda value: value)
        default_date = write_date(now)
        history_rows = [
            (
                *row,
                write_date(obj._history_date) if hasattr(obj, "_history_date") else default_date,
                getattr(obj, "_change_reason", None) or reason,
                "+",
                None,
            )
            for obj, row in zip(objs, rows, strict=True)
        ]
        insert_rows(history_model._meta.db_table, columns, history_rows)
        return
    columns = []
    getters: list[Callable[..., object]] = []  # (obj, row) -> the column's value
    for field in history_model._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(field.column)
        if field.attname == "history_date":
            getters.append(lambda obj, row: date_field.get_db_prep_save(getattr(obj, "_history_date", None) or now, connection))
        elif field.attname == "history_type":
            getters.append(lambda obj, row: "+")
        elif field.attname == "history_change_reason":
            getters.append(lambda obj, row: getattr(obj, "_change_reason", None) or reason)
        elif field.attname == "history_user_id":
            getters.append(lambda obj, row: None)
        elif field.attname in position:
            getters.append(lambda obj, row, i=position[field.attname]: row[i])
        elif field.attname == "history_relation_id":
            getters.append(lambda obj, row: obj.pk)
        else:
            getters.append(lambda obj, row, f=field: f.get_db_prep_save(f.get_default(), connection))
    history_rows = [tuple(get(obj, row) for get in getters) for obj, row in zip(objs, rows, strict=True)]
    insert_rows(history_model._meta.db_table, columns, history_rows)


def reset_sequences() -> None:
    """After explicit keys, PostgreSQL's sequences must move past them (SQLite follows by itself)."""
    if not _touched:
        return
    statements = connection.ops.sequence_reset_sql(no_style(), list(_touched))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
    _touched.clear()


def generators():
    for config in apps.get_app_configs():
        if config.name.startswith(("django", "allauth")):
            continue
        if find_spec(f"{config.name}.synthetic"):
            module = import_module(f"{config.name}.synthetic")
            if hasattr(module, "generate"):
                yield config.label, module


class Command(BaseCommand):
    help = "Generate deterministic synthetic national data (members, LKS, …) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=1000, help="How many social workers (people) to add.")
        parser.add_argument("--lks", type=int, default=100, help="How many social-welfare institutions (LKS) to add.")
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed: the same seed on the same database gives the same data."
        )
        parser.add_argument("--only", default="", help="Comma-separated app labels to run (default: all).")
        parser.add_argument(
            "--light",
            action="store_true",
            help="Growth data: only what look-ups read (people, members, member cards), without details or history; "
            "generators that have no light mode are skipped.",
        )

    def handle(self, *args, members, lks, seed, only, light=False, **options):
        if members < 0 or lks < 0:
            raise CommandError("--members and --lks must be zero or more.")
        quiet = options.get("verbosity", 1) == 0
        wanted = {label.strip() for label in only.split(",") if label.strip()}

        def progress(desc: str, total: int):
            return tqdm(total=total, desc=desc, unit=" rows", disable=quiet, file=self.stderr._out, leave=False, mininterval=0.5)

        started = time.perf_counter()
        summary: list[tuple[str, dict]] = []
        for label, module in generators():
            if wanted and label not in wanted:
                continue
            extra = {}
            if light:
                if "light" not in inspect.signature(module.generate).parameters:
                    continue
                extra["light"] = True
            app_started = time.perf_counter()
            with bulk_load(cache_mb=256), transaction.atomic():
                counts = module.generate(members=members, lks=lks, seed=seed, progress=progress, **extra) or {}
                reset_sequences()
            summary.append((label, {**counts, "seconds": round(time.perf_counter() - app_started, 1)}))
        if connection.vendor == "postgresql":
            # Fresh planner statistics and visibility map: right after a bulk load the planner
            # still believes the tables are nearly empty and picks plans that are slow at scale,
            # and an index-only scan still visits every row it finds in the table to learn
            # whether it is visible (autovacuum would catch up later; a benchmark must not
            # measure that gap).
            with connection.cursor() as cursor:
                # VACUUM cannot run inside a transaction (a caller's, as in tests).
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")
        if not quiet:
            for label, counts in summary:
                parts = ", ".join(
                    f"{key} {value:,}" if isinstance(value, int) else f"{key} {value}" for key, value in counts.items()
                )
                self.stdout.write(f"  {label}: {parts}")
            self.stdout.write(
                self.style.SUCCESS(f"Synthetic data generated in {time.perf_counter() - started:.1f} s (seed {seed}).")
            )
