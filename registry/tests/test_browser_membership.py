"""In a browser: a new user registers a profile, applies through the DPD of Jawa Barat; the DPD
officer of Jawa Timur cannot see it; the Jawa Barat officer verifies; the member gets a number,
pays dues, and downloads the member card."""

import datetime
import re

import pytest
from django.core import mail

from accounts.roles import Role
from accounts.tests.factories import PASSWORD, UserFactory, make_staff, sign_in_with_second_factor
from core.testing.browser import serious_accessibility_violations
from regions.models import Province
from registry.models import Member, MembershipApplication
from registry.tests.factories import nik_for, pdf_bytes, png_bytes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("reference_data"),
]


def _sign_in(page, url, email):
    page.context.clear_cookies()
    page.goto(url + "/akun/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r".*/staf/$"))


def _as_staff(page, url, user):
    """Staff sign-in with password and authenticator code is covered by core's browser tests;
    here the officers' sessions are made directly (two officers within one 30-second TOTP
    window would share a code, which allauth refuses as a replay)."""
    from django.test import Client

    client = Client()
    sign_in_with_second_factor(client, user)
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": url}])


def test_register_apply_verify_pay_and_download_the_card_in_a_browser(page, live_server, tmp_path):
    url = live_server.url
    photo, diploma = tmp_path / "foto.png", tmp_path / "ijazah.pdf"
    photo.write_bytes(png_bytes())
    diploma.write_bytes(pdf_bytes())
    user = UserFactory(name="Nur Aini")
    jabar, jatim = Province.objects.get(code="32"), Province.objects.get(code="35")
    officer_jabar = make_staff(Role.DPD_OFFICER, province=jabar)
    officer_jatim = make_staff(Role.DPD_OFFICER, province=jatim)

    _sign_in(page, url, user.email)
    page.goto(url + "/anggota/saya/")
    page.get_by_role("link", name="Isi profil saya").click()
    page.locator("#id_nik").fill(nik_for(datetime.date(1995, 3, 12), "P"))
    page.locator("#id_full_name").fill("Nur Aini")
    page.locator("#id_birth_place").fill("Bandung")
    page.locator("#id_birth_date").fill("1995-03-12")
    page.locator("#id_sex").select_option("P")
    page.locator("#id_photo").set_input_files(str(photo))
    page.locator("#id_phone").fill("0813 2222 3333")
    page.locator("#id_province").select_option(label="Jawa Barat")
    page.locator("#id_workforce_category").select_option("pekerja_sosial_profesional")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/anggota/saya/$"))
    page.goto(url + "/anggota/saya/education/tambah/")
    page.locator("#id_level").select_option("S1")
    page.locator("#id_study_programme").fill("Kesejahteraan Sosial")
    page.locator("#id_study_field").select_option("kesejahteraan_sosial")
    page.locator("#id_institution").fill("Universitas Pasundan")
    page.locator("#id_graduation_year").fill("2017")
    page.locator("#id_diploma").set_input_files(str(diploma))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/anggota/saya/$"))
    page.locator("input[name=channel][value=dpd]").check()
    page.locator("#id_province").select_option(label="Jawa Barat")
    page.get_by_role("button", name="Kirim permohonan").click()
    assert "Permohonan Anda telah dikirim" in page.content()
    assert serious_accessibility_violations(page) == []
    application = MembershipApplication.objects.get(person__user=user)

    _as_staff(page, url, officer_jatim)
    page.goto(url + "/anggota/permohonan/")
    assert "Nur Aini" not in page.content()
    assert page.goto(url + f"/anggota/permohonan/{application.pk}/").status == 404

    _as_staff(page, url, officer_jabar)
    page.goto(url + "/anggota/permohonan/")
    page.get_by_role("link", name="Nur Aini").click()
    assert serious_accessibility_violations(page) == []
    page.locator("#id_decision").select_option("verify")
    page.get_by_role("button", name="Catat keputusan").click()
    member = Member.objects.get(person__user=user)
    assert f"Nomor anggota: {member.number}" in page.content()
    assert member.number == f"IPSPI.32.{datetime.date.today().year}.00001"
    assert any(member.number in m.body for m in mail.outbox)

    _sign_in(page, url, user.email)
    page.goto(url + "/anggota/saya/")
    assert member.number in page.content()
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh kartu tanda anggota (KTA, PDF)").click()
    assert open(download.value.path(), "rb").read(4) == b"%PDF"
    page.get_by_role("link", name="Unggah bukti pembayaran").click()
    page.locator("#id_paid_on").fill(datetime.date.today().isoformat())
    page.locator("#id_proof").set_input_files(str(diploma))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/anggota/saya/$"))

    _as_staff(page, url, officer_jabar)
    page.goto(url + "/anggota/pembayaran/")
    page.get_by_role("button", name="Konfirmasi").click()
    assert "Pembayaran dikonfirmasi; kuitansi KW.IPSPI.32." in page.content()
    member.refresh_from_db()
    assert member.invoices.get().status == "paid"
