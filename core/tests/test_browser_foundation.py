import re

import pytest
from django.core import mail

from accounts.roles import Role
from accounts.tests.factories import PASSWORD, current_totp_code, make_staff
from core.testing.browser import serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_registers_confirms_the_email_and_reaches_the_workspace_in_indonesian(page, live_server):
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "id"
    page.get_by_role("link", name="Daftar sebagai pekerja sosial").click()
    page.get_by_label("Nama lengkap").fill("Dewi Lestari")
    page.locator("#id_email").fill("dewi@example.id")
    page.locator("#id_password1").fill("kata-sandi-yang-panjang-7")
    page.locator("#id_password2").fill("kata-sandi-yang-panjang-7")
    page.locator("#id_consent").check()
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/akun/confirm-email/\S+/", mail.outbox[0].body).group(0)
    page.goto(live_server.url + "/" + link.split("/", 3)[3])
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r".*/staf/$"))
    assert "Selamat datang, Dewi" in page.content()


def test_staff_sign_in_with_password_then_authenticator_code(page, live_server):
    officer = make_staff(Role.DATA_PROTECTION_OFFICER, name="Rina Wulandari")
    page.goto(live_server.url + "/akun/login/")
    page.locator("#id_login").fill(officer.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r".*/akun/2fa/authenticate/$"))
    page.locator("#id_code").fill(current_totp_code())
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r".*/staf/$"))
    assert "Jejak audit" in page.content()


@pytest.mark.parametrize("path", ["/", "/akun/login/", "/akun/signup/"])
def test_public_entry_pages_have_no_serious_accessibility_violations(page, live_server, path):
    page.goto(live_server.url + path)
    assert serious_accessibility_violations(page) == []
