import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from certification.importing import import_certificates
from certification.models import Certificate
from certification.tests.factories import LSPFactory, SchemeFactory, member_for
from credentials import signing
from credentials.models import Credential, StatusList
from portal.registers import read_verification
from registry.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

HEADER = "Nomor Sertifikat;Nomor Anggota;NIK;Skema;Jenjang;Bidang Praktik;Penerbit;Tanggal Terbit;Berlaku Sampai;Status\n"


@pytest.fixture
def world():
    lsps = LSPFactory(code="LSPS", name="LSP Pekerja Sosial")
    scheme = SchemeFactory(lsp=lsps, code="PSG-01", title="Pekerja Sosial Generalis")
    siti = PersonFactory(full_name="Siti Rahmawati", user=None)
    member_for(siti, number="IPSPI-2012-0042")
    budi = PersonFactory(full_name="Budi Santoso", user=None)
    return {"scheme": scheme, "siti": siti, "budi": budi}


def run(text: str, **kwargs) -> dict:
    return import_certificates(io.BytesIO(("\ufeff" + text).encode()), "sertifikat.csv", source="LSPS 2015-2024", **kwargs)


def rows(world) -> str:
    return (
        HEADER
        + "LSPS.PSG.2019.00001;IPSPI-2012-0042;;PSG-01;PSG;anak;LSPS;17/08/2019;16/08/2024;\n"
        + ";;;;;;;;;\n"
        + f"LSP-KEMENSOS/2023/77;;{world['budi'].nik};Pekerja Sosial Generalis;;;LSP Kemensos RI;2 Januari 2023;;dibekukan\n"
    )


def test_certificates_are_imported_as_the_same_records_peksos_issues(world, client):
    report = run(rows(world))
    assert (report["rows"], report["created"], report["rejected"]) == (2, 2, 0)
    old = Certificate.objects.get(number="LSPS.PSG.2019.00001")
    assert old.person == world["siti"] and old.practice_field == "anak" and old.status == "expired"
    kemensos = Certificate.objects.get(number="LSP-KEMENSOS/2023/77")
    assert kemensos.person == world["budi"] and kemensos.certifier_name == "LSP Kemensos RI"
    assert kemensos.status == "suspended" and kemensos.valid_until is not None  # from the rule set in force in 2023
    credential = kemensos.credential
    assert credential.issuer_name == "LSP Kemensos RI" and credential.claims["certifier"] == "LSP Kemensos RI"
    # It verifies: the page read /v/<id> uses, the signed form with the published keys, the status list.
    assert read_verification(credential.public_id).credential().current_status() == "suspended"
    page = client.get(f"/v/{credential.public_id}")
    assert page.status_code == 200 and "LSP-KEMENSOS/2023/77" in page.content.decode()
    verdict, payload = signing.verify_jwt(credential.jwt)
    assert verdict == "valid" and payload["credentialSubject"]["number"] == "LSP-KEMENSOS/2023/77"
    suspension = StatusList.objects.get(purpose="suspension", number=credential.status_list_number or 1)
    assert suspension.get(credential.status_list_index)
    # The history says where it came from.
    assert kemensos.history.earliest("history_date").history_change_reason == "import LSPS 2015-2024"
    assert credential.history.earliest("history_date").history_change_reason == "import LSPS 2015-2024"


def test_importing_the_same_file_again_creates_nothing(world):
    run(rows(world))
    counts = (Certificate.objects.count(), Credential.objects.count())
    again = run(rows(world))
    assert (again["created"], again["unchanged"], again["rejected"]) == (0, 2, 0)
    assert (Certificate.objects.count(), Credential.objects.count()) == counts


@pytest.mark.parametrize(
    ("line", "column"),
    [
        ("X.1;IPSPI-9999;;PSG-01;;;LSPS;01/01/2020;;", "nomor_anggota"),
        ("X.2;;3273000000000000;PSG-01;;;LSPS;01/01/2020;;", "nik"),
        ("X.3;IPSPI-2012-0042;;Skema Tak Dikenal;;;LSPS;01/01/2020;;", "skema"),
        ("X.4;IPSPI-2012-0042;;PSG-01;Ahli;;LSPS;01/01/2020;;", "jenjang"),
        ("X.5;IPSPI-2012-0042;;PSG-01;;astrologi;LSPS;01/01/2020;;", "bidang_praktik"),
        ("X.6;IPSPI-2012-0042;;PSG-01;;;LSPS;01/01/2020;31/12/2019;", "berlaku_sampai"),
        ("X.7;IPSPI-2012-0042;;PSG-01;;;LSPS;kemarin;;", "tanggal_terbit"),
        ("X.8;IPSPI-2012-0042;;PSG-01;;;LSPS;01/01/2020;;hilang", "status"),
        (";IPSPI-2012-0042;;PSG-01;;;LSPS;01/01/2020;;", "nomor_sertifikat"),
    ],
)
def test_a_bad_row_is_reported_with_its_field_and_imports_nothing(world, line, column):
    report = run(HEADER + line + "\n")
    assert report["rejected"] == 1 and report["created"] == 0
    assert [(p["row"], p["field"]) for p in report["problems"]] == [(2, column)]
    assert not Certificate.objects.exists() and not Credential.objects.exists()


def test_a_number_already_held_by_another_person_is_refused(world):
    run(rows(world))
    report = run(HEADER + f"LSPS.PSG.2019.00001;;{world['budi'].nik};PSG-01;;;LSPS;17/08/2019;;\n")
    assert report["rejected"] == 1 and report["problems"][0]["field"] == "nomor_sertifikat"
    assert Certificate.objects.get(number="LSPS.PSG.2019.00001").person == world["siti"]


def test_a_validity_longer_than_the_rules_is_imported_as_stated_and_flagged(world):
    report = run(HEADER + "LSPS.PSG.2020.00009;IPSPI-2012-0042;;PSG-01;;;LSPS;01/01/2020;31/12/2040;\n")
    assert report["created"] == 1
    assert Certificate.objects.get().valid_until == datetime.date(2040, 12, 31)
    assert [p["field"] for p in report["problems"]] == ["berlaku_sampai"]


def test_the_command_reports_and_a_dry_run_writes_nothing(world, tmp_path):
    path = tmp_path / "sertifikat.csv"
    path.write_text(rows(world), encoding="utf-8")
    out = io.StringIO()
    report_path = tmp_path / "laporan.json"
    call_command(
        "import_credentials",
        str(path),
        "--kind",
        "certificate",
        "--source",
        "LSPS",
        "--dry-run",
        "--report",
        str(report_path),
        stdout=out,
        verbosity=0,
    )
    assert out.getvalue().startswith("[dry run] 2 rows: 2 created")
    assert json.loads(report_path.read_text())["created"] == 2
    assert not Certificate.objects.exists() and not Credential.objects.exists()
    with pytest.raises(CommandError, match="--kind"):
        call_command("import_credentials", str(path), "--kind", "diploma", "--source", "X", stdout=out)
