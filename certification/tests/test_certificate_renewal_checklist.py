"""Issue 24 §1 for the competency certificate: from 90 days before its end the holder reads, on
the certificate's page and on the dashboard, what renewal needs under the requirements in force
(the LSP's setting, as dated data), what is done and what is missing; a request is refused while
the checklist is incomplete, with nothing saved; the LSP decides, and a renewal starts the day
after the old certificate ends, which then ends as renewed, never as expired."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Notification
from accounts.tests.factories import UserFactory, sign_in_with_second_factor
from certification import renewals, services
from certification.models import Certificate, CertificateRenewalRequest
from certification.tests.factories import (
    LSPFactory,
    SchemeFactory,
    assessor_for,
    event_for,
    lsp_officer,
    pdf_upload,
    ready_to_renew,
    scheduled_application,
)
from core.errors import DomainError, NotAllowed
from core.models import AuditEvent, RenewalRequirement
from credentials.models import Credential, standing

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued():
    """A certificate the LSP issued today through the whole procedure, and its LSP's officer."""
    scheme = SchemeFactory(units=1)
    officer = lsp_officer(scheme.lsp)
    application, assessment = scheduled_application(scheme, officer, event_for(scheme.lsp), assessor_for(scheme.lsp))
    unit = assessment.units.get()
    services.record_unit_result(actor=assessment.assessor.user, assessment=assessment, unit=unit, result="K", notes="x")
    services.record_recommendation(actor=assessment.assessor.user, assessment=assessment, recommendation="competent")
    application.refresh_from_db()
    certificate = services.decide(actor=officer, application=application, competent=True)
    return certificate, officer


def clock_at(monkeypatch, day: datetime.date) -> None:
    for where in ("certification.services.register_day", "certification.views.register_day", "core.dates.register_day"):
        monkeypatch.setattr(where, lambda: day)


def test_the_requirements_in_force_are_the_lsps_setting_with_a_source():
    rows = RenewalRequirement.objects.in_force(datetime.date(2026, 12, 7)).filter(kind=renewals.KIND)
    assert {r.code for r in rows} == {"dues_paid", "cpd_credits", "renewal_portfolio"}
    assert all(r.source.startswith("Ditetapkan LSP (asumsi konsorsium") for r in rows)


def test_the_holder_sees_the_checklist_from_90_days_before_the_end_with_what_is_missing(client, issued, monkeypatch):
    certificate, _officer = issued
    client.force_login(certificate.person.user)
    url = reverse("certification:my_certificate", args=[certificate.pk])

    clock_at(monkeypatch, certificate.valid_until - datetime.timedelta(days=91))
    page = client.get(url).content.decode()
    assert "Kredit PKB" not in page and "Daftar periksa perpanjangan dibuka pada" in page

    clock_at(monkeypatch, certificate.valid_until - datetime.timedelta(days=90))
    page = client.get(url).content.decode()
    assert "✓ Keanggotaan IPSPI aktif dengan iuran lunas" in page
    assert "✗ Kredit PKB masa berlaku sertifikat: 0 dari 60 kredit: kurang 60" in page
    assert "✗ Portofolio perpanjangan" in page
    assert "Persyaratan ini adalah pengaturan LSP" in page

    dashboard = client.get(reverse("core:dashboard")).content.decode()
    assert certificate.number in dashboard and "masih memerlukan" in dashboard and url in dashboard


def test_a_request_is_refused_while_the_checklist_is_incomplete_and_nothing_is_saved(issued, monkeypatch):
    certificate, _officer = issued
    clock_at(monkeypatch, certificate.valid_until - datetime.timedelta(days=60))
    holder = certificate.person.user
    with pytest.raises(DomainError, match="belum dapat dikirim: Kredit PKB"):
        services.request_certificate_renewal(actor=holder, certificate=certificate, portfolio=pdf_upload("portofolio.pdf"))
    ready_to_renew(certificate, request=False)
    with pytest.raises(DomainError, match="Portofolio perpanjangan"):
        services.request_certificate_renewal(actor=holder, certificate=certificate)
    assert not CertificateRenewalRequest.objects.exists()


def test_a_request_before_the_window_or_by_someone_else_is_refused(issued, monkeypatch):
    certificate, _officer = issued
    ready_to_renew(certificate, request=False)
    clock_at(monkeypatch, certificate.valid_until - datetime.timedelta(days=91))
    with pytest.raises(DomainError, match="dibuka pada"):
        services.request_certificate_renewal(actor=certificate.person.user, certificate=certificate, portfolio=pdf_upload())
    clock_at(monkeypatch, certificate.valid_until - datetime.timedelta(days=60))
    with pytest.raises(NotAllowed):
        services.request_certificate_renewal(actor=UserFactory(), certificate=certificate, portfolio=pdf_upload())
    assert not CertificateRenewalRequest.objects.exists()


def test_the_page_refuses_an_incomplete_request_with_a_clear_message(client, issued, monkeypatch):
    certificate, _officer = issued
    clock_at(monkeypatch, certificate.valid_until - datetime.timedelta(days=60))
    client.force_login(certificate.person.user)
    url = reverse("certification:my_certificate", args=[certificate.pk])
    response = client.post(url, {"portfolio": pdf_upload("portofolio.pdf")})
    assert response.status_code == 200
    assert "Permohonan perpanjangan Anda belum dapat dikirim" in response.content.decode()
    assert not CertificateRenewalRequest.objects.exists()


