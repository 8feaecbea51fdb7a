"""Tabular exports that stream (constant memory) and cannot smuggle spreadsheet formulas."""

import csv
import re
from collections.abc import Iterable, Sequence

from django.http import StreamingHttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# A spreadsheet that splits lines with another separator than ours (`;` in Indonesian settings,
# tab when pasted) reads our quotes as plain characters once a line's first cell is behind it, so
# a new cell may start after any `;`, `,`, tab or line break inside a value. Spaces and quotes
# before the formula sign are skipped because some spreadsheets trim them.
_CELL_START_INSIDE = re.compile(r'([,;\t\r\n][\s"]*)(?=[=+\-@])')


def neutralise_start(value) -> str:
    """A value that a spreadsheet would run as a formula is prefixed with an apostrophe. Enough
    for a workbook, whose cells are never split again."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def neutralise(value) -> str:
    """A CSV cell that no spreadsheet runs as a formula, whichever separator it splits lines with:
    an apostrophe before a formula sign at the start and wherever a split could start a cell."""
    return _CELL_START_INSIDE.sub(r"\1'", neutralise_start(value))


class _Echo:
    def write(self, value):
        return value


def csv_rows(header: Sequence[str], rows: Iterable[Sequence]) -> Iterable[str]:
    # Every field quoted: a spreadsheet using our separator never splits or re-reads a value.
    writer = csv.writer(_Echo(), quoting=csv.QUOTE_ALL)
    yield "\ufeff"  # BOM so Excel opens UTF-8 names correctly
    yield writer.writerow([neutralise(h) for h in header])
    for row in rows:
        yield writer.writerow([neutralise(v) for v in row])


def streaming_csv(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_rows(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def xlsx_bytes(header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """Write-only openpyxl workbook: rows are written as they come, not held in memory."""
    import io

    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append([neutralise_start(h) for h in header])
    for row in rows:
        sheet.append([neutralise_start(v) if isinstance(v, str) else v for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
