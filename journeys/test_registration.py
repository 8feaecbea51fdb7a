"""Journey 1: a social worker signs up, completes the profile, applies to the DPD Jawa Barat; the
DPD officer verifies; the member gets a number and the card; anyone can check the card's QR link."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

from accounts.roles import Role
from accounts.tests.factories import make_staff
from regions.models import Province
from registry.models import Member, MembershipApplication
from registry.tests.factories import nik_for, pdf_bytes, png_bytes

from .conftest import definition, main_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BIRTH_DATE = datetime.date(1994, 8, 21)
NIK = nik_for(BIRTH_DATE, "P", area="327305", serial=17)


def test_a_social_worker_signs_up_is_verified_by_the_dpd_and_anyone_can_verify_the_member_card(browser, tmp_path):
    photo, diploma = tmp_path / "foto.png", tmp_path / "ijazah.pdf"
    photo.write_bytes(png_bytes())
    diploma.write_bytes(pdf_bytes())
    officer = make_staff(Role.DPD_OFFICER, province=Province.objects.get(code="32"), name="Agus Setiawan")

    # Sign up from the home page and confirm the e-mail address.
    worker = browser.open("pekerja-sosial")
    worker.goto("/")
    worker.get_by_role("link", name="Daftar sebagai pekerja sosial").click()
    worker.get_by_label("Nama lengkap").fill("Rina Marlina")
    worker.locator("#id_email").fill("rina.marlina@example.id")
    worker.locator("#id_password1").fill("kata-sandi-yang-panjang-7")
    worker.locator("#id_password2").fill("kata-sandi-yang-panjang-7")
    worker.locator("#id_consent").check()
    worker.locator("main form button[type=submit]").last.click()
    worker.wait_for_load_state()
    [confirmation] = [m for m in mail.outbox if "rina.marlina@example.id" in m.to]
    link = re.search(r"https?://\S+/akun/confirm-email/\S+/", confirmation.body).group(0)
    worker.goto(urlsplit(link).path)
    worker.locator("main form button[type=submit]").last.click()
    worker.wait_for_url(re.compile(r".*/staf/$"))

    # Fill in the profile: NIK, birth, address with province and regency, photo.
    worker.get_by_role("link", name="Keanggotaan IPSPI saya").first.click()
    worker.get_by_role("link", name="Isi profil saya").click()
    worker.get_by_label("NIK").fill(NIK)
    worker.locator("#id_birth_place").fill("Bandung")
    worker.locator("#id_birth_date").fill(BIRTH_DATE.isoformat())
    worker.locator("#id_sex").select_option("P")
    worker.locator("#id_photo").set_input_files(str(photo))
    worker.locator("#id_phone").fill("0812 3456 7890")
    worker.locator("#id_address").fill("Jl. Cihampelas No. 12, Bandung")
    worker.locator("#id_province").select_option(label="Jawa Barat")
    worker.locator("#id_regency").select_option(label="Kota Bandung — Jawa Barat")
    worker.locator("#id_workforce_category").select_option("pekerja_sosial_profesional")
    worker.get_by_role("button", name="Simpan").click()
    worker.wait_for_url(re.compile(r".*/anggota/saya/$"))
    assert "Profil Anda tersimpan" in main_text(worker)

    # Education: S1 Kesejahteraan Sosial with the diploma.
    worker.locator("section[aria-labelledby=edu-h]").get_by_role("link", name="Tambah").click()
    worker.locator("#id_level").select_option("S1")
    worker.locator("#id_study_programme").fill("Kesejahteraan Sosial")
    worker.locator("#id_study_field").select_option("kesejahteraan_sosial")
    worker.locator("#id_institution").fill("Universitas Padjadjaran")
    worker.locator("#id_graduation_year").fill("2016")
    worker.locator("#id_diploma").set_input_files(str(diploma))
    worker.get_by_role("button", name="Simpan").click()
    worker.wait_for_url(re.compile(r".*/anggota/saya/$"))
    assert "Universitas Padjadjaran" in main_text(worker)

    # Apply through the DPD Jawa Barat.
    worker.locator("input[name=channel][value=dpd]").check()
    worker.locator("#id_province").select_option(label="Jawa Barat")
    worker.get_by_role("button", name="Kirim permohonan").click()
    worker.wait_for_load_state()
    assert "Permohonan Anda telah dikirim" in main_text(worker)
    application = MembershipApplication.objects.get(person__user__email="rina.marlina@example.id")
    assert application.status == "submitted" and application.province.code == "32"
    assert application.person.regency.code == "32.73" and application.person.address.startswith("Jl. Cihampelas")

    # The DPD officer signs in with the authenticator code and verifies the application.
    dpd = browser.sign_in("dpd", officer, staff=True)
    dpd.get_by_role("link", name="Permohonan keanggotaan").first.click()
    dpd.get_by_role("link", name="Rina Marlina").click()
    assert NIK in main_text(dpd)  # staff see the private data they decide on
    dpd.locator("#id_decision").select_option("verify")
    dpd.get_by_role("button", name="Catat keputusan").click()
    dpd.wait_for_load_state()
    member = Member.objects.get(person__user__email="rina.marlina@example.id")
    assert member.number == f"IPSPI.32.{datetime.date.today().year}.00001"
    assert f"Nomor anggota: {member.number}" in main_text(dpd)

    # The member sees the number, downloads the card and opens its public verification page.
    worker.goto("/anggota/saya/")
    assert member.number in main_text(worker)
    assert worker.locator("section[aria-labelledby=profile-h]").get_by_role("link", name="Ubah").is_visible()
    with worker.expect_download() as download:
        worker.get_by_role("link", name="Unduh kartu tanda anggota (KTA, PDF)").click()
    assert open(download.value.path(), "rb").read(4) == b"%PDF"
    verification_link = worker.get_by_role("link", name="Halaman verifikasi publik").get_attribute("href")
    assert member.credential.public_id in verification_link and member.number not in verification_link

    # Anyone (no session) opens the QR link: valid, and no NIK, birth date or address.
    visitor = browser.open("pengunjung")
    visitor.goto(urlsplit(verification_link).path)
    status = visitor.get_by_role("status").first
    assert status.inner_text().strip() == "SAH / BERLAKU"
    page_text = main_text(visitor)
    assert member.number in page_text and "Rina Marlina" in page_text
    assert definition(visitor, "Kategori keanggotaan") == "Anggota Biasa" and definition(visitor, "Provinsi") == "Jawa Barat"
    assert "province" not in page_text and "category" not in page_text  # labels, not the claims' keys
    html = visitor.content()
    for private in (NIK, "21 Agustus 1994", "1994-08-21", "Cihampelas", "0812", "rina.marlina@example.id"):
        assert private not in html
