import datetime
import io

import pytest

from core.importing import (
    RecordImporter,
    Report,
    RowRejected,
    cell_date,
    cell_status,
    cell_text,
    header_normaliser,
    read_rows,
)


def test_headers_are_matched_whatever_their_case_spacing_bom_or_alias():
    normalise = header_normaliser({"no_sertifikat": "nomor_sertifikat"})
    assert normalise("\ufeff No. Sertifikat ") == "nomor_sertifikat"
    assert normalise("Tanggal  Terbit") == "tanggal_terbit"


def test_cells_read_as_spreadsheets_hold_them():
    assert cell_text(3273012345678.0) == "3273012345678"
    assert cell_text("  LSP \n Kemensos  RI ") == "LSP Kemensos RI"
    assert cell_date("17 Agustus 2019") == datetime.date(2019, 8, 17)
    assert cell_date("  ") is None


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Berlaku", "valid"),
        ("AKTIF", "valid"),
        ("dibekukan", "suspended"),
        ("Dicabut", "revoked"),
        ("kadaluarsa", "expired"),
        ("", None),
    ],
)
def test_status_words_of_the_lists_are_understood(text, status):
    assert cell_status(text) == status


def test_a_status_the_kind_does_not_have_is_refused_with_the_words_it_accepts():
    with pytest.raises(RowRejected) as caught:
        cell_status("dibekukan", allowed=("valid", "revoked", "expired"))
    assert caught.value.field == "status" and "dicabut" in caught.value.message


def test_the_report_has_the_shape_every_import_writes():
    report = Report(dry_run=True, source="Kongres 2010")
    report.problem(3, "nik", "salah")
    assert report.as_dict() == {
        "dry_run": True,
        "source": "Kongres 2010",
        "rows": 0,
        "created": 0,
        "merged": 0,
        "unchanged": 0,
        "rejected": 0,
        "problems": [{"row": 3, "field": "nik", "message": "salah"}],
    }


class _Numbers(RecordImporter):
    required = "angka"

    def import_row(self, number, raw):
        self.report.problem(number, "angka", "dilihat")
        if not str(raw["angka"]).isdigit():
            raise RowRejected("angka", "bukan angka")
        return "created"


@pytest.mark.django_db
def test_a_rejected_row_keeps_only_its_reason_and_the_others_are_counted():
    rows = read_rows(io.BytesIO(b"Angka\n1\n\nx\n3\n"), "a.csv", required="angka")
    report = _Numbers(source="uji").run(rows)
    assert (report.rows, report.created, report.rejected) == (3, 2, 1)
    assert [(p["row"], p["message"]) for p in report.problems] == [(2, "dilihat"), (4, "bukan angka"), (5, "dilihat")]
