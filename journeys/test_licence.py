"""Journey 3: under UU 14/2019 a certified member applies for an STR with a health statement, the
DPP issues it; the member applies for a SIPPS to Kota Bandung; the Kota Bandung licensing officer
grants it with a decree and later revokes it; the public verification shows it revoked."""

import datetime
import re

import pytest

from accounts.roles import Role
from accounts.tests.factories import make_staff
from certification.tests.factories import member_for
from licensing.models import Licence, LicensingAuthority, Str, StrApplication
from licensing.tests.factories import certified_person
from registry.tests.factories import pdf_bytes

from .conftest import definition, main_text

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
    worker.get_by_role("link", name="Ajukan STR").click()
    worker.locator("#id_certificate").select_option(str(certificate.pk))
    worker.locator("#id_health_statement").set_input_files(str(health))
    worker.locator("#id_oath_taken").check()
    worker.locator("#id_code_of_ethics").check()
    worker.get_by_role("button", name="Kirim ke DPP").click()
    worker.wait_for_url(re.compile(r".*/lisensi/str/\d+/$"))
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

    # Later the officer revokes it, with the reason.
    officer.locator("#st-reason").fill("Pelanggaran kode etik berat (putusan Dewan Kehormatan)")
    officer.get_by_role("button", name="Cabut").click()
    officer.wait_for_load_state()
    licence.refresh_from_db()
    assert licence.status == "revoked" and licence.credential.status == "revoked"
    assert "Pelanggaran kode etik berat" in main_text(officer)

    # The public finds the member by number; the licence reads revoked, with the reason.
    visitor = browser.open("pengunjung")
    visitor.goto("/")
    visitor.get_by_label("Nama atau nomor anggota").fill(member.number)
    visitor.get_by_role("button", name="Cari").click()
    row = visitor.get_by_role("row").filter(has_text="Siti Rahmawati")
    assert re.search(rf"{re.escape(licence.number)}\s*—\s*dicabut", row.inner_text())
    assert re.search(rf"{re.escape(str_record.number)}\s*—\s*berlaku", row.inner_text())
    row.get_by_role("link", name=re.compile(re.escape(licence.number))).click()
    assert visitor.get_by_role("status").first.inner_text().strip() == "DICABUT"
    assert "Pelanggaran kode etik berat" in main_text(visitor)
    assert definition(visitor, "Nomor") == licence.number and definition(visitor, "Tempat praktik") == "LKS Anak Harapan Bangsa"
