"""What each officer's dashboard covers comes from the permissions declared in reports/rules.py:
a DPD officer counts their own province, a national officer the whole country (no narrowing, so
their figures are not filtered by a list of every province), and each section only what its
declared scope reaches."""

import pytest
from django.utils import translation

from accounts.roles import Role
from accounts.tests.factories import UserFactory, make_staff
from licensing.models import LicensingAuthority
from regions.models import Province, Regency
from reports import queries

pytestmark = pytest.mark.django_db


def test_a_dpd_officer_covers_only_their_province(django_assert_num_queries):
    jabar = Province.objects.get(code="32")
    officer = make_staff(Role.DPD_OFFICER, province=jabar)
    queries.scope_of(officer)  # the role assignments and content types, read once per request
    with django_assert_num_queries(1):  # the province's id and name together
        scope = queries.scope_of(officer)
    assert scope.provinces == {jabar.pk}
    assert scope.label == "Jawa Barat"
    assert scope.sections == ("members", "credentials")
    assert scope.lsps == scope.authorities == scope.regencies == frozenset()


@pytest.mark.parametrize("role", [Role.DPP_OFFICER, Role.MINISTRY_OFFICER])
def test_a_national_officer_covers_every_province_without_listing_them(role, django_assert_num_queries):
    officer = make_staff(role)
    queries.scope_of(officer)
    with django_assert_num_queries(0), translation.override("en"):
        scope = queries.scope_of(officer)
    assert scope.provinces is None and scope.authorities is None
    assert scope.label == "Indonesia (national)"
    assert scope.sees("members") and scope.sees("credentials")
    assert scope.sees("lks") == scope.sees("certifications") == (role == Role.MINISTRY_OFFICER)


def test_a_dinas_sosial_covers_the_lks_of_its_regency_only():
    kota_bandung = Regency.objects.get(code="32.73")
    scope = queries.scope_of(make_staff(Role.DINSOS_OFFICER, regency=kota_bandung))
    assert scope.regencies == {kota_bandung.pk} and scope.sections == ("lks",)
    assert scope.provinces == frozenset() and scope.label == kota_bandung.name


def test_a_licensing_officer_counts_the_licences_of_their_authority():
    authority = LicensingAuthority.objects.get(regency__code="32.73")
    scope = queries.scope_of(make_staff(Role.LICENSING_OFFICER, organisation=authority))
    assert scope.authorities == {authority.pk} and scope.sections == ("credentials",)
    assert scope.provinces == frozenset() and scope.label == authority.name


def test_a_balks_officer_covers_the_nations_lks_and_nothing_else():
    scope = queries.scope_of(make_staff(Role.BALKS_OFFICER))
    assert scope.regencies is None and scope.sections == ("lks",)
    assert scope.provinces == scope.lsps == frozenset()


def test_someone_without_a_reporting_role_covers_nothing():
    assert queries.scope_of(UserFactory()) is None
    assert queries.scope_of(make_staff(Role.CONTENT_EDITOR)) is None
