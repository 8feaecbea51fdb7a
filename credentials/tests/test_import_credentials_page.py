"""Officers import the credentials their body issued before Peksos from a staff page: a preview
first (the dry run), then one confirmation that runs the same import as `import_credentials`."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import make_staff, sign_in_with_second_factor
from certification.models import Certificate
from certification.tests.factories import LSPFactory, SchemeFactory, lsp_officer, member_for
from core.models import AuditEvent
from credentials import signing
from credentials.models import Credential, ImportedList
from registry.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

CERTIFICATES = (
    "Nomor Sertifikat;Nomor Anggota;NIK;Skema;Jenjang;Bidang Praktik;Penerbit;Tanggal Terbit;Berlaku Sampai;Status\n"
    "LSPS.PSG.2024.00001;IPSPI-2012-0042;;PSG-01;PSG;anak;LSPS;17/08/2024;16/08/2029;\n"
    "LSPS.PSG.2024.00002;IPSPI-0000-9999;;PSG-01;PSG;anak;LSPS;17/08/2024;16/08/2029;\n"
)


@pytest.fixture
def lsps():
    lsp = LSPFactory(code="LSPS", name="LSP Pekerja Sosial")
    SchemeFactory(lsp=lsp, code="PSG-01", title="Pekerja Sosial Generalis")
    member_for(PersonFactory(full_name="Siti Rahmawati", user=None), number="IPSPI-2012-0042")
    return lsp


def upload(client, kind="certificate", content=CERTIFICATES, name="sertifikat.csv", source="LSPS 2015-2024"):
    file = SimpleUploadedFile(name, content.encode() if isinstance(content, str) else content, content_type="text/csv")
    return client.post(reverse("credentials:import_upload"), {"kind": kind, "source": source, "file": file})


def confirm(client, batch, capture):
    """Confirm on the page; the import runs in the task worker once the request has committed."""
    with capture(execute=True):
        return client.post(reverse("credentials:import_detail", args=[batch.pk]), follow=True)


def test_an_lsp_officer_previews_then_imports_certificates_once(client, lsps, django_capture_on_commit_callbacks):
    officer = lsp_officer(lsps)
    sign_in_with_second_factor(client, officer)

    response = upload(client)
    batch = ImportedList.objects.get()
    assert response.status_code == 302 and response.url == reverse("credentials:import_detail", args=[batch.pk])
    page = client.get(response.url).content.decode()
    # The preview is the dry run: counts and the problem with its row and field; nothing made.
    assert (batch.preview_report["created"], batch.preview_report["rejected"]) == (1, 1)
    assert "Ini pratinjau" in page and "nomor_anggota" in page and ">3<" in page
    assert not Certificate.objects.exists() and not Credential.objects.exists()
    assert batch.file.name.startswith("credentials/imports/") and "sertifikat" not in batch.file.name

    queued = confirm(client, batch, django_capture_on_commit_callbacks).content.decode()
    assert "Daftar sedang diimpor" in queued
    batch.refresh_from_db()
    assert batch.status == ImportedList.Status.IMPORTED and batch.imported_by == officer and batch.imported_at
    told = officer.notifications.get()
    assert told.subject == "Daftar “LSPS 2015-2024” sudah diimpor" and "1 dibuat" in told.body and "1 ditolak" in told.body
    assert (batch.report["created"], batch.report["rejected"]) == (1, 1)
    certificate = Certificate.objects.get()
    assert certificate.number == "LSPS.PSG.2024.00001" and certificate.history.earliest().history_change_reason == (
        "import LSPS 2015-2024"
    )
    verdict, payload = signing.verify_jwt(certificate.credential.jwt)
    assert verdict == "valid" and payload["credentialSubject"]["number"] == "LSPS.PSG.2024.00001"
    assert client.get(f"/v/{certificate.credential.public_id}").status_code == 200
    assert AuditEvent.objects.filter(actor=officer, summary="credential import confirmed: certificate").exists()

    again = client.post(reverse("credentials:import_detail", args=[batch.pk]), follow=True)
    assert "Daftar ini sudah diimpor." in again.content.decode()
    assert (Certificate.objects.count(), Credential.objects.count()) == (1, 1)


def test_a_balks_officer_is_not_offered_certificates_and_is_refused_when_posting_them(client, lsps):
    sign_in_with_second_factor(client, make_staff(Role.BALKS_OFFICER))
    page = client.get(reverse("credentials:import_upload")).content.decode()
    assert 'value="accreditation"' in page and 'value="certificate"' not in page
    assert upload(client).status_code == 403
    assert not ImportedList.objects.exists() and not Certificate.objects.exists()


def test_a_file_that_cannot_be_read_is_refused_with_a_message_and_nothing_is_kept(client, lsps):
    sign_in_with_second_factor(client, lsp_officer(lsps))
    response = upload(client, content="judul;lain\nx;y\n")
    assert response.status_code == 200
    assert "seharusnya baris judul" in response.content.decode() and "nomor_sertifikat" in response.content.decode()
    fake = upload(client, content=b"not a zip", name="sertifikat.xlsx")
    assert "Ini bukan berkas XLSX yang sebenarnya" in fake.content.decode()
    assert not ImportedList.objects.exists() and not Certificate.objects.exists()


def test_a_member_is_refused(client):
    sign_in_with_second_factor(client, PersonFactory().user)
    assert client.get(reverse("credentials:import_upload")).status_code == 403


def test_an_officer_of_another_lsp_imports_none_of_this_lsps_certificates(client, lsps, django_capture_on_commit_callbacks):
    sign_in_with_second_factor(client, lsp_officer(LSPFactory(code="LSPSI", name="LSP Pekerja Sosial Indonesia")))
    upload(client)
    batch = ImportedList.objects.get()
    confirm(client, batch, django_capture_on_commit_callbacks)
    batch.refresh_from_db()
    assert (batch.report["created"], batch.report["rejected"]) == (0, 2)
    assert {
        "row": 2,
        "field": "penerbit",
        "message": "Anda bertindak untuk LSP lain; sertifikat ini milik LSP Pekerja Sosial.",
    } in (batch.report["problems"])
    assert not Certificate.objects.exists()


def test_a_licensing_officer_imports_only_the_licences_their_authority_granted(client, django_capture_on_commit_callbacks):
    from licensing.models import Licence, LicensingAuthority
    from regions.models import Regency

    bandung, _ = LicensingAuthority.objects.get_or_create(
        regency=Regency.objects.get(code="32.73"), defaults={"name": "Pemerintah Kota Bandung", "level": "regency"}
    )
    sign_in_with_second_factor(client, make_staff(Role.LICENSING_OFFICER, organisation=bandung))
    page = client.get(reverse("credentials:import_upload")).content.decode()
    assert 'value="licence"' in page and 'value="certificate"' not in page and 'value="str"' not in page
    nik = PersonFactory(full_name="Siti Rahmawati").nik
    licences = (
        "nomor_izin;nomor_anggota;nik;penerbit;tempat_praktik;tanggal_terbit;berlaku_sampai;status\n"
        f"SIPPS.3273.2022.00011;;{nik};32.73;LKSA Harapan Bunda;05/01/2022;04/01/2027;\n"
        f"LIS/KEMENSOS/2015/5;;{nik};KEMENSOS;Panti Sosial;10/02/2015;09/02/2020;\n"
    )
    upload(client, kind="licence", content=licences, name="izin.csv", source="Dinsos Kota Bandung")
    batch = ImportedList.objects.get()
    confirm(client, batch, django_capture_on_commit_callbacks)
    batch.refresh_from_db()
    assert (batch.report["created"], batch.report["rejected"]) == (1, 1)
    assert [(p["row"], p["field"]) for p in batch.report["problems"]] == [(3, "penerbit")]
    assert list(Licence.objects.values_list("number", flat=True)) == ["SIPPS.3273.2022.00011"]


def test_the_ministry_imports_the_licences_of_the_2009_route_and_none_of_a_regency(client, django_capture_on_commit_callbacks):
    from licensing.models import Licence, LicensingAuthority

    LicensingAuthority.objects.get_or_create(level="national", defaults={"name": "Kementerian Sosial"})
    sign_in_with_second_factor(client, make_staff(Role.MINISTRY_OFFICER))
    page = client.get(reverse("credentials:import_upload")).content.decode()
    assert 'value="licence"' in page and 'value="certificate"' not in page
    nik = PersonFactory(full_name="Siti Rahmawati").nik
    licences = (
        "nomor_izin;nomor_anggota;nik;penerbit;tempat_praktik;tanggal_terbit;berlaku_sampai;status\n"
        f"LIS/KEMENSOS/2015/5;;{nik};KEMENSOS;Panti Sosial;10/02/2015;09/02/2020;\n"
        f"SIPPS.3273.2022.00011;;{nik};32.73;LKSA Harapan Bunda;05/01/2022;04/01/2027;\n"
    )
    upload(client, kind="licence", content=licences, name="izin.csv", source="Kemensos 2009-2019")
    batch = ImportedList.objects.get()
    confirm(client, batch, django_capture_on_commit_callbacks)
    batch.refresh_from_db()
    assert (batch.report["created"], batch.report["rejected"]) == (1, 1)
    assert [(p["row"], p["field"]) for p in batch.report["problems"]] == [(3, "penerbit")]
    licence = Licence.objects.get()
    assert licence.number == "LIS/KEMENSOS/2015/5" and licence.authority.level == "national"


def test_an_import_that_stops_half_way_reads_previewed_again_with_the_reason_and_tells_the_officer(
    client, lsps, monkeypatch, django_capture_on_commit_callbacks
):
    from credentials import importing

    officer = lsp_officer(lsps)
    sign_in_with_second_factor(client, officer)
    upload(client)
    batch = ImportedList.objects.get()

    def crash(*args, **kwargs):
        raise RuntimeError("worker lost its database connection")

    import dataclasses

    entry = importing.importer("certificate")
    monkeypatch.setitem(importing._IMPORTS, "certificate", dataclasses.replace(entry, run=crash))
    # The task fails (the worker records it as failed), and the list is left ready to retry.
    confirm(client, batch, django_capture_on_commit_callbacks)
    batch.refresh_from_db()
    assert batch.status == ImportedList.Status.PREVIEWED and batch.imported_at is None
    page = client.get(reverse("credentials:import_detail", args=[batch.pk])).content.decode()
    assert "Impor terakhir berhenti sebelum selesai" in page and "worker lost" not in page
    assert officer.notifications.get().subject == "Daftar “LSPS 2015-2024” tidak berhasil diimpor"
    assert not Certificate.objects.exists()

    monkeypatch.undo()
    confirm(client, batch, django_capture_on_commit_callbacks)
    batch.refresh_from_db()
    assert batch.status == ImportedList.Status.IMPORTED and Certificate.objects.count() == 1
