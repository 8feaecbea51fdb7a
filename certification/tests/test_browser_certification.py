"""The issue's "Done when", in a browser: eligibility, application, acceptance, assignment with a
conflicted assessor refused, results, the LSP decision and the certificate PDF."""

import re

import pytest

from accounts.tests.factories import PASSWORD, current_totp_code
from certification.models import Certificate, CertificationApplication
from certification.tests.factories import SchemeFactory, assessor_for, candidate, event_for, lsp_officer
from core.testing.browser import serious_accessibility_violations
from registry.tests.factories import pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


@pytest.fixture
def reference_data():
    """Transactional tests run on a flushed database (or on one a test before left as it was):
    put back the reference data the data migrations load, with their own functions on the
    historical models (the live ones refuse to edit a rule set already in force)."""
    from core.testing import reference_data as loaders

    loaders.restore()


def sign_in(chromium, live_server, user, *, staff=False):
    context = chromium.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(live_server.url + "/akun/login/")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    if staff:
        page.wait_for_url(re.compile(r".*/akun/2fa/authenticate/$"))
        page.locator("#id_code").fill(current_totp_code())
        page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()
    return page


def test_done_when_in_a_browser(chromium, live_server, tmp_path):
    scheme = SchemeFactory(units=2, title="Pekerja Sosial Generalis")
    lsp = scheme.lsp
    officer = lsp_officer(lsp)
    event_for(lsp)
    conflicted = assessor_for(lsp, employer="Dinas Sosial Kota Bandung")
    assessor = assessor_for(lsp, employer="Universitas Padjadjaran")
    member = candidate(years=3, training_hours=64)
    short = candidate(years=1, training_hours=64)
    document = tmp_path / "bukti.pdf"
    document.write_bytes(pdf_bytes())

    # A member with only one year is told exactly why not.
    page = sign_in(chromium, live_server, short.user)
    page.goto(live_server.url + "/sertifikasi/saya/")
    text = page.locator("main").inner_text()
    assert "tidak memenuhi syarat" in text and "900" in text and "540" in text
    page.context.close()

    # The S1 Kesejahteraan Sosial member with three years is eligible and applies.
    page = sign_in(chromium, live_server, member.user)
    page.goto(live_server.url + "/sertifikasi/saya/")
    assert "memenuhi syarat" in page.locator("main").inner_text()
    page.get_by_role("button", name="Ajukan untuk skema ini").click()
    page.wait_for_url(re.compile(r".*/sertifikasi/saya/permohonan/\d+/$"))
    for kind in ("work_letter", "training", "recommendation"):
        page.locator("#id_kind").select_option(kind)
        page.locator("#id_file").set_input_files(str(document))
        page.get_by_role("button", name="Lampirkan").click()
        page.wait_for_load_state()
    assert serious_accessibility_violations(page) == []
    page.locator("input[name=action][value=submit] ~ button").click()
    page.wait_for_load_state()
    application = CertificationApplication.objects.get(person=member)
    assert application.status == "submitted"
    member_page = page

    # The LSP officer accepts, schedules, is refused a conflicted assessor, assigns another.
    page = sign_in(chromium, live_server, officer, staff=True)
    page.goto(live_server.url + f"/sertifikasi/permohonan/{application.pk}/")
    page.get_by_role("button", name="Terima sebagai memenuhi syarat").click()
    page.wait_for_load_state()
    page.locator("#id_event").select_option(index=1)
    page.get_by_role("button", name="Jadwalkan", exact=True).click()
    page.wait_for_load_state()
    page.locator("#id_assessor").select_option(str(conflicted.pk))
    page.get_by_role("button", name="Tugaskan", exact=True).click()
    page.wait_for_load_state()
    assert "pemberi kerja yang sama" in page.locator("main").inner_text()
    assert serious_accessibility_violations(page) == []
    page.locator("#id_assessor").select_option("")
    page.get_by_role("button", name="Tugaskan", exact=True).click()
    page.wait_for_load_state()
    assert application.assessments.get().assessor == assessor
    officer_page = page

    # The assessor records the unit results and the recommendation.
    page = sign_in(chromium, live_server, assessor.user, staff=True)
    page.goto(live_server.url + "/sertifikasi/penugasan/")
    page.get_by_role("link", name=member.full_name).click()
    assert serious_accessibility_violations(page) == []
    for unit in application.scheme.units.all():
        page.locator(f"input[name='u{unit.pk}-result'][value='K']").check()
        page.locator(f"input[name='unit'][value='{unit.pk}'] ~ button").click()
        page.wait_for_load_state()
    page.locator("#id_recommendation").select_option("competent")
    page.get_by_role("button", name="Berikan rekomendasi").click()
    page.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == "assessed"

    # The LSP decides; the certificate is issued and valid.
    officer_page.goto(live_server.url + f"/sertifikasi/permohonan/{application.pk}/")
    officer_page.locator("#id_decision").select_option("competent")
    officer_page.get_by_role("button", name="Catat keputusan").click()
    officer_page.wait_for_load_state()
    certificate = Certificate.objects.get(application=application)
    assert certificate.number in officer_page.locator("main").inner_text()
    assert certificate.credential.current_status() == "valid"

    member_page.goto(live_server.url + "/sertifikasi/saya/")
    assert certificate.number in member_page.locator("main").inner_text()
    response = member_page.request.get(live_server.url + f"/sertifikasi/sertifikat/{certificate.pk}.pdf")
    assert response.status == 200 and response.body()[:4] == b"%PDF"

    # The QR code opens the public verification page, which shows the certificate as valid.
    from django.conf import settings

    verify = chromium.new_context(locale="id-ID").new_page()
    verify.goto(live_server.url + certificate.credential.verification_url.removeprefix(settings.SITE_URL))
    assert verify.locator(".status-valid").is_visible()
    assert certificate.number in verify.locator("main").inner_text()
    verify.context.close()


def test_the_public_self_check_page_answers_without_login_and_is_accessible(page, live_server):
    page.goto(live_server.url + "/sertifikasi/cek-kelayakan/")
    page.locator("#id_education_level").select_option("D3")
    page.locator("#id_study_field").select_option("lainnya")
    page.locator("#id_practice_months").fill("60")
    page.locator("#id_training_hours").fill("200")
    page.get_by_role("button", name="Periksa").click()
    page.wait_for_load_state()
    text = page.locator("main").inner_text()
    assert "Tenaga Kesejahteraan Sosial" in text and "tidak memenuhi syarat" in text
    assert serious_accessibility_violations(page) == []
