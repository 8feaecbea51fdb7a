"""Optimistic locking is one mechanism (core.integrity.VersionedModel.claim_version): every
workflow record that carries a version uses it, and a form opened on an earlier version, or one
whose version was tampered with, is refused and changes nothing."""

import pytest
from django.apps import apps
from django.db import models

from accounts.roles import Role
from accounts.tests.factories import make_staff
from core.errors import StaleObject
from core.integrity import VersionedModel
from regions.models import Province
from registry import services
from registry.models import Member, MembershipApplication
from registry.tests.factories import submitted_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def dpd_jabar():
    return make_staff(Role.DPD_OFFICER, province=Province.objects.get(code="32"))


def test_every_record_with_a_numeric_version_is_versioned_by_the_one_mechanism():
    versioned = [
        model
        for model in apps.get_models()
        if not model.__name__.startswith("Historical")
        and isinstance(next((f for f in model._meta.concrete_fields if f.name == "version"), None), models.IntegerField)
    ]
    assert MembershipApplication in versioned
    assert [m.__name__ for m in versioned if not issubclass(m, VersionedModel)] == []


def test_a_membership_decision_on_an_earlier_version_is_refused_and_changes_nothing(dpd_jabar):
    application = submitted_application()
    opened_at = application.version
    services.return_application(actor=dpd_jabar, application=application, version=opened_at, reason="Lengkapi ijazah")
    with pytest.raises(StaleObject):
        services.verify_application(actor=dpd_jabar, application=application, version=opened_at)
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.RETURNED and application.version == opened_at + 1
    assert not Member.objects.exists()


def test_an_applicant_resubmitting_makes_an_officers_open_form_stale(dpd_jabar):
    application = submitted_application()
    opened_at = application.version
    services.return_application(actor=dpd_jabar, application=application, version=opened_at, reason="Lengkapi ijazah")
    officer_form = MembershipApplication.objects.get(pk=application.pk).version
    services.submit_application(actor=application.person.user, application=application)
    with pytest.raises(StaleObject):
        services.reject_application(actor=dpd_jabar, application=application, version=officer_form, reason="x")
    assert MembershipApplication.objects.get(pk=application.pk).status == MembershipApplication.Status.SUBMITTED


@pytest.mark.parametrize("garbled", ["abc", "", [1]])
def test_a_garbled_version_is_refused_as_stale_not_a_crash(dpd_jabar, garbled):
    application = submitted_application()
    with pytest.raises(StaleObject):
        services.verify_application(actor=dpd_jabar, application=application, version=garbled)
    assert MembershipApplication.objects.get(pk=application.pk).status == MembershipApplication.Status.SUBMITTED


def test_a_decision_from_a_form_that_sent_no_version_is_refused_and_changes_nothing(dpd_jabar):
    application = submitted_application()
    status = application.status
    with pytest.raises(StaleObject):
        services.return_application(actor=dpd_jabar, application=application, version=None, reason="Lengkapi ijazah")
    application.refresh_from_db()
    assert application.status == status
