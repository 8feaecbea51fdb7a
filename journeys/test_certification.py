"""Journey 2: a member applies for a scheme at an LSP; the LSP officer checks the application,
schedules it and assigns an assessor; the assessor records the unit results; the LSP decides
competent and the certificate is issued; the public register and verification page show it."""

import re
from urllib.parse import urlsplit

import pytest

from certification.models import Certificate, CertificationApplication
from certification.tests.factories import SchemeFactory, assessor_for, candidate, event_for, lsp_officer
from registry.tests.factories import pdf_bytes

from .conftest import definition, main_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_is_assessed_competent_and_the_certificate_is_publicly_verifiable(browser, tmp_path):
    scheme = SchemeFactory(units=2, title="Pekerja Sosial Generalis", lsp__name="LSP Pekerjaan Sosial Bandung")
    officer = lsp_officer(scheme.lsp)
    event_for(scheme.lsp)
    assessor = assessor_for(scheme.lsp, employer="Universitas Padjadjaran")
    member = candidate(years=3, training_hours=64)
    document = tmp_path / "surat-keterangan.pdf"
    document.write_bytes(pdf_bytes())

    # The member finds the scheme from the workspace, applies and attaches the documents.
    worker = browser.sign_in("anggota", member.user)
    worker.get_by_role("link", name="Sertifikasi saya").first.click()
    assert "memenuhi syarat" in main_text(worker)
    worker.get_by_role("button", name="Ajukan untuk skema ini").click()
    worker.wait_for_url(re.compile(r".*/sertifikasi/saya/permohonan/\d+/$"))
    for kind in ("work_letter", "training", "recommendation"):
        worker.locator("#id_kind").select_option(kind)
        worker.locator("#id_file").set_input_files(str(document))
        worker.get_by_role("button", name="Lampirkan").click()
        worker.wait_for_load_state()
    assert "Masih kurang" not in main_text(worker)
    worker.locator("form:has(input[name=action][value=submit]) button").click()
    worker.wait_for_load_state()
    application = CertificationApplication.objects.get(person=member)
    assert application.status == "submitted"

    # The LSP officer checks it, schedules it and assigns the assessor.
    lsp = browser.sign_in("lsp", officer, staff=True)
    lsp.get_by_role("link", name="Permohonan sertifikasi").first.click()
    lsp.get_by_role("link", name=member.full_name).click()
    lsp.get_by_role("button", name="Terima sebagai memenuhi syarat").click()
    lsp.wait_for_load_state()
    lsp.locator("#id_event").select_option(index=1)
    lsp.get_by_role("button", name="Jadwalkan", exact=True).click()
    lsp.wait_for_load_state()
    lsp.locator("#id_assessor").select_option(str(assessor.pk))
    lsp.get_by_role("button", name="Tugaskan", exact=True).click()
    lsp.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == "scheduled" and application.assessments.get().assessor == assessor

    # The assessor records every unit as competent and recommends.
    rater = browser.sign_in("asesor", assessor.user, staff=True)
    rater.get_by_role("link", name="Penugasan asesmen saya").first.click()
    rater.get_by_role("link", name=member.full_name).click()
    for unit in scheme.units.all():
        rater.locator(f"input[name='u{unit.pk}-result'][value='K']").check()
        rater.locator(f"form:has(input[name='unit'][value='{unit.pk}']) button[type=submit]").click()
        rater.wait_for_load_state()
    rater.locator("#id_recommendation").select_option("competent")
    rater.get_by_role("button", name="Berikan rekomendasi").click()
    rater.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == "assessed"

    # The LSP decides: competent; the certificate is issued.
    lsp.reload()
    lsp.locator("#id_decision").select_option("competent")
    lsp.get_by_role("button", name="Catat keputusan").click()
    lsp.wait_for_load_state()
    certificate = Certificate.objects.get(application=application)
    assert certificate.number in main_text(lsp)
    assert certificate.credential.current_status() == "valid"

    # The member sees the certificate and its verification link.
    worker.get_by_role("link", name="Sertifikasi kompetensi saya").click()
    assert certificate.number in main_text(worker)
    link = worker.get_by_role("link", name="halaman verifikasi").first.get_attribute("href")

    # The public: the register lists the certificate as valid; its page says valid.
    visitor = browser.open("pengunjung")
    visitor.goto("/register/pekerja-sosial/")
    visitor.locator("#q").fill(member.member.number)
    visitor.get_by_role("button", name="Cari").click()
    row = visitor.get_by_role("row").filter(has_text=member.full_name)
    assert re.search(rf"{re.escape(certificate.number)}\s*—\s*berlaku", row.inner_text(), re.IGNORECASE)
    visitor.goto(urlsplit(link).path)
    assert visitor.get_by_role("status").first.inner_text().strip() == "SAH / BERLAKU"
    assert definition(visitor, "Nomor") == certificate.number and definition(visitor, "Pemegang") == member.full_name
    assert definition(visitor, "Diterbitkan oleh") == "LSP Pekerjaan Sosial Bandung"
    assert definition(visitor, "Skema") == "Pekerja Sosial Generalis"
