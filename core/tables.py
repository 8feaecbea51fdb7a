"""Reading spreadsheets as people keep them (CSV in UTF-8 or Windows encodings with any common
delimiter, or XLSX), for the imports of every app: blank rows skipped, spreadsheet row numbers
kept (the header is row 1), headers matched by a normaliser the importer supplies."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence

from django.utils.translation import gettext as _


class TableFileError(ValueError):
    """The file as a whole cannot be read (wrong type, broken, no header row)."""


def header_key(text, aliases: dict[str, str] | None = None) -> str:
    key = str(text or "").replace("\ufeff", "").strip().lower()
    key = re.sub(r"[^a-z0-9]+", "_", key).strip("_")
    return (aliases or {}).get(key, key)


def _is_blank(values) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _rows(table: Iterable[Sequence], required: str, normalise: Callable[[object], str]) -> Iterator[tuple[int, dict]]:
    header = None
    for number, row in enumerate(table, start=1):
        values = list(row)
        if _is_blank(values):
            continue
        if header is None:
            header = [normalise(v) for v in values]
            if required not in header:
                raise TableFileError(
                    _("Row %(row)d should be the header row with the column names (at least “%(column)s”).")
                    % {"row": number, "column": required}
                )
            continue
        yield number, {h: v for h, v in zip(header, values, strict=False) if h}


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def read_table(
    handle, name: str, *, required: str, normalise: Callable[[object], str] = header_key
) -> tuple[Iterator[tuple[int, dict]], int | None]:
    """(rows, approximate total) from an open binary file; each row is (row number, {header: value})."""
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(handle, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise TableFileError(_("This XLSX file cannot be read: %(error)s") % {"error": exc.__class__.__name__}) from None
        sheet = workbook.worksheets[0]
        return _rows(sheet.iter_rows(values_only=True), required, normalise), max(0, (sheet.max_row or 1) - 1)
    if name.lower().endswith(".csv"):
        text = _decode(handle.read())
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
        except csv.Error:
            dialect = csv.excel
        return _rows(csv.reader(io.StringIO(text), dialect), required, normalise), max(0, text.count("\n") - 1)
    raise TableFileError(_("Only .csv and .xlsx files can be imported."))
