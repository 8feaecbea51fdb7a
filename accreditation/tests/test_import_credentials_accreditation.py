import datetime
import io

import pytest
from openpyxl import Workbook

from accreditation.importing import import_accreditations
from accreditation.models import LKS, Accreditation
from accreditation.tests.factories import LKSFactory
from credentials import signing
from credentials.models import Credential
from portal.registers import read_verification

pytestmark = pytest.mark.django_db


def xlsx(*rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(
        ["Nama LKS", "Nomor AHU", "Kabupaten/Kota", "Peringkat", "Nomor SK", "Tanggal SK", "Berlaku Mulai", "Berlaku Sampai"]
    )
    for row in rows:
        sheet.append(list(row))
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def run(data: bytes, **kwargs) -> dict:
    return import_accreditations(io.BytesIO(data), "akreditasi.xlsx", source="Kepmensos 2021", **kwargs)


def test_accreditations_are_imported_and_an_lks_missing_from_the_register_is_added(client):
    known = LKSFactory(name="LKSA Harapan Bunda", ahu_number="AHU-0001.AH.01.04.2015")
    data = xlsx(
        (
            "LKSA Harapan Bunda",
            "AHU-0001.AH.01.04.2015",
            "Kota Bandung",
            "A",
            "12/HUK/2024",
            datetime.date(2024, 3, 1),
            None,
            None,
        ),
        (None, None, None, None, None, None, None, None),
        ("Panti Werdha Kasih", "AHU-0099.AH.01.04.2010", "Kota Surabaya", "b", "13/HUK/2021", "2 Maret 2021", None, "01/03/2024"),
    )
    report = run(data)
    assert (report["rows"], report["created"], report["rejected"]) == (2, 2, 0), report["problems"]
    assert [(p["row"], p["field"]) for p in report["problems"]] == [(4, "nama_lks")]  # the note that it was added
    first = Accreditation.objects.get(lks=known)
    assert first.grade == "A" and first.valid_until == datetime.date(2029, 2, 28) and first.application is None
    added = LKS.objects.get(name="Panti Werdha Kasih")
    assert added.regency.name.endswith("Surabaya") and added.ahu_number == "AHU-0099.AH.01.04.2010"
    second = Accreditation.objects.get(lks=added)
    assert second.grade == "B" and second.status == "expired"
    credential = first.credential
    assert credential.claims["grade"] == "A" and signing.verify_jwt(credential.jwt)[0] == "valid"
    assert read_verification(credential.public_id).credential().current_status() == "valid"
    assert client.get(f"/v/{credential.public_id}").status_code == 200
    assert first.history.earliest("history_date").history_change_reason == "import Kepmensos 2021"


def test_importing_the_same_file_again_creates_nothing():
    data = xlsx(("LKS Baru", "AHU-7", "Kota Bandung", "C", "1/2020", datetime.date(2020, 1, 6), None, None))
    run(data)
    again = run(data)
    assert (again["created"], again["unchanged"], again["rejected"]) == (0, 1, 0)
    assert LKS.objects.count() == 1 and Accreditation.objects.count() == 1 and Credential.objects.count() == 1


@pytest.mark.parametrize(
    ("row", "column"),
    [
        (("LKS Tak Dikenal", None, "Kota Bandung", "A", "2/2020", datetime.date(2020, 1, 6), None, None), "nama_lks"),
        (("LKS X", "AHU-8", "Kota Antah Berantah", "A", "3/2020", datetime.date(2020, 1, 6), None, None), "kabupaten_kota"),
        (("LKS X", "AHU-8", "Kota Bandung", "D", "4/2020", datetime.date(2020, 1, 6), None, None), "peringkat"),
        (("LKS X", "AHU-8", "Kota Bandung", "A", None, datetime.date(2020, 1, 6), None, None), "nomor_sk"),
        (("LKS X", "AHU-8", "Kota Bandung", "A", "5/2020", datetime.date(2020, 1, 6), None, "01/01/2019"), "berlaku_sampai"),
    ],
)
def test_a_bad_row_is_reported_and_imports_nothing(row, column):
    report = run(xlsx(row))
    assert [(p["row"], p["field"]) for p in report["problems"]] == [(2, column)]
    assert report["rejected"] == 1 and not LKS.objects.exists() and not Accreditation.objects.exists()


def test_a_decree_number_already_used_for_another_lks_is_refused():
    run(xlsx(("LKS Satu", "AHU-1", "Kota Bandung", "A", "9/2020", datetime.date(2020, 1, 6), None, None)))
    report = run(xlsx(("LKS Dua", "AHU-2", "Kota Bandung", "A", "9/2020", datetime.date(2020, 1, 6), None, None)))
    assert report["rejected"] == 1 and report["problems"][0]["field"] == "nomor_sk"
    assert not LKS.objects.filter(name="LKS Dua").exists()


def test_a_grade_b_valid_five_years_is_imported_as_decreed_and_flagged():
    report = run(xlsx(("LKS Tiga", "AHU-3", "Kota Bandung", "B", "10/2022", datetime.date(2022, 1, 3), None, "02/01/2027")))
    assert report["created"] == 1
    assert Accreditation.objects.get().valid_until == datetime.date(2027, 1, 2)
    assert sorted(p["field"] for p in report["problems"]) == ["berlaku_sampai", "nama_lks"]