def test_the_holder_requests_and_the_lsp_renews_from_the_day_after_the_old_one_ends(client, issued, monkeypatch):
    certificate, officer = issued
    ready_to_renew(certificate, request=False)
    day = certificate.valid_until - datetime.timedelta(days=45)
    clock_at(monkeypatch, day)
    client.force_login(certificate.person.user)
    url = reverse("certification:my_certificate", args=[certificate.pk])
    response = client.post(url, {"portfolio": pdf_upload("portofolio.pdf")})
    assert response.status_code == 302
    waiting = CertificateRenewalRequest.objects.get()
    assert waiting.waiting and waiting.portfolio
    assert Notification.objects.filter(user=officer, subject__contains=certificate.number).exists()
    assert "menunggu keputusan LSP" in client.get(url).content.decode()
    with pytest.raises(DomainError, match="sudah menunggu"):
        services.request_certificate_renewal(actor=certificate.person.user, certificate=certificate, portfolio=pdf_upload())

    renewal = services.renew_certificate(actor=officer, certificate=certificate, today=day)
    waiting.refresh_from_db()
    certificate.refresh_from_db()
    assert waiting.status == "renewed" and waiting.renewal == renewal and waiting.decided_by == officer
    assert renewal.issued_on == certificate.valid_until + datetime.timedelta(days=1)
    assert renewal.credential.valid_from == renewal.issued_on
    # Valid to its last day, then ended by renewal: on its page, its credential and after the night.
    assert certificate.status == "valid" and certificate.current_status(certificate.valid_until) == "valid"
    assert certificate.current_status(renewal.issued_on) == "renewed"
    assert certificate.credential.status_category == Credential.StatusCategory.RENEWED
    assert services.expire_certificates(today=renewal.issued_on) == 1
    certificate.refresh_from_db()
    certificate.credential.refresh_from_db()
    assert certificate.status == "renewed" and certificate.credential.status == "renewed"
    assert standing(
        renewal.credential.status, renewal.credential.valid_from, renewal.credential.valid_until, renewal.issued_on
    ) == ("valid")
    assert Certificate.objects.valid_for(certificate.person, renewal.issued_on).get() == renewal
    assert Notification.objects.filter(user=certificate.person.user, subject__contains=renewal.number).exists()


def test_the_lsp_renews_only_on_a_complete_checklist(issued, monkeypatch):
    certificate, officer = issued
    day = certificate.valid_until - datetime.timedelta(days=30)
    clock_at(monkeypatch, day)
    ready_to_renew(certificate, request=False)
    with pytest.raises(DomainError, match="belum dapat diterbitkan: Portofolio perpanjangan"):
        services.renew_certificate(actor=officer, certificate=certificate, today=day)
    assert not certificate.renewals.exists()


def test_the_lsp_refuses_a_request_with_its_reason_and_the_holder_may_ask_again(issued, monkeypatch):
    certificate, officer = issued
    day = certificate.valid_until - datetime.timedelta(days=30)
    clock_at(monkeypatch, day)
    request = ready_to_renew(certificate)
    with pytest.raises(DomainError, match="alasan"):
        services.refuse_certificate_renewal(actor=officer, request=request, reason=" ")
    services.refuse_certificate_renewal(actor=officer, request=request, reason="Portofolio tidak memuat praktik 2028")
    request.refresh_from_db()
    assert request.status == "refused" and request.decision_note == "Portofolio tidak memuat praktik 2028"
    told = Notification.objects.filter(user=certificate.person.user, subject__contains="ditolak").get()
    assert "Portofolio tidak memuat praktik 2028" in told.body
    again = services.request_certificate_renewal(
        actor=certificate.person.user, certificate=certificate, portfolio=pdf_upload("portofolio-2.pdf")
    )
    assert again.waiting


def test_the_holder_page_reads_in_english(client, issued, monkeypatch):
    certificate, _officer = issued
    clock_at(monkeypatch, certificate.valid_until - datetime.timedelta(days=30))
    client.force_login(certificate.person.user)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("certification:my_certificate", args=[certificate.pk])).content.decode()
    assert "✗ CPD credits of the certificate&#x27;s period" in page and "Send the renewal request" in page
    assert "These requirements are the LSP's setting" in page


def test_the_lsp_reads_the_checklist_and_the_portfolio_beside_its_decision_and_each_read_is_audited(client, issued, monkeypatch):
    certificate, officer = issued
    clock_at(monkeypatch, certificate.valid_until - datetime.timedelta(days=30))
    request = ready_to_renew(certificate)
    sign_in_with_second_factor(client, officer)
    page = client.get(reverse("certification:certificate_detail", args=[certificate.pk])).content.decode()
    assert "✓ Portofolio perpanjangan" in page and 'value="renew"' in page and 'value="refuse_renewal"' in page
    portfolio = reverse("certification:renewal_portfolio", args=[request.pk])
    assert portfolio in page
    assert client.get(portfolio).status_code == 200
    assert AuditEvent.objects.filter(
        actor=officer, action=AuditEvent.Action.DOWNLOAD_DOCUMENT, summary="renewal portfolio"
    ).exists()

    sign_in_with_second_factor(client, lsp_officer(LSPFactory()))
    assert client.get(portfolio).status_code == 404
    client.force_login(certificate.person.user)
    assert client.get(portfolio).status_code == 200


def test_the_holders_credentials_page_shows_the_certificate_checklist_and_where_to_request(client, issued, monkeypatch):
    certificate, _officer = issued
    client.force_login(certificate.person.user)
    monkeypatch.setattr("licensing.views.register_day", lambda: certificate.valid_until - datetime.timedelta(days=30))

    page = client.get(reverse("licensing:my_credentials")).content.decode()

    assert f"Perpanjangan sertifikat kompetensi {certificate.number}" in page
    assert "✗ Portofolio perpanjangan" in page
    assert reverse("certification:my_certificate", args=[certificate.pk]) in page
