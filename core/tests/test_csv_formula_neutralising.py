"""A CSV export opened in a spreadsheet must not run anything, whichever separator the
spreadsheet splits it with: Indonesian settings list with `;`, English ones with `,`."""

import csv
import io

import pytest

from core.exports import csv_rows, xlsx_bytes

FORMULA_STARTS = ("=", "+", "-", "@")

HOSTILE = [
    '=HYPERLINK("http://x")',
    "Uji;=cmd|' /C calc'!A0;x",
    "Uji; =cmd|' /C calc'!A0",
    "Uji,=1+1",
    "Uji;+62 812",
    "Uji;-1",
    "Uji;@SUM(A1)",
    'Uji;"=1+1"',
    "Uji\n=1+1",
    "Uji\r\n@SUM(A1)",
    "Uji\t=1+1",
    "\t=1+1",
    ";;=1+1",
    "+62 812 3456",
]


def _cells(text: str, delimiter: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter) for cell in row]


def _starts_a_formula(cell: str) -> bool:
    # Some spreadsheets trim spaces and stray quotes before reading a cell; be as strict as they are lenient.
    return cell.strip(' \t\r\n"').startswith(FORMULA_STARTS)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("value", HOSTILE)
def test_no_cell_of_an_export_reads_as_a_formula_under_any_separator(value, delimiter):
    # The hostile value in every position, beside ordinary cells, as a member row would have it.
    rows = [[value, "Siti", "32"], ["Siti", value, "32"], ["Siti", "Jawa Barat", value]]
    text = "".join(csv_rows(["nama", "provinsi", "kode"], rows))
    formulas = [cell for cell in _cells(text, delimiter) if _starts_a_formula(cell)]
    assert formulas == []


def test_ordinary_cells_come_back_unchanged_with_the_export_separator():
    rows = [["Siti Rahmawati", "Jl. Merdeka 5, Bandung", "2024-01-31", "siti@contoh.id", "Rp 150.000; lunas"]]
    text = "".join(csv_rows(["nama", "alamat", "tanggal", "surel", "catatan"], rows))
    assert list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))[1] == rows[0]


def test_a_spreadsheet_workbook_holds_formula_like_text_as_text():
    from openpyxl import load_workbook

    data = xlsx_bytes(["nama", "jumlah"], [['=HYPERLINK("http://x")', 1], ["+62 812", -5]])
    sheet = load_workbook(io.BytesIO(data)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert values == [['\'=HYPERLINK("http://x")', 1], ["'+62 812", -5]]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
