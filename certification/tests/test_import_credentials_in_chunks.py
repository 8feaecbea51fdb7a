"""The certificate import works a chunk of rows at a time (holders and existing numbers loaded
per chunk, records and credentials written together): the same records as row by row, in a
number of queries that does not grow with the rows."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from certification.importing import CertificateImporter, import_certificates
from certification.models import Certificate
from certification.tests.factories import LSPFactory, SchemeFactory
from core.models import Counter
from credentials import signing
from credentials.models import Credential
from credentials.services import issue_credential
from registry.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

HEADER = "nomor_sertifikat;nik;skema;penerbit;tanggal_terbit;status\n"


@pytest.fixture
def people():
    SchemeFactory(lsp=LSPFactory(code="LSPS", name="LSP Pekerja Sosial"), code="PSG-01", title="Pekerja Sosial Generalis")
    return [PersonFactory(user=None) for _ in range(6)]


def lines(people, count: int, prefix: str = "C") -> str:
    return HEADER + "".join(
        f"{prefix}.{n};{people[n % len(people)].nik};PSG-01;LSPS;01/02/2020;{'dicabut' if n % 3 == 0 else ''}\n"
        for n in range(count)
    )


def run(text: str) -> dict:
    return import_certificates(io.BytesIO(text.encode()), "sertifikat.csv", source="LSPS 2020")


def queries_for(text: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        run(text)
    return len(captured)


def test_the_queries_of_a_chunk_do_not_grow_with_its_rows(people):
    queries_for(lines(people, 2, prefix="W"))  # the signing key and content types exist from here on
    few = queries_for(lines(people, 3, prefix="A"))
    many = queries_for(lines(people, 30, prefix="B"))
    assert many == few
    assert Certificate.objects.filter(number__startswith="B.").count() == 30


def test_each_imported_certificate_has_its_own_signed_credential_on_its_own_status_position(people):
    report = run(lines(people, 12))
    assert report["created"] == 12
    credentials = list(Credential.objects.filter(kind="certificate"))
    assert len({(c.status_list_number, c.status_list_index) for c in credentials}) == 12
    assert all(signing.verify_jwt(c.jwt)[0] == "valid" for c in credentials)
    by_number = {c.number: c for c in credentials}
    for certificate in Certificate.objects.all():
        assert certificate.credential == by_number[certificate.number]
        assert certificate.credential.subject == certificate and certificate.credential.holder == certificate.person
    revoked = Certificate.objects.get(number="C.3")
    assert revoked.status == "revoked" and revoked.credential.status == "revoked"
    assert revoked.credential.history.get().history_change_reason == "import LSPS 2020"
    assert revoked.history.get().credential_id == revoked.credential_id


def test_positions_given_by_an_import_are_counted_with_those_issued_one_by_one(people):
    run(lines(people, 4))
    assert Counter.objects.get(series=signing.POSITIONS_SERIES).value == 4
    later = issue_credential(
        actor=None,
        kind="certificate",
        subject=Certificate.objects.first(),
        number="LATER",
        holder_name="X",
        issuer_name="Y",
        valid_from=datetime.date(2020, 2, 1),
        valid_until=None,
    )
    taken = set(Credential.objects.exclude(pk=later.pk).values_list("status_list_number", "status_list_index"))
    assert (later.status_list_number, later.status_list_index) not in taken
    assert Counter.objects.get(series=signing.POSITIONS_SERIES).value == 5


def test_a_number_twice_in_one_chunk_is_imported_once_and_refused_for_another_holder(people):
    text = (
        HEADER
        + f"D.1;{people[0].nik};PSG-01;LSPS;01/02/2020;\n"
        + f"D.1;{people[0].nik};PSG-01;LSPS;01/02/2020;\n"
        + f"D.1;{people[1].nik};PSG-01;LSPS;01/02/2020;\n"
    )
    report = run(text)
    assert (report["created"], report["unchanged"], report["rejected"]) == (1, 1, 1)
    assert [(p["row"], p["field"]) for p in report["problems"]] == [(4, "nomor_sertifikat")]
    assert Certificate.objects.count() == 1 and Credential.objects.count() == 1


def test_a_file_longer_than_a_chunk_is_imported_whole_and_a_dry_run_writes_none_of_it(people, monkeypatch):
    monkeypatch.setattr(CertificateImporter, "chunk", 4)
    text = lines(people, 10, prefix="E") + f"E.bad;{people[0].nik};Skema Lain;LSPS;01/02/2020;\n"
    dry = import_certificates(io.BytesIO(text.encode()), "s.csv", source="LSPS", dry_run=True)
    assert (dry["created"], dry["rejected"]) == (10, 1)
    assert not Certificate.objects.exists() and not Credential.objects.exists()
    report = run(text)
    assert (report["created"], report["rejected"]) == (10, 1) and report["problems"][0]["row"] == 12
    assert Certificate.objects.count() == 10 and Credential.objects.count() == 10
