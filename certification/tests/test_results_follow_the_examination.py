"""Issue 22 (time): competency results only on or after the examination date, the decision only
after every result, and no decision, issue or renewal dated in the future."""

import datetime

import pytest
from django.urls import reverse

from accounts.tests.factories import sign_in_with_second_factor
from certification import services
from certification.models import Certificate, CertificationApplication, UnitResult
from certification.tests.factories import SchemeFactory, assessor_for, event_for, lsp_officer, scheduled_application
from core.dates import register_day
from core.errors import DomainError

pytestmark = pytest.mark.django_db
S = CertificationApplication.Status


@pytest.fixture
def lsp_setup():
    scheme = SchemeFactory(units=2)
    return {"scheme": scheme, "lsp": scheme.lsp, "officer": lsp_officer(scheme.lsp)}


def assessed(lsp_setup, event):
    application, assessment = scheduled_application(
        lsp_setup["scheme"], lsp_setup["officer"], event, assessor=assessor_for(lsp_setup["lsp"])
    )
    for unit in assessment.units.all():
        services.record_unit_result(actor=assessment.assessor.user, assessment=assessment, unit=unit, result="K")
    services.record_recommendation(actor=assessment.assessor.user, assessment=assessment, recommendation="competent")
    application.refresh_from_db()
    return application


def test_results_for_an_examination_a_month_ahead_are_refused_and_nothing_is_recorded(lsp_setup):
    event = event_for(lsp_setup["lsp"], days_ahead=30)
    application, assessment = scheduled_application(
        lsp_setup["scheme"], lsp_setup["officer"], event, assessor=assessor_for(lsp_setup["lsp"])
    )
    with pytest.raises(DomainError, match="tanggal uji kompetensi"):
        services.record_unit_result(
            actor=assessment.assessor.user, assessment=assessment, unit=assessment.units.first(), result="K"
        )
    assert not UnitResult.objects.exists()
    application.refresh_from_db()
    assert application.status == S.SCHEDULED


def test_the_assessors_page_says_why_results_wait_for_the_examination_day(client, lsp_setup):
    event = event_for(lsp_setup["lsp"], days_ahead=30)
    _application, assessment = scheduled_application(
        lsp_setup["scheme"], lsp_setup["officer"], event, assessor=assessor_for(lsp_setup["lsp"])
    )
    unit = assessment.units.first()
    sign_in_with_second_factor(client, assessment.assessor.user)
    response = client.post(
        reverse("certification:assignment", args=[assessment.pk]),
        {"action": "unit", "unit": unit.pk, f"u{unit.pk}-result": "K", f"u{unit.pk}-notes": ""},
    )
    assert response.status_code == 200
    assert "tanggal uji kompetensi" in response.content.decode()
    assert not UnitResult.objects.exists()


def test_results_on_the_examination_day_are_recorded(lsp_setup):
    application = assessed(lsp_setup, event_for(lsp_setup["lsp"], days_ahead=0))
    assert application.status == S.ASSESSED
    assert UnitResult.objects.count() == 2


def test_a_decision_dated_in_the_future_is_refused_and_no_certificate_is_issued(lsp_setup):
    application = assessed(lsp_setup, event_for(lsp_setup["lsp"]))
    tomorrow = register_day() + datetime.timedelta(days=1)
    with pytest.raises(DomainError, match="masa depan"):
        services.decide(actor=lsp_setup["officer"], application=application, competent=True, today=tomorrow)
    application.refresh_from_db()
    assert application.status == S.ASSESSED
    assert not Certificate.objects.filter(application=application).exists()


def test_a_decision_dated_before_the_examination_is_refused(lsp_setup):
    application = assessed(lsp_setup, event_for(lsp_setup["lsp"]))
    with pytest.raises(DomainError, match="sebelum uji kompetensi"):
        services.decide(
            actor=lsp_setup["officer"],
            application=application,
            competent=True,
            today=application.event.held_on - datetime.timedelta(days=1),
        )
    application.refresh_from_db()
    assert application.status == S.ASSESSED


def test_a_renewal_dated_in_the_future_is_refused(lsp_setup):
    application = assessed(lsp_setup, event_for(lsp_setup["lsp"]))
    certificate = services.decide(actor=lsp_setup["officer"], application=application, competent=True)
    future = certificate.valid_until - datetime.timedelta(days=10)
    with pytest.raises(DomainError, match="masa depan"):
        services.renew_certificate(actor=lsp_setup["officer"], certificate=certificate, today=future)
    assert not certificate.renewals.exists()
