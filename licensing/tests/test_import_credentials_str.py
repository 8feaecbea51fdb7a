import datetime
import io

import pytest

from credentials import signing
from credentials.models import Credential, StatusList
from licensing.importing import import_strs
from licensing.models import Str
from licensing.tests.factories import certified_person
from portal.registers import read_verification
from registry.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

HEADER = "No. STR,NIK,Nomor Anggota,Tgl Terbit,Berlaku Sampai,Status\n"


def run(text: str, **kwargs) -> dict:
    return import_strs(io.BytesIO(text.encode("cp1252")), "str.csv", source="DPP STR 2020-2024", **kwargs)


@pytest.fixture
def holders():
    siti, certificate = certified_person(issued_on=datetime.date(2020, 1, 10), valid_until=datetime.date(2030, 1, 9))
    return {"siti": siti, "certificate": certificate, "budi": PersonFactory(full_name="Budi Santoso")}


def test_strs_are_imported_with_a_signed_credential_on_the_status_list(holders, client):
    siti, budi = holders["siti"], holders["budi"]
    report = run(
        HEADER
        + f"STR.IPSPI.2021.000123,{siti.nik},,01-03-2021,28-02-2026,berlaku\n"
        + ",,,,,\n"
        + f"STR/IPSPI/2020/9,{budi.nik},,2020-06-01,,dicabut\n"
    )
    assert (report["rows"], report["created"], report["rejected"]) == (2, 2, 0), report["problems"]
    record = Str.objects.get(number="STR.IPSPI.2021.000123")
    assert record.person == siti and record.certificate == holders["certificate"] and record.application is None
    assert record.credential.claims["certificate"] == holders["certificate"].number
    revoked = Str.objects.get(number="STR/IPSPI/2020/9")
    assert revoked.status == "revoked" and revoked.certificate is None
    assert revoked.valid_until == datetime.date(2025, 5, 31)  # five years by the rules in force in 2020
    assert read_verification(revoked.credential.public_id).credential().current_status() == "revoked"
    revocation = StatusList.objects.get(purpose="revocation", number=revoked.credential.status_list_number or 1)
    assert revocation.get(revoked.credential.status_list_index)
    verdict, payload = signing.verify_jwt(record.credential.jwt)
    assert verdict == "valid" and payload["credentialSubject"]["number"] == "STR.IPSPI.2021.000123"
    assert client.get(f"/v/{record.credential.public_id}").status_code == 200
    assert record.history.earliest("history_date").history_change_reason == "import DPP STR 2020-2024"


def test_importing_the_same_file_again_creates_nothing(holders):
    text = HEADER + f"STR.IPSPI.2021.000123,{holders['siti'].nik},,01-03-2021,28-02-2026,\n"
    run(text)
    again = run(text)
    assert (again["created"], again["unchanged"]) == (0, 1)
    assert Str.objects.count() == 1 and Credential.objects.filter(kind="str").count() == 1


@pytest.mark.parametrize(
    ("line", "column"),
    [
        ("STR.1,9999999999999999,,01-03-2021,,", "nik"),
        ("STR.2,,,01-03-2021,,", "nomor_anggota"),
        ("STR.3,{nik},,01-03-2021,01-01-2021,", "berlaku_sampai"),
        ("STR.4,{nik},,,,", "tanggal_terbit"),
        ("STR.5,{nik},,01-03-2021,,ditunda", "status"),
    ],
)
def test_a_bad_row_is_reported_and_imports_nothing(holders, line, column):
    report = run(HEADER + line.format(nik=holders["siti"].nik) + "\n")
    assert [(p["row"], p["field"]) for p in report["problems"]] == [(2, column)]
    assert report["rejected"] == 1 and not Str.objects.exists()


def test_an_str_number_held_by_another_person_is_refused(holders):
    run(HEADER + f"STR.X,{holders['siti'].nik},,01-03-2021,,\n")
    report = run(HEADER + f"STR.X,{holders['budi'].nik},,01-03-2021,,\n")
    assert report["rejected"] == 1 and report["problems"][0]["field"] == "nomor_str"


def test_a_validity_longer_than_the_rules_is_imported_and_flagged(holders):
    report = run(HEADER + f"STR.Y,{holders['siti'].nik},,01-03-2021,01-03-2031,\n")
    assert report["created"] == 1 and [p["field"] for p in report["problems"]] == ["berlaku_sampai"]
    assert Str.objects.get().valid_until == datetime.date(2031, 3, 1)
