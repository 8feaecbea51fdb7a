"""Journey 3: under UU 14/2019 a certified member applies for an STR with a health statement, the
DPP issues it; the member applies for a SIPPS to Kota Bandung; the Kota Bandung licensing officer
grants it with a decree and later revokes it; the public verification shows it revoked."""

import datetime
import re

import pytest

from accounts.roles import Role
from accounts.tests.factories import make_staff
from certification.tests.factories import member_for
from licensing import services
from licensing.models import Licence, LicensingAuthority, Str, StrApplication
from licensing.tests.factories import certified_person
from regions.models import Regency
from registry.tests.factories import pdf_bytes

from .conftest import apply_for_str, definition, main_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_sipps_granted_by_kota_bandung_and_then_revoked_reads_revoked_to_the_public(browser, tmp_path):
    person, certificate = certified_person(name="Siti Rahmawati")
    member = member_for(person)
    dpp_officer = make_staff(Role.DPP_OFFICER, name="Hendra Wijaya")
    kota_bandung = LicensingAuthority.objects.get(regency__code="32.73")
    licensing_officer = make_staff(Role.LICENSING_OFFICER, organisation=kota_bandung, name="Yuni Kartika")
    health = tmp_path / "surat-keterangan-sehat.pdf"
    health.write_bytes(pdf_bytes())

    # The member applies for the STR with the health statement and both statements.
    worker = browser.sign_in("anggota", person.user)
    worker.get_by_role("link", name="Kredensial saya").first.click()
    assert "Ajukan STR" in main_text(worker)
    apply_for_str(worker, certificate, health)
    application = StrApplication.objects.get(person=person)
    assert application.status == "submitted" and application.health_statement

    # The DPP officer opens the queue, reads the health statement and issues the STR.
    dpp = browser.sign_in("dpp", dpp_officer, staff=True)
    dpp.get_by_role("link", name="Permohonan STR").first.click()
    dpp.get_by_role("link", name="Siti Rahmawati").click()
    statement = dpp.request.get(dpp.get_by_role("link", name=re.compile("buka")).get_attribute("href"))
    assert statement.status == 200 and statement.body()[:4] == b"%PDF"
    dpp.get_by_role("button", name="Terbitkan STR").click()
    dpp.wait_for_load_state()
    str_record = Str.objects.get(person=person)
    assert str_record.number in main_text(dpp)

    # The member applies for a SIPPS to practise in Kota Bandung.
    worker.goto("/lisensi/")
    assert str_record.number in main_text(worker)
    worker.get_by_role("link", name="Ajukan izin praktik").click()
    worker.locator("#id_certificate").select_option(str(certificate.pk))
    worker.locator("#id_str_record").select_option(str(str_record.pk))
    worker.locator("#id_setting").select_option("institution")
    worker.locator("#id_place").fill("LKS Anak Harapan Bangsa")
    worker.locator("#id_regency").select_option(label="Kota Bandung")
    worker.locator("#id_field").fill("Perlindungan anak")
    worker.get_by_role("button", name="Kirim", exact=True).click()
    worker.wait_for_url(re.compile(r".*/lisensi/izin/\d+/$"))
    assert "Pemerintah Kota Bandung" in main_text(worker)

    # The Kota Bandung licensing officer grants it with a decree.
    officer = browser.sign_in("dinas-perizinan", licensing_officer, staff=True)
    officer.get_by_role("link", name="Permohonan izin praktik").first.click()
    officer.get_by_role("link", name="Siti Rahmawati").click()
    officer.locator("#decree_number").fill("503/SIPPS-017/DPMPTSP/2026")
    officer.locator("#decree_date").fill(datetime.date.today().isoformat())
    officer.get_by_role("button", name="Berikan").click()
    officer.wait_for_load_state()
    licence = Licence.objects.get(person=person)
    assert licence.number.startswith("SIPPS.3273.") and licence.number in main_text(officer)
    assert licence.credential.current_status() == "valid"

    # Later the officer revokes it, with the reason (for the staff) and its category (for the public).
    officer.locator("#st-category").select_option("ethics_council")
    officer.locator("#st-reason").fill("Pelanggaran kode etik berat (putusan Dewan Kehormatan)")
    officer.get_by_role("button", name="Cabut").click()
    officer.wait_for_load_state()
    licence.refresh_from_db()
    assert licence.status == "revoked" and licence.credential.status == "revoked"
    assert "Pelanggaran kode etik berat" in main_text(officer)

    # The public finds the member by number; the licence reads revoked, with the reason's category.
    visitor = browser.open("pengunjung")
    visitor.goto("/")
    register_search = visitor.get_by_role("region", name="Periksa pekerja sosial")
    register_search.get_by_label("Nama atau nomor anggota").fill(member.number)
    register_search.get_by_role("button", name="Cari").click()
    row = visitor.get_by_role("row").filter(has_text="Siti Rahmawati")
    assert re.search(rf"{re.escape(licence.number)}\s*—\s*dicabut", row.inner_text())
    assert re.search(rf"{re.escape(str_record.number)}\s*—\s*berlaku", row.inner_text())
    assert "atas keputusan Dewan Kode Etik" in row.inner_text() and "Pelanggaran kode etik berat" not in row.inner_text()
    # The register gives no verification address (counting numbers must not collect them); the
    # licence's QR code does, and an employer holding the document scans it.
    assert not row.get_by_role("link", name=re.compile(re.escape(licence.number))).count()
    visitor.goto(f"/v/{licence.credential.public_id}")
    assert visitor.get_by_role("status").first.inner_text().strip() == "DICABUT"
    assert "atas keputusan Dewan Kode Etik" in main_text(visitor) and "Pelanggaran kode etik berat" not in main_text(visitor)
    assert (
        definition(visitor, "Nomor") == licence.number
        and definition(visitor, "Kabupaten/kota") == licence.application.regency.name
    )
    assert "LKS Anak Harapan Bangsa" not in main_text(visitor)  # the place as written stays with the authority


