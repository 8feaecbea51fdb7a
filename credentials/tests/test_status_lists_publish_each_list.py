import pytest
from django.conf import settings

from core.models import Counter
from credentials import signing
from credentials.models import Credential, StatusList
from credentials.services import change_status
from credentials.tests.factories import issue
from credentials.tests.status_list_helpers import bits, entries, set_bits, verified_list


@pytest.fixture
def two_lists(monkeypatch):
    """Small lists (16 positions, 14 taken each), one full and one begun: (on list 1, on list 2)."""
    monkeypatch.setattr(StatusList, "SIZE", 16)
    on_list_1 = [issue(number=f"A{n}") for n in range(StatusList.capacity())]
    on_list_2 = [issue(number=f"B{n}") for n in range(3)]
    assert {c.status_list_number for c in on_list_1} == {1} and {c.status_list_number for c in on_list_2} == {2}
    return on_list_1, on_list_2


def _revoke(credential):
    change_status(
        actor=None,
        credential=credential,
        status=Credential.Status.REVOKED,
        reason="Dicabut",
        category=Credential.StatusCategory.OTHER,
    )


def _suspend(credential):
    change_status(
        actor=None,
        credential=credential,
        status=Credential.Status.SUSPENDED,
        reason="Dibekukan",
        category=Credential.StatusCategory.SUSPENDED_TEMPORARILY,
    )


@pytest.mark.django_db
def test_revoking_a_credential_on_list_2_flips_only_its_bit_on_list_2(client, two_lists):
    on_list_1, on_list_2 = two_lists
    revoked = on_list_2[1]
    twin_on_list_1 = next((c for c in on_list_1 if c.status_list_index == revoked.status_list_index), None)

    _revoke(revoked)

    url = entries(revoked)["revocation"]["statusListCredential"]
    assert url == f"{settings.SITE_URL}/credentials/status/revocation/2"
    assert set_bits(verified_list(client, url)) == {revoked.status_list_index}
    assert set_bits(verified_list(client, f"{settings.SITE_URL}/credentials/status/revocation")) == set()
    assert set_bits(verified_list(client, f"{settings.SITE_URL}/credentials/status/suspension/2")) == set()
    if twin_on_list_1 is not None:  # the same position on list 1 belongs to someone else, still valid
        twin_on_list_1.refresh_from_db()
        assert twin_on_list_1.status == Credential.Status.VALID


@pytest.mark.django_db
def test_suspension_and_revocation_on_two_lists_each_show_in_their_own_list(client, two_lists):
    on_list_1, on_list_2 = two_lists
    _suspend(on_list_1[0])
    _revoke(on_list_2[0])
    _suspend(on_list_2[2])

    def published(credential, purpose):
        return set_bits(verified_list(client, entries(credential)[purpose]["statusListCredential"]))

    assert published(on_list_1[0], "suspension") == {on_list_1[0].status_list_index}
    assert published(on_list_1[0], "revocation") == set()
    assert published(on_list_2[0], "revocation") == {on_list_2[0].status_list_index}
    assert published(on_list_2[0], "suspension") == {on_list_2[2].status_list_index}


@pytest.mark.django_db
def test_the_published_list_at_each_address_verifies_and_names_itself_and_its_purpose(client, two_lists):
    on_list_1, on_list_2 = two_lists
    for credential in (on_list_1[0], on_list_2[0]):
        for purpose, entry in entries(credential).items():
            payload = verified_list(client, entry["statusListCredential"])
            assert payload["id"] == entry["statusListCredential"]
            assert "BitstringStatusListCredential" in payload["type"]
            assert payload["credentialSubject"]["type"] == "BitstringStatusList"
            assert payload["credentialSubject"]["statusPurpose"] == purpose == entry["statusPurpose"]
            assert int(entry["statusListIndex"]) < len(bits(payload)) * 8


@pytest.mark.django_db
def test_list_1_keeps_its_address_and_a_list_not_opened_yet_is_not_found(client):
    credential = issue()
    assert credential.status_list_number == 1
    assert entries(credential)["revocation"]["statusListCredential"] == f"{settings.SITE_URL}/credentials/status/revocation"
    numbered = client.get("/credentials/status/revocation/1")
    assert numbered.status_code == 301 and numbered["Location"] == "/credentials/status/revocation"
    assert client.get("/credentials/status/revocation/2").status_code == 404
    assert client.get("/credentials/status/revocation/0").status_code == 404
    assert client.get("/credentials/status/revocation/99999999999999999999999").status_code == 404
    assert client.get("/credentials/status/pesan/2").status_code == 404


@pytest.mark.django_db
def test_a_list_opened_but_never_changed_is_published_full_length_and_all_zeros_without_a_write(client):
    Counter.objects.create(series=signing.POSITIONS_SERIES, value=StatusList.capacity() + 1)  # list 2 opened
    payload = verified_list(client, f"{settings.SITE_URL}/credentials/status/suspension/2")
    assert bits(payload) == bytes(131072 // 8)
    assert not StatusList.objects.filter(number=2).exists()
