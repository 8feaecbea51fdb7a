import datetime

import pytest

from core.dates import DateParseError, format_id, parse_flexible_date
from core.exports import csv_rows, neutralise
from core.money import format_rupiah


@pytest.mark.parametrize(
    "raw",
    [
        "1985-08-17",
        "17/08/1985",
        "17-08-1985",
        "17.08.1985",
        "17 Agustus 1985",
        "17 agt 1985",
        31276,
        "31276",
        datetime.date(1985, 8, 17),
    ],
)
def test_dates_are_read_in_every_form_spreadsheets_hold_them(raw):
    assert parse_flexible_date(raw) == datetime.date(1985, 8, 17)


@pytest.mark.parametrize("raw", ["31/02/1985", "1985-13-01", "17 Agustos 1985", "kemarin", "", None])
def test_impossible_or_unreadable_dates_are_explained(raw):
    with pytest.raises(DateParseError) as excinfo:
        parse_flexible_date(raw)
    assert str(excinfo.value)


def test_dates_are_written_the_indonesian_way():
    assert format_id(datetime.date(1985, 8, 17)) == "17 Agustus 1985"


def test_rupiah_are_whole_numbers_with_dot_thousands():
    assert format_rupiah(150000) == "Rp 150.000"
    with pytest.raises(TypeError):
        format_rupiah(1500.5)


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x")', "+62", "-1", "@SUM(A1)"])
def test_formula_like_cells_are_neutralised(value):
    assert neutralise(value) == "'" + value


def test_csv_export_neutralises_every_cell():
    text = "".join(csv_rows(["nama"], [["=1+1"], ["Siti"]]))
    assert "'=1+1" in text
    assert "Siti" in text
