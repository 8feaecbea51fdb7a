import datetime
import io

import pytest

from credentials import signing
from credentials.models import Credential
from licensing.importing import import_licences
from licensing.models import Licence, LicensingAuthority
from portal.registers import read_verification
from registry.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

HEADER = "nomor_izin;nomor_anggota;nik;penerbit;tempat_praktik;tanggal_terbit;berlaku_sampai;status\n"


def run(text: str, **kwargs) -> dict:
    return import_licences(io.BytesIO(text.encode()), "izin.csv", source="Dinsos Kota Bandung", **kwargs)


@pytest.fixture
def person():
    return PersonFactory(full_name="Siti Rahmawati")


def test_licences_are_imported_from_a_regency_or_the_ministry(person, client):
    report = run(
        HEADER
        + f"SIPPS.3273.2022.00011;;{person.nik};32.73;LKSA Harapan Bunda;05/01/2022;04/01/2027;\n"
        + f"LIS/KEMENSOS/2015/5;;{person.nik};KEMENSOS;Panti Sosial;10/02/2015;09/02/2020;\n"
        + f"SIPPS.3273.2023.00002;;{person.nik};Kota Bandung;Rumah;05/01/2023;;dibekukan\n"
    )
    assert (report["created"], report["rejected"]) == (3, 0), report["problems"]
    sipps = Licence.objects.get(number="SIPPS.3273.2022.00011")
    assert sipps.authority.regency.code == "32.73" and sipps.practice_place == "LKSA Harapan Bunda"
    assert sipps.application is None and sipps.status == "valid"
    assert sipps.credential.claims == {"regency": sipps.authority.regency.name}
    national = Licence.objects.get(number="LIS/KEMENSOS/2015/5")
    assert national.authority.level == LicensingAuthority.Level.NATIONAL and national.status == "expired"
    suspended = Licence.objects.get(number="SIPPS.3273.2023.00002")
    assert suspended.valid_until == datetime.date(2028, 1, 4)
    assert read_verification(suspended.credential.public_id).credential().current_status() == "suspended"
    assert signing.verify_jwt(sipps.credential.jwt)[0] == "valid"
    page = client.get(f"/v/{sipps.credential.public_id}").content.decode()
    assert "SIPPS.3273.2022.00011" in page and "LKSA Harapan Bunda" not in page  # the place stays private


def test_importing_the_same_file_again_creates_nothing(person):
    text = HEADER + f"SIPPS.1;;{person.nik};3273;Kantor;05/01/2022;;\n"
    run(text)
    again = run(text)
    assert (again["created"], again["unchanged"]) == (0, 1)
    assert Licence.objects.count() == 1 and Credential.objects.filter(kind="licence").count() == 1


@pytest.mark.parametrize(
    ("line", "column"),
    [
        ("SIPPS.2;;1111111111111111;32.73;K;05/01/2022;;", "nik"),
        ("SIPPS.3;;{nik};Kabupaten Antah Berantah;K;05/01/2022;;", "penerbit"),
        ("SIPPS.4;;{nik};;K;05/01/2022;;", "penerbit"),
        ("SIPPS.5;;{nik};32.73;K;05/01/2022;01/01/2022;", "berlaku_sampai"),
        ("SIPPS.6;;{nik};32.73;K;31/02/2022;;", "tanggal_terbit"),
    ],
)
def test_a_bad_row_is_reported_and_imports_nothing(person, line, column):
    report = run(HEADER + line.format(nik=person.nik) + "\n")
    assert [(p["row"], p["field"]) for p in report["problems"]] == [(2, column)]
    assert report["rejected"] == 1 and not Licence.objects.exists() and not Credential.objects.exists()


def test_a_licence_number_held_by_another_person_is_refused(person):
    run(HEADER + f"SIPPS.7;;{person.nik};32.73;K;05/01/2022;;\n")
    other = PersonFactory(full_name="Budi Santoso")
    report = run(HEADER + f"SIPPS.7;;{other.nik};32.73;K;05/01/2022;;\n")
    assert report["rejected"] == 1 and report["problems"][0]["field"] == "nomor_izin"
