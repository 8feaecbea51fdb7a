"""A practice licence (SIPPS) is granted by a decree of the Bupati/Walikota, whose number is on the
licence letter an employer holds beside the licence number: that decree number finds the holder
in the register, is answered in a bulk check as the licence it granted, and can be followed."""

import datetime

import pytest

from credentials.models import Credential
from credentials.services import change_status
from licensing.models import Licence, LicensingAuthority
from verifiers import services
from verifiers.models import Alert

from .helpers import member_with_every_credential, verified_member, verifier_account

pytestmark = pytest.mark.django_db

DECREE = "503/SIPPS/0001/DPMPTSP/2026"


def _licensed(name="Siti Rahmawati", serial=1, decree=DECREE):
    """A member whose licence credential belongs to a licence granted by `decree`."""
    member, credentials = member_with_every_credential(name, serial=serial)
    credential = credentials["licence"]
    Licence.objects.create(
        number=credential.number,
        person=member.person,
        authority=LicensingAuthority.objects.get(regency__code="32.73"),
        decree_number=decree,
        decree_date=datetime.date(2025, 1, 1),
        valid_from=credential.valid_from,
        valid_until=credential.valid_until,
        credential=credential,
    )
    return member, credential


def test_the_register_finds_the_holder_by_the_licence_decree_number_in_any_case(client):
    member, _licence = _licensed()
    verified_member("Budi Santoso")
    for asked in (DECREE, DECREE.lower()):
        items = client.get("/api/v1/public/social-workers", {"q": asked}).json()["items"]
        assert [i["number"] for i in items] == [member.number], asked
        assert member.number in client.get("/register/pekerja-sosial/", {"q": asked}).content.decode()
        assert member.number in client.get("/cari/", {"q": asked}).content.decode()


def test_a_decree_number_search_costs_the_same_queries_as_a_credential_number(client, django_assert_num_queries):
    _licensed("Siti Nurhaliza 1", serial=1, decree="503/SIPPS/0001/DPMPTSP/2026")
    _licensed("Siti Nurhaliza 2", serial=2, decree="503/SIPPS/0002/DPMPTSP/2026")
    with django_assert_num_queries(2):  # the members holding the number, their credentials (never sanctioned)
        [item] = client.get("/api/v1/public/social-workers", {"q": "503/SIPPS/0002/DPMPTSP/2026"}).json()["items"]
    assert item["name"] == "Siti Nurhaliza 2"


def test_a_bulk_check_answers_a_licence_decree_number_as_the_licence_it_granted(client):
    member, licence = _licensed()
    change_status(actor=None, credential=licence, status="suspended", reason="pemeriksaan", category="ethics_council")
    items = client.post(
        "/api/v1/public/verifications", {"numbers": [DECREE.lower(), licence.number]}, content_type="application/json"
    ).json()["items"]
    assert [(i["number"], i["answer"], i["kind"], i["holder"], i["status"]) for i in items] == [
        (DECREE.lower(), "invalid", "licence", "Siti Rahmawati", "suspended"),
        (licence.number, "invalid", "licence", "Siti Rahmawati", "suspended"),
    ]
    assert items[0]["verification_url"] == licence.verification_url


def test_following_a_licence_decree_number_alerts_on_the_licences_revocation_and_the_holder_sees_it(
    client, django_capture_on_commit_callbacks
):
    member, licence = _licensed()
    verifier = verifier_account("Yayasan Peduli Anak")
    services.subscribe(actor=verifier.user, numbers=[DECREE.lower()])
    client.force_login(member.person.user)
    page = client.get("/anggota/pengikut-kredensial/").content.decode()
    assert "Yayasan Peduli Anak" in page and DECREE in page
    with django_capture_on_commit_callbacks(execute=True):
        change_status(actor=None, credential=licence, status=Credential.Status.REVOKED, reason="x", category="ethics_council")
    [alert] = Alert.objects.all()
    assert (alert.subscription.number, alert.event, alert.credential_id) == (DECREE, "revoked", licence.pk)
