"""Staff pages on a 390 px phone: the side menu folds behind one button so the page's own content
comes first, it opens when asked, and a staff register's rows read as cards whose status (and an
LKS's grade) are seen without scrolling sideways. Screenshots are kept in test-artifacts/."""

import re

import pytest

from accounts.roles import Role
from accounts.tests.factories import PASSWORD, current_totp_code, make_staff
from core.testing import reference_data
from core.testing.browser import ARTIFACTS
from regions.models import Province

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("areas")]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def areas():
    """Transactional tests run on a flushed database: the reference data come back from the
    data migrations' own functions."""
    reference_data.restore()


def _signed_in_on_a_phone(chromium, live_server, user):
    context = chromium.new_context(locale="id-ID", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(live_server.url + "/akun/login/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r".*/akun/2fa/authenticate/$"))
    page.locator("#id_code").fill(current_totp_code())
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()
    return context, page


def _card_labels(row) -> str:
    """The labels a card shows before each value (CSS generated content, which innerText leaves out)."""
    return " ".join(row.evaluate("tr => Array.from(tr.cells).map(td => getComputedStyle(td, '::before').content)"))


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def _within_the_screen(locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


def _screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def test_the_staff_menu_folds_so_the_member_register_comes_first_and_opens_on_demand(chromium, live_server):
    from registry import services
    from registry.tests.factories import complete_person, submitted_application

    officer = make_staff(Role.DPD_OFFICER, province=Province.objects.get(code="32"), name="Rina Kartika")
    application = submitted_application(complete_person(full_name="Siti Rahmawati Kusumaningrum"))
    services.verify_application(actor=officer, application=application, version=application.version)
    context, page = _signed_in_on_a_phone(chromium, live_server, officer)
    try:
        page.goto(live_server.url + "/anggota/daftar/")
        menu = page.locator("#staff-menu")
        heading = page.get_by_role("heading", name="Anggota", level=1)
        # Folded: the menu's links take no room, and the page's title is in the first screen.
        assert menu.is_hidden()
        assert heading.bounding_box()["y"] < PHONE["height"] / 3
        card = page.locator("table.table-cards tbody tr").first
        assert "Siti Rahmawati" in card.inner_text()
        labels = _card_labels(card)
        assert "Status" in labels and "Nomor" in labels
        status = card.locator("td[data-label=Status]")
        assert status.inner_text().strip() == "aktif" and _within_the_screen(status)
        assert page.locator("table.table-cards thead").bounding_box()["height"] <= 1
        assert _fits_the_screen(page)
        _screenshot(page, "staff-member-register-390.png")

        # Asked for, the menu opens above the content with every entry of the workspace.
        page.get_by_role("button", name="Menu ruang kerja").click()
        menu.get_by_role("link", name="Ikhtisar").wait_for(state="visible")
        assert menu.get_by_role("link", name="Anggota").first.is_visible()
        assert _fits_the_screen(page)
        _screenshot(page, "staff-menu-open-390.png")
    finally:
        context.close()


def test_the_staff_lks_register_shows_each_grade_and_status_on_a_phone_card(chromium, live_server):
    from portal.tests.test_lks_register import accredited

    lks = accredited("LKS Anak Harapan Bangsa", grade="B")
    officer = make_staff(Role.DINSOS_OFFICER, regency=lks.regency, name="Petugas Dinas Sosial")
    context, page = _signed_in_on_a_phone(chromium, live_server, officer)
    try:
        page.goto(live_server.url + "/akreditasi/lembaga/?q=harapan")
        assert page.locator("#staff-menu").is_hidden()
        card = page.locator("table.table-cards tbody tr").first
        labels = _card_labels(card)
        assert "Peringkat" in labels and "Status" in labels
        grade = card.locator("td[data-label=Peringkat]")
        status = card.locator("td[data-label=Status]")
        assert grade.inner_text().strip().startswith("B") and _within_the_screen(grade)
        assert status.inner_text().strip() == "berlaku" and _within_the_screen(status)
        assert _fits_the_screen(page)
        _screenshot(page, "staff-lks-register-390.png")
    finally:
        context.close()
