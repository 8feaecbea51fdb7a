"""The membership application's state machine, walked through every transition from every state:
a transition succeeds exactly when the model allows it, and the pages (the applicant's
membership page and the officer's application page) offer exactly the allowed transitions."""

import re

import pytest
from django.urls import reverse

from accounts.tests.factories import sign_in_with_second_factor
from core.errors import DomainError
from registry import services
from registry.models import MembershipApplication
from registry.tests.factories import submitted_application

pytestmark = pytest.mark.django_db

Status = MembershipApplication.Status
TRANSITIONS = {t.name for t in MembershipApplication._meta.get_field("status").get_all_transitions(MembershipApplication)}


def _in_state(status) -> MembershipApplication:
    application = submitted_application()
    MembershipApplication.objects.filter(pk=application.pk).update(status=status)
    return MembershipApplication.objects.get(pk=application.pk)


def _do(name, application, officer):
    if name == "submit":
        return services.submit_application(actor=application.person.user, application=application)
    if name == "verify":
        return services.verify_application(actor=officer, application=application, version=application.version)
    if name == "return_for_correction":
        return services.return_application(actor=officer, application=application, version=application.version, reason="x")
    if name == "reject":
        return services.reject_application(actor=officer, application=application, version=application.version, reason="x")
    raise AssertionError(f"the walk does not know the transition {name}")


def _offered(client, application, officer) -> set[str]:
    actions = set()
    sign_in_with_second_factor(client, application.person.user)
    actions |= set(re.findall(r'data-transition="([a-z_]+)"', client.get(reverse("registry:my_membership")).content.decode()))
    sign_in_with_second_factor(client, officer)
    response = client.get(reverse("registry:application_detail", args=[application.pk]))
    if response.status_code == 200:
        actions |= set(re.findall(r'data-transition="([a-z_]+)"', response.content.decode()))
    return actions


def test_the_walk_knows_every_transition():
    assert TRANSITIONS == {"submit", "verify", "return_for_correction", "reject"}


@pytest.mark.parametrize("status", Status.values)
def test_every_page_offers_exactly_the_transitions_the_state_allows(client, dpd_jabar, status):
    application = _in_state(status)
    allowed = {t.name for t in application.get_available_status_transitions()}
    assert _offered(client, application, dpd_jabar) == allowed


@pytest.mark.parametrize("status", Status.values)
@pytest.mark.parametrize("name", sorted(TRANSITIONS))
def test_a_transition_succeeds_exactly_when_the_state_allows_it(dpd_jabar, status, name):
    application = _in_state(status)
    allowed = name in {t.name for t in application.get_available_status_transitions()}
    if allowed:
        _do(name, application, dpd_jabar)
        application.refresh_from_db()
        assert application.status != status
    else:
        with pytest.raises(DomainError):
            _do(name, application, dpd_jabar)
        application.refresh_from_db()
        assert application.status == status


def test_final_states_are_final():
    for status in (Status.VERIFIED, Status.REJECTED):
        assert list(_in_state(status).get_available_status_transitions()) == []
