"""Issue 22 (time): a certificate reads on every page as its credential does: "belum berlaku"
before its first day, "kedaluwarsa" past its last one even before the nightly job records it."""

import datetime

import pytest
from django.urls import reverse

from accounts.tests.factories import sign_in_with_second_factor
from certification import services
from certification.tests.factories import SchemeFactory, assessor_for, event_for, lsp_officer
from certification.tests.test_actions_follow_the_state_machine import _assessed
from core.dates import register_day

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    scheme = SchemeFactory(units=2)
    lsp = scheme.lsp
    return {
        "scheme": scheme,
        "lsp": lsp,
        "officer": lsp_officer(lsp),
        "event": event_for(lsp, capacity=10),
        "assessor": assessor_for(lsp),
    }


def _issued(world):
    return services.decide(actor=world["officer"], application=_assessed(world), competent=True)


def _status_cell(client, certificate) -> str:
    page = client.get(reverse("certification:certificate_detail", args=[certificate.pk])).content.decode()
    start = page.index('<dt class="col-sm-3">Status</dt>')
    return page[start : start + 200]


def test_a_certificate_whose_first_day_is_later_reads_not_yet_valid_on_the_staff_page(client, world):
    certificate = _issued(world)
    # Brought in from a list whose certificate starts later than today (imports keep the issuer's dates).
    type(certificate).objects.filter(pk=certificate.pk).update(issued_on=register_day() + datetime.timedelta(days=3))
    certificate.refresh_from_db()
    sign_in_with_second_factor(client, world["officer"])

    assert certificate.current_status() == "not_yet_valid"
    assert "belum berlaku" in _status_cell(client, certificate)


def test_a_certificate_past_its_last_day_reads_expired_before_the_nightly_job(client, world):
    certificate = _issued(world)
    type(certificate).objects.filter(pk=certificate.pk).update(valid_until=register_day() - datetime.timedelta(days=1))
    certificate.refresh_from_db()
    sign_in_with_second_factor(client, world["officer"])

    assert certificate.status == "valid"
    assert certificate.current_status() == "expired"
    assert "kedaluwarsa" in _status_cell(client, certificate).lower()


def test_a_certificate_in_force_reads_valid(client, world):
    certificate = _issued(world)
    sign_in_with_second_factor(client, world["officer"])

    assert certificate.current_status() == "valid"
    assert "berlaku" in _status_cell(client, certificate) and "belum" not in _status_cell(client, certificate)
