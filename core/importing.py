"""What every import of existing records shares (members, LKS, certificates, STRs, licences,
accreditations), so that officers meet the same tolerance, the same report and the same command
whatever they load:

* headers matched ignoring case, spacing, punctuation, a BOM and each importer's aliases;
* cells cleaned the same way (spreadsheets hold numbers as floats, whitespace anywhere);
* dates in the forms `core.dates.parse_flexible_date` accepts;
* one report shape: ``rows, created, merged, unchanged, rejected, problems: [{row, field, message}]``
  with the spreadsheet's own row numbers (the header is row 1);
* one command shape: ``FILE [--dry-run] [--report REPORT.json]``, a progress bar, summary lines.

An importer supplies its aliases, its row rules and a function
``import_something(handle, name, *, dry_run, progress, **options) -> dict``; `ImportCommand`
wraps it for the command line.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from core.dates import DateParseError, parse_flexible_date
from core.errors import DomainError
from core.tables import TableFileError, header_key, read_table

__all__ = [
    "DateParseError",
    "ImportCommand",
    "RecordImporter",
    "Report",
    "RowRejected",
    "TableFileError",
    "cell_date",
    "cell_text",
    "header_normaliser",
    "normalise_header",
    "read_rows",
]


def normalise_header(text, aliases: dict[str, str] | None = None) -> str:
    """`Nama Lembaga`, ` NAMA_LEMBAGA `, `\ufeffnama-lembaga` all read `nama_lembaga`, then the
    importer's aliases map it to its own column name."""
    return header_key(text, aliases)


def header_normaliser(aliases: dict[str, str]) -> Callable[[object], str]:
    def normalise(text) -> str:
        return header_key(text, aliases)

    return normalise


def cell_text(value, limit: int | None = None) -> str:
    """A cell as one line of text: whitespace collapsed; a float that is a whole number (how
    spreadsheets hold 2019 or a NIK) written without `.0`."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, datetime.datetime):
        value = value.date()
    text = " ".join(str(value).split())
    return text[:limit] if limit else text


def cell_date(value) -> datetime.date | None:
    """A date cell in any accepted form, or None when empty. Raises DateParseError."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_flexible_date(value.strip() if isinstance(value, str) else value)


def read_rows(
    handle, name: str, *, required: str, normalise: Callable[[object], str] = header_key, progress=None
) -> Iterator[tuple[int, dict]]:
    """The data rows of a CSV/XLSX file as (row number, {column: value}), wrapped in `progress`
    (e.g. tqdm) when given. Raises TableFileError when the file as a whole cannot be read."""
    rows, total = read_table(handle, name, required=required, normalise=normalise)
    return progress(rows, total) if progress is not None else rows


@dataclass
class Report:
    """What an import did, row by row. `problems` hold both the reasons a row was rejected and
    the remarks on a row that was imported (a field left empty, a validity that contradicts the
    rules); `rejected` counts the rows that imported nothing."""

    dry_run: bool = False
    source: str = ""
    rows: int = 0
    created: int = 0
    merged: int = 0
    unchanged: int = 0
    rejected: int = 0
    problems: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    def problem(self, row: int, column: str, message) -> None:
        self.problems.append({"row": row, "field": column, "message": str(message)})

    def as_dict(self) -> dict:
        result: dict[str, object] = {"dry_run": self.dry_run}
        if self.source:
            result["source"] = self.source
        result.update(
            rows=self.rows,
            created=self.created,
            merged=self.merged,
            unchanged=self.unchanged,
            rejected=self.rejected,
            problems=self.problems,
        )
        result.update(self.extra)
        return result


class RowRejected(Exception):
    """Raised by a row rule: the row imports nothing; (field, message) go to the report."""

    def __init__(self, column: str, message):
        super().__init__(str(message))
        self.field = column
        self.message = str(message)


def cell_date_of(raw: dict, column: str, *, required: bool = False) -> datetime.date | None:
    """The date in `column`, as a row rule: a missing required date or an unreadable one rejects the row."""
    try:
        value = cell_date(raw.get(column))
    except DateParseError as exc:
        raise RowRejected(column, str(exc)) from None
    if value is None and required:
        raise RowRejected(column, _("The date is empty."))
    return value


