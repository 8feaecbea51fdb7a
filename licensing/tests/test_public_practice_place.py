"""The practice place an applicant writes can be their home: the public learns the regency
(kabupaten/kota) where the licence allows practice, never that address."""

import base64

import pytest
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import make_staff
from licensing import services
from licensing.models import LicensingAuthority
from licensing.tests.factories import certified_person
from licensing.tests.test_licensing_routes import issued_str
from regions.models import Regency
from registry.models import Member

HOME = "Jl. Melati No. 5 RT 02/RW 03"

pytestmark = pytest.mark.django_db


def licence_practised_at_home():
    person, certificate = certified_person(name="Siti Rahmawati")
    member = Member.objects.create(
        person=person,
        number="IPSPI.32.2025.00001",
        category="biasa",
        province=Regency.objects.get(code="32.73").province,
        joined_on=timezone.localdate(),
    )
    str_record = issued_str(person, certificate, make_staff(Role.DPP_OFFICER))
    application = services.apply_for_licence(
        actor=person.user,
        certificate=certificate,
        str_record=str_record,
        setting="independent",
        place=HOME,
        regency=Regency.objects.get(code="32.73"),
        field="anak",
    )
    officer = make_staff(Role.LICENSING_OFFICER, organisation=LicensingAuthority.objects.get(regency__code="32.73"))
    licence = services.decide_licence(
        actor=officer,
        application=application,
        version=application.version,
        grant=True,
        decree_number="503/SIPPS-001/2026",
        decree_date=timezone.localdate(),
    )
    return member, licence


def test_a_licence_practised_at_home_publishes_the_regency_and_never_the_address(client):
    member, licence = licence_practised_at_home()
    public_id = licence.credential.public_id
    token = client.get(f"/v/{public_id}.jwt").content.decode()
    seen = {
        "verification page": client.get(f"/v/{public_id}").content.decode(),
        "credential API": client.get(f"/api/v1/public/credentials/{public_id}").content.decode(),
        "register search API": client.get("/api/v1/public/social-workers", {"q": "Siti Rahmawati"}).content.decode(),
        "number look-up API": client.get(f"/api/v1/public/social-workers/{member.number}").content.decode(),
        "register page": client.get("/register/pekerja-sosial/", {"q": "Siti Rahmawati"}).content.decode(),
        "VC payload": base64.urlsafe_b64decode(token.split(".")[1] + "==").decode(),
    }
    for where, text in seen.items():
        assert "Melati" not in text, where
    assert licence.application.regency.name in seen["verification page"]
    assert client.get(f"/api/v1/public/credentials/{public_id}").json()["claims"]["regency"] == licence.application.regency.name
    assert licence.application.place == HOME  # kept for the licensing authority


def test_licences_issued_before_keep_their_regency_and_lose_the_address_in_public(client):
    import importlib

    from django.apps import apps

    from credentials.models import Credential

    _member, licence = licence_practised_at_home()
    credential = licence.credential
    Credential.objects.filter(pk=credential.pk).update(claims={**credential.claims, "place": HOME})
    migration = importlib.import_module("licensing.migrations.0005_licence_status_category")
    migration.unpublish_practice_places(apps, None)
    credential.refresh_from_db()
    assert "place" not in credential.claims and credential.claims["regency"] == licence.application.regency.name
    token = client.get(f"/v/{credential.public_id}.jwt").content.decode()
    assert "Melati" not in base64.urlsafe_b64decode(token.split(".")[1] + "==").decode()
    assert "Melati" not in client.get(f"/v/{credential.public_id}").content.decode()
