from importlib import import_module

import pytest
from django.apps import apps
from django.conf import settings

from core.models import Counter
from credentials import signing
from credentials.models import Credential, StatusList
from credentials.services import change_status
from credentials.tests.factories import issue
from credentials.tests.status_list_helpers import entries, set_bits, verified_list

migration = import_module("credentials.migrations.0005_several_status_lists")


def as_before_several_lists(*credentials):
    """The rows as the one-list Peksos left them: an index, no list number, no position count."""
    Credential.objects.filter(pk__in=[c.pk for c in credentials]).update(status_list_number=None)
    Counter.objects.filter(series=signing.POSITIONS_SERIES).delete()


@pytest.mark.django_db
def test_credentials_issued_before_several_lists_stay_on_list_1_and_the_count_starts_after_them(monkeypatch):
    monkeypatch.setattr(StatusList, "SIZE", 16)
    old = [issue(number=f"OLD{n}") for n in range(13)]
    as_before_several_lists(*old)

    migration.existing_credentials_stay_on_list_1(apps, None)

    assert set(Credential.objects.filter(number__startswith="OLD").values_list("status_list_number", flat=True)) == {1}
    assert Counter.objects.get(series=signing.POSITIONS_SERIES).value == 13
    assert issue(number="NEW-1").status_list_number == 1  # the 14th and last on list 1
    assert issue(number="NEW-2").status_list_number == 2


@pytest.mark.django_db
def test_an_existing_credential_still_verifies_and_its_revocation_shows_at_its_old_address(client):
    old = issue(number="OLD")
    signed_before = old.jwt
    as_before_several_lists(old)
    migration.existing_credentials_stay_on_list_1(apps, None)
    old.refresh_from_db()

    change_status(
        actor=None, credential=old, status=Credential.Status.REVOKED, reason="x", category=Credential.StatusCategory.OTHER
    )

    assert old.jwt == signed_before
    url = entries(old)["revocation"]["statusListCredential"]
    assert url == f"{settings.SITE_URL}/credentials/status/revocation"
    assert set_bits(verified_list(client, url)) == {old.status_list_index}
    assert "DICABUT" in client.get(f"/v/{old.public_id}").content.decode()