def check_period(start: datetime.date, end: datetime.date | None, end_column: str) -> None:
    if end is not None and end < start:
        raise RowRejected(
            end_column,
            _("The end of validity %(end)s is before the start %(start)s.")
            % {"end": end.isoformat(), "start": start.isoformat()},
        )


def flag_validity(report: Report, row: int, column: str, end: datetime.date | None, allowed: datetime.date | None, rule) -> None:
    """A validity longer than the rules in force allowed is imported as the source states (the
    decree or certificate is the legal fact) and remarked on, for the owner to look into."""
    if end is not None and allowed is not None and end > allowed:
        report.problem(
            row,
            column,
            _("Valid until %(end)s, beyond the %(allowed)s that %(rule)s allows; imported as the source states.")
            % {"end": end.isoformat(), "allowed": allowed.isoformat(), "rule": rule},
        )


def derived_status(status: str | None, valid_until: datetime.date | None, today: datetime.date) -> str:
    """The status the source gives, or else the one its dates imply."""
    if status:
        return status
    return "expired" if valid_until is not None and valid_until < today else "valid"


# How lists write a record's status; the values are the status codes every credential-bearing
# record uses (valid, suspended, revoked, expired).
STATUS_WORDS = {
    "berlaku": "valid",
    "aktif": "valid",
    "valid": "valid",
    "dibekukan": "suspended",
    "beku": "suspended",
    "ditangguhkan": "suspended",
    "suspended": "suspended",
    "dicabut": "revoked",
    "cabut": "revoked",
    "revoked": "revoked",
    "kedaluwarsa": "expired",
    "kadaluwarsa": "expired",
    "kadaluarsa": "expired",
    "kedaluarsa": "expired",
    "habis": "expired",
    "expired": "expired",
}


def cell_status(value, column: str = "status", allowed: tuple[str, ...] = ("valid", "suspended", "revoked", "expired")):
    """The status code a cell names, or None when empty (the importer derives it from the dates)."""
    text = cell_text(value).lower().replace("-", " ")
    if not text:
        return None
    status = STATUS_WORDS.get(text) or STATUS_WORDS.get(text.replace(" ", ""))
    if status is None or status not in allowed:
        words = {"valid": "berlaku", "suspended": "dibekukan", "revoked": "dicabut", "expired": "kedaluwarsa"}
        raise RowRejected(
            column,
            _("Status “%(value)s” is not known; write %(words)s.")
            % {"value": cell_text(value, 40), "words": ", ".join(words[s] for s in allowed)},
        )
    return status