def test_under_the_2009_rules_the_lsp_forwards_the_licence_application_and_the_ministry_grants_it(browser):
    person, certificate = certified_person(
        issued_on=datetime.date(2017, 1, 10), valid_until=datetime.date(2028, 1, 9), name="Bayu Saputra"
    )
    lsp_officer = make_staff(Role.LSP_OFFICER, organisation=certificate.lsp, name="Maya Anggraini")
    ministry_officer = make_staff(Role.MINISTRY_OFFICER, name="Joko Susilo")
    # Set-up: the application as it was filed in 2018, before UU 14/2019.
    application = services.apply_for_licence(
        actor=person.user,
        certificate=certificate,
        setting="community",
        place="Desa Sukamaju",
        regency=Regency.objects.get(code="32.73"),
        field="Pemberdayaan masyarakat",
        today=datetime.date(2018, 6, 1),
    )
    assert application.rule_set.code == "permensos-108-huk-2009" and application.authority.level == "national"

    # The LSP forwards it to the Ministry with its recommendation.
    lsp = browser.sign_in("lsp", lsp_officer, staff=True)
    lsp.get_by_role("link", name="Permohonan izin praktik").first.click()
    lsp.get_by_role("link", name="Bayu Saputra").click()
    assert "Permensos 108/HUK/2009" in main_text(lsp)
    lsp.get_by_label("Rekomendasi LSP kepada Kementerian").fill("Kompeten; direkomendasikan untuk diberi lisensi.")
    lsp.get_by_role("button", name="Teruskan dengan rekomendasi").click()
    lsp.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == "recommended"

    # The Ministry grants the licence by decree.
    ministry = browser.sign_in("kemensos", ministry_officer, staff=True)
    ministry.get_by_role("link", name="Permohonan izin praktik").first.click()
    ministry.get_by_role("link", name="Bayu Saputra").click()
    assert "Kompeten; direkomendasikan" in main_text(ministry)
    ministry.locator("#decree_number").fill("12/HUK/2018")
    ministry.locator("#decree_date").fill("2018-07-01")
    ministry.get_by_role("button", name="Berikan").click()
    ministry.wait_for_load_state()
    licence = Licence.objects.get(person=person)
    assert licence.number.startswith("LIS.KEMENSOS.2018.") and licence.number in main_text(ministry)

    assert licence.valid_until == datetime.date(2023, 6, 30)  # five years from the decree

    # Its verification page, as the QR on the licence opens it: expired today, valid in 2020.
    visitor = browser.open("pengunjung")
    visitor.goto(f"/v/{licence.credential.public_id}")
    assert visitor.get_by_role("status").first.inner_text().strip() == "KEDALUWARSA"
    assert definition(visitor, "Diterbitkan oleh") == "Kementerian Sosial Republik Indonesia"
    visitor.get_by_label("Tanggal").fill("2020-01-01")
    visitor.get_by_role("button", name="Periksa").click()
    assert "kredensial ini berlaku" in visitor.get_by_role("status").last.inner_text()
