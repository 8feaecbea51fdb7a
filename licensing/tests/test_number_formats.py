"""STR and licence numbers have one format each (licensing.models): the services and the
synthetic data write them with the same formatter, so changing it changes both."""

import pytest
from django.core.management import call_command

from accounts.roles import Role
from accounts.tests.factories import make_staff
from licensing.models import LICENCE_NUMBER, NATIONAL_LICENCE_NUMBER, STR_NUMBER, Licence, LicensingAuthority, Str
from licensing.tests.factories import certified_person
from licensing.tests.test_licensing_routes import issued_str, sipps

pytestmark = pytest.mark.django_db


@pytest.fixture
def marked_formats(monkeypatch):
    monkeypatch.setattr(STR_NUMBER, "number_template", "TEST-STR/{year}/{serial}")
    monkeypatch.setattr(LICENCE_NUMBER, "number_template", "TEST-SIPPS/{regency}/{year}/{serial}")
    monkeypatch.setattr(NATIONAL_LICENCE_NUMBER, "number_template", "TEST-LIS/{year}/{serial}")


def test_synthetic_strs_and_licences_are_written_by_the_one_format(marked_formats):
    call_command("generate_synthetic", members=300, lks=0, seed=3, only="registry,certification,licensing", verbosity=0)
    strs = list(Str.objects.values_list("number", flat=True))
    licences = list(Licence.objects.values_list("number", flat=True))
    assert strs and licences
    assert all(number.startswith("TEST-STR/") for number in strs)
    assert all(number.startswith(("TEST-SIPPS/", "TEST-LIS/")) for number in licences)


def test_issued_strs_and_licences_are_written_by_the_one_format(marked_formats):
    person, certificate = certified_person()
    str_record = issued_str(person, certificate, make_staff(Role.DPP_OFFICER))
    officer = make_staff(Role.LICENSING_OFFICER, organisation=LicensingAuthority.objects.get(regency__code="32.73"))
    _application, licence = sipps(person, certificate, str_record, officer)
    assert str_record.number.startswith("TEST-STR/")
    assert licence.number.startswith("TEST-SIPPS/3273/")
