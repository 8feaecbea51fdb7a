import pytest
from django.apps import apps

from credentials.holders import fill_holders_operation
from credentials.models import Credential
from portal.tests.test_public_register import verified_member


@pytest.mark.django_db
def test_credentials_issued_before_holders_were_recorded_get_their_holder_back():
    member = verified_member("Siti Rahmawati")
    other = verified_member("Budi Santoso")
    Credential.objects.filter(pk=member.credential_id).update(holder_type=None, holder_id=None)
    fill_holders_operation("registry", [("Member", "person_id", "registry.Person")]).code(apps, None)
    for m in (member, other):
        credential = Credential.objects.get(pk=m.credential_id)
        assert credential.holder == m.person


@pytest.mark.django_db
def test_a_subject_type_the_database_does_not_have_is_skipped_and_nothing_else_is_touched():
    member = verified_member("Siti Rahmawati")
    Credential.objects.filter(pk=member.credential_id).update(holder_type=None, holder_id=None)
    fill_holders_operation("registry", [("NoSuchModel", "person_id", "registry.Person")]).code(apps, None)
    assert Credential.objects.get(pk=member.credential_id).holder_id is None