class RecordImporter:
    """The row loop every import of issued records shares. A subclass implements
    `import_row(number, raw)`, returning "created", "merged" or "unchanged", or raising
    RowRejected; remarks on an imported row go to `self.report.problem`.

    A rejected or failing row leaves nothing behind (it runs in its own savepoint, or, where rows
    only read and hand their records to `flush` as their last step, it has written nothing), while
    the rows before and after it are imported: fixing the reported rows and running the file
    again imports just those (the others read "unchanged"). Rows are committed `chunk` at a time
    (one commit per row would make a 100,000-row file wait on the disk 100,000 times). A dry run
    does everything inside one transaction and rolls it back, so its report is the real one,
    duplicates within the file included."""

    required = ""
    aliases: dict[str, str] = {}
    chunk = 500
    # An importer whose rows only read, and hand what they make to `flush` as their last step,
    # has nothing for a savepoint to undo: it turns them off (two statements a row fewer).
    row_savepoints = True

    def __init__(self, *, source: str, dry_run: bool = False, actor=None):
        self.source = source
        self.actor = actor
        self.report = Report(dry_run=dry_run, source=source)

    @property
    def change_reason(self) -> str:
        return f"import {self.source}"[:100]

    def import_row(self, number: int, raw: dict) -> str:
        raise NotImplementedError

    def prepare(self, batch: list[tuple[int, dict]]) -> None:
        """Called with a chunk's rows before they are imported: load what they will look up (their
        holders, the records their numbers may already name) in a few queries, not a few per row."""

    def flush(self) -> None:
        """Called at the end of each chunk, inside its transaction: write what the rows left to be
        written together (e.g. their records and credentials, in a few multi-row INSERTs). Only
        rows that were imported may leave anything: a row hands its work over as its last step."""

    def _one(self, number: int, raw: dict) -> None:
        self.report.rows += 1
        mark = len(self.report.problems)
        try:
            if self.row_savepoints:
                with transaction.atomic():
                    outcome = self.import_row(number, raw)
            else:
                outcome = self.import_row(number, raw)
        except (RowRejected, DomainError) as exc:
            del self.report.problems[mark:]  # remarks on a row that imports nothing would mislead
            self.report.rejected += 1
            self.report.problem(number, getattr(exc, "field", None) or "", str(exc))
            return
        setattr(self.report, outcome, getattr(self.report, outcome) + 1)

    def run(self, rows) -> Report:
        from .bulkload import bulk_load

        with bulk_load():
            if self.report.dry_run:
                with transaction.atomic():
                    self._chunks(rows)
                    transaction.set_rollback(True)
                return self.report
            self._chunks(rows)
        return self.report

    def _chunks(self, rows) -> None:
        from .bulkload import refresh_grown_statistics

        batch: list = []
        for item in rows:
            batch.append(item)
            if len(batch) >= self.chunk:
                self._commit(batch)
                refresh_grown_statistics()
                batch = []
        self._commit(batch)

    def _commit(self, batch) -> None:
        if not batch:
            return
        with transaction.atomic():
            self.prepare(batch)
            for number, raw in batch:
                self._one(number, raw)
            self.flush()

    def import_file(self, handle, name: str, *, progress=None) -> dict:
        rows = read_rows(handle, name, required=self.required, normalise=header_normaliser(self.aliases), progress=progress)
        result = self.run(rows).as_dict()
        result["file"] = name.rsplit("/", 1)[-1]
        return result


def summary_lines(result: dict, *, report_path: str | None = None, limit: int = 20) -> list[str]:
    prefix = "[dry run] " if result.get("dry_run") else ""
    lines = [
        f"{prefix}{result['rows']} rows: {result['created']} created, {result['merged']} merged, "
        f"{result['unchanged']} unchanged, {result['rejected']} rejected, {len(result['problems'])} problems."
    ]
    for problem in result["problems"][:limit]:
        lines.append(f"  row {problem['row']} {problem['field']}: {problem['message']}")
    if len(result["problems"]) > limit:
        lines.append(f"  … {len(result['problems']) - limit} more problems" + (f" in {report_path}" if report_path else ""))
    return lines


class ImportCommand(BaseCommand):
    """`manage.py <command> FILE [--dry-run] [--report REPORT.json]` around an import function.

    Subclasses set `help`, `file_help` and `progress_label`, may add arguments in
    `add_import_arguments`, and implement `run_import(handle, name, *, dry_run, progress, **options)`
    returning the report dict. Reports are written in the register's language (Indonesian)."""

    file_help = "CSV or XLSX file with the Indonesian headers."
    progress_label = "Impor"

    def add_arguments(self, parser):
        parser.add_argument("file", help=self.file_help)
        self.add_import_arguments(parser)
        parser.add_argument("--dry-run", action="store_true", help="Check and report; change nothing.")
        parser.add_argument("--report", help="Write the JSON report to this file.")

    def add_import_arguments(self, parser) -> None:
        pass

    def check_options(self, **options) -> None:
        """Raise CommandError for options that make no sense (before the file is read)."""

    def run_import(self, handle, name: str, *, dry_run: bool, progress, **options) -> dict:
        raise NotImplementedError

    def handle(self, *args, file, dry_run, report, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        self.check_options(**options)
        quiet = options.get("verbosity", 1) == 0

        def progress(rows, total):
            from tqdm import tqdm

            return tqdm(rows, total=total or None, unit=" baris", desc=self.progress_label, disable=quiet, file=self.stderr._out)

        with translation.override(settings.LANGUAGE_CODE), path.open("rb") as handle:
            try:
                result = self.run_import(handle, path.name, dry_run=dry_run, progress=progress, **options)
            except TableFileError as exc:
                raise CommandError(str(exc)) from None
        if report:
            Path(report).write_text(json.dumps(result, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
        for line in summary_lines(result, report_path=report):
            self.stdout.write(line)
