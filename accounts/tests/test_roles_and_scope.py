import datetime

import pytest
from django.core.exceptions import ValidationError

from accounts import policy
from accounts.models import RoleAssignment
from accounts.roles import Role
from accounts.tests.factories import UserFactory, grant
from regions.models import Province, Regency


@pytest.mark.django_db
def test_a_dpd_officer_role_must_name_a_province():
    user = UserFactory()
    with pytest.raises(ValidationError):
        RoleAssignment.objects.create(user=user, role=Role.DPD_OFFICER)


@pytest.mark.django_db
def test_a_national_role_cannot_carry_a_province():
    user = UserFactory()
    with pytest.raises(ValidationError):
        RoleAssignment.objects.create(user=user, role=Role.DPP_OFFICER, province=Province.objects.get(code="32"))


@pytest.mark.django_db
def test_province_predicate_answers_only_for_the_officers_province():
    jabar, jatim = Province.objects.get(code="32"), Province.objects.get(code="35")
    officer = UserFactory()
    grant(officer, Role.DPD_OFFICER, province=jabar)
    may_verify = policy.holds_for_province(Role.DPD_OFFICER, lambda obj: obj.pk)
    assert may_verify(officer, jabar)
    assert not may_verify(officer, jatim)
    assert may_verify(officer)  # may open the queue at all
    assert policy.provinces_where(officer, Role.DPD_OFFICER) == {jabar.pk}


@pytest.mark.django_db
def test_regency_predicate_separates_kota_and_kabupaten_bandung():
    kota, kab = Regency.objects.get(code="32.73"), Regency.objects.get(code="32.04")
    officer = UserFactory()
    grant(officer, Role.DINSOS_OFFICER, regency=kota)
    in_regency = policy.holds_for_regency(Role.DINSOS_OFFICER, lambda obj: obj.pk)
    assert in_regency(officer, kota)
    assert not in_regency(officer, kab)


@pytest.mark.django_db
def test_organisation_predicate_matches_the_exact_organisation():
    # Any model instance can be an organisation; provinces stand in for an LSP here.
    lsp_a, lsp_b = Province.objects.get(code="11"), Province.objects.get(code="12")
    officer = UserFactory()
    grant(officer, Role.LSP_OFFICER, organisation=lsp_a)
    for_lsp = policy.holds_for_organisation(Role.LSP_OFFICER, lambda obj: obj)
    assert for_lsp(officer, lsp_a)
    assert not for_lsp(officer, lsp_b)


@pytest.mark.django_db
def test_ended_roles_no_longer_count():
    user = UserFactory()
    assignment = grant(user, Role.DPP_OFFICER)
    assignment.starts_on = datetime.date(2020, 1, 1)
    assignment.ends_on = datetime.date(2021, 1, 1)
    assignment.save()
    user = type(user).objects.get(pk=user.pk)
    assert not user.holds(Role.DPP_OFFICER)
    assert not user.is_staff_member


@pytest.mark.django_db
def test_role_changes_keep_their_history_with_who_changed_them():
    user, admin = UserFactory(), UserFactory()
    assignment = grant(user, Role.DPP_OFFICER)
    assignment._history_user = admin
    assignment.ends_on = datetime.date(2030, 1, 1)
    assignment.save()
    latest = assignment.history.latest()
    assert latest.ends_on == datetime.date(2030, 1, 1)
    assert latest.history_user == admin
    assert assignment.history.count() == 2


@pytest.mark.django_db
def test_anonymous_visitors_hold_no_role():
    from django.contrib.auth.models import AnonymousUser

    assert not policy.holds_nationally(Role.DPP_OFFICER)(AnonymousUser())
