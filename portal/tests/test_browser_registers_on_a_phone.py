"""The registers on a 390 px phone: rows are cards (no sideways scrolling), and the regency list
follows the chosen province through htmx. A screenshot of each register is kept in
test-artifacts/ for review."""

import pytest

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


def _phone(chromium):
    context = chromium.new_context(locale="id-ID", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15000)
    return context, page


def _card_labels(row) -> str:
    """The labels a card shows before each value (CSS generated content, which innerText leaves out)."""
    return " ".join(row.evaluate("tr => Array.from(tr.cells).map(td => getComputedStyle(td, '::before').content)"))


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_lks_register_is_cards_on_a_phone_and_its_regency_list_follows_the_province(chromium, live_server):
    from .test_lks_register import accredited

    accredited("LKS Anak Harapan Bangsa", grade="B")
    context, page = _phone(chromium)
    try:
        page.goto(live_server.url + "/register/lks/?q=harapan")
        card = page.locator("table.table-cards tbody tr").first
        assert "Peringkat" in _card_labels(card) and "berlaku" in card.inner_text()
        assert page.locator("table.table-cards thead").bounding_box()["height"] <= 1
        assert _fits_the_screen(page)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "register-lks-390.png"), full_page=True)

        page.goto(live_server.url + "/register/lks/")
        page.locator("#provinsi").select_option("32")
        page.locator("#kabupaten option", has_text="Kota Bandung").wait_for(state="attached")
        options = page.locator("#kabupaten option").all_inner_texts()
        assert "Kota Bandung" in options and "Kota Surabaya" not in options
        assert _fits_the_screen(page)
    finally:
        context.close()


def test_the_social_worker_register_fits_a_phone(chromium, live_server):
    from accounts.roles import Role
    from accounts.tests.factories import make_staff
    from registry import services
    from registry.tests.factories import complete_person, submitted_application

    officer = make_staff(Role.DPD_OFFICER, province=Province.objects.get(code="32"))
    application = submitted_application(complete_person(full_name="Siti Rahmawati Kusumaningrum"))
    services.verify_application(actor=officer, application=application, version=application.version)
    context, page = _phone(chromium)
    try:
        page.goto(live_server.url + "/register/pekerja-sosial/?q=siti")
        card = page.locator("table.table-cards tbody tr").first
        assert "Siti Rahmawati" in card.inner_text() and "Keanggotaan" in _card_labels(card)
        assert _fits_the_screen(page)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "register-pekerja-sosial-390.png"), full_page=True)
    finally:
        context.close()
