"""Shared set-up of the end-to-end journeys: reference data, one browser context per role, and a
screenshot of every open page when a journey fails."""

import re
import time

import pytest

from accounts.tests.factories import PASSWORD, current_totp_code
from core.testing import reference_data as reference_data_module
from core.testing.browser import ARTIFACTS


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    reference_data_module.restore()


class Browser:
    """Opens one browser context per person, as each would sit at their own computer."""

    def __init__(self, chromium, base_url):
        self.chromium = chromium
        self.url = base_url
        self.pages = []
        self.codes_used: set[tuple[int, str]] = set()

    def open(self, name: str):
        context = self.chromium.new_context(locale="id-ID", viewport={"width": 1280, "height": 900}, base_url=self.url)
        page = context.new_page()
        page.set_default_timeout(15000)
        self.pages.append((name, page))
        return page

    def sign_in(self, name: str, user, *, staff: bool = False):
        """Sign in through the login form; staff then give their authenticator code."""
        page = self.open(name)
        page.goto("/akun/login/")
        page.locator("#id_login").fill(user.email)
        page.locator("#id_password").fill(PASSWORD)
        page.locator("main form button[type=submit]").last.click()
        if staff:
            page.wait_for_url(re.compile(r".*/akun/2fa/authenticate/$"))
            page.locator("#id_code").fill(self.fresh_code(user))
            page.get_by_role("button", name="Masuk").click()
        page.wait_for_url(re.compile(r".*/staf/$"))
        return page

    def fresh_code(self, user) -> str:
        """The authenticator's code, never one this person already signed in with: a code is
        accepted once (allauth refuses a replay), and a second sign-in within the same 30
        seconds waits for the next one, as the person would."""
        code = current_totp_code()
        while (user.pk, code) in self.codes_used:
            time.sleep(30 - time.time() % 30 + 0.05)
            code = current_totp_code()
        self.codes_used.add((user.pk, code))
        return code

    def close(self, failed: bool, test_name: str):
        for name, page in self.pages:
            if failed and not page.is_closed():
                ARTIFACTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / f"{test_name}-{name}.png"), full_page=True)
            page.context.close()


@pytest.fixture
def browser(chromium, live_server, request):
    opened = Browser(chromium, live_server.url)
    yield opened
    report = getattr(request.node, "rep_call", None)
    opened.close(bool(report is not None and report.failed), re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)[-120:])


def main_text(page) -> str:
    return page.locator("main").inner_text()


def definition(page, term: str) -> str:
    """The value shown next to a term in a definition list (<dt>term</dt><dd>value</dd>)."""
    return (
        page.locator("main dt", has_text=re.compile(rf"^{re.escape(term)}$"))
        .locator("xpath=following-sibling::dd[1]")
        .first.inner_text()
        .strip()
    )


def apply_for_str(page, certificate, health_statement) -> None:
    """From the member's page with the "Ajukan STR" link: the application with the certificate,
    the health statement and both statements, sent to the DPP."""
    page.get_by_role("link", name="Ajukan STR").click()
    page.locator("#id_certificate").select_option(str(certificate.pk))
    page.locator("#id_health_statement").set_input_files(str(health_statement))
    page.locator("#id_oath_taken").check()
    page.locator("#id_code_of_ethics").check()
    page.get_by_role("button", name="Kirim ke DPP").click()
    page.wait_for_url(re.compile(r".*/lisensi/str/\d+/$"))
