"""Accreditations are imported a chunk at a time: the LKS a chunk adds and its accreditations are
written together at its end, numbered from the series of their decree year."""

import datetime
import io

import pytest
from openpyxl import Workbook

from accreditation.importing import AccreditationImporter, import_accreditations
from accreditation.models import LKS, Accreditation
from credentials import signing
from credentials.models import Credential

pytestmark = pytest.mark.django_db


def xlsx(*rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["Nama LKS", "Nomor AHU", "Kabupaten/Kota", "Peringkat", "Nomor SK", "Tanggal SK"])
    for row in rows:
        sheet.append(list(row))
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def run(data: bytes, **kwargs) -> dict:
    return import_accreditations(io.BytesIO(data), "akreditasi.xlsx", source="Kepmensos", **kwargs)


def test_an_lks_added_by_one_row_is_found_by_the_next_rows_of_the_same_chunk():
    data = xlsx(
        ("LKS Baru", "AHU-1", "Kota Bandung", "A", "1/2019", datetime.date(2019, 1, 7)),
        ("LKS Baru", "AHU-1", "Kota Bandung", "B", "2/2024", datetime.date(2024, 1, 8)),
        ("LKS Lain", "AHU-2", "Kota Bandung", "C", "1/2019", datetime.date(2019, 1, 7)),
    )
    report = run(data)
    assert (report["created"], report["rejected"]) == (2, 1), report["problems"]
    assert [(p["row"], p["field"]) for p in report["problems"]] == [(2, "nama_lks"), (4, "nomor_sk")]
    lks = LKS.objects.get()
    assert lks.name_key and lks.history.get().history_change_reason == "import Kepmensos"
    numbers = sorted(Accreditation.objects.filter(lks=lks).values_list("certificate_number", flat=True))
    assert numbers == ["BALKS/A/2019/00001", "BALKS/B/2024/00001"]
    for accreditation in Accreditation.objects.all():
        assert accreditation.credential.number == accreditation.certificate_number
        assert signing.verify_jwt(accreditation.credential.jwt)[0] == "valid"


def test_chunks_continue_the_numbering_and_a_dry_run_writes_nothing(monkeypatch):
    monkeypatch.setattr(AccreditationImporter, "chunk", 2)
    rows = [(f"LKS {n}", f"AHU-{n}", "Kota Bandung", "B", f"{n}/2021", datetime.date(2021, 3, 1)) for n in range(5)]
    dry = run(xlsx(*rows), dry_run=True)
    assert dry["created"] == 5 and not LKS.objects.exists() and not Credential.objects.exists()
    report = run(xlsx(*rows))
    assert report["created"] == 5
    numbers = sorted(Accreditation.objects.values_list("certificate_number", flat=True))
    assert numbers == [f"BALKS/B/2021/{n:05d}" for n in range(1, 6)]
    assert LKS.objects.count() == 5 and Credential.objects.count() == 5
