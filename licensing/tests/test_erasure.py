import os

import pytest

from accounts import services as data_rights
from accounts.roles import Role
from accounts.tests.factories import make_staff
from credentials.models import Credential
from licensing import services
from licensing.models import LicenceApplication, LicensingAuthority, Str, StrApplication
from licensing.tests.factories import certified_person
from licensing.tests.test_licensing_routes import issued_str, sipps
from regions.models import Regency

pytestmark = pytest.mark.django_db


def test_erasure_deletes_the_health_statement_everywhere_and_keeps_the_str_and_licence_verifiable(client):
    dpp = make_staff(Role.DPP_OFFICER)
    officer = make_staff(Role.LICENSING_OFFICER, organisation=LicensingAuthority.objects.get(regency__code="32.73"))
    person, certificate = certified_person()
    str_record = issued_str(person, certificate, dpp)
    _application, licence = sipps(person, certificate, str_record, officer)
    refused = services.apply_for_licence(
        actor=person.user,
        certificate=certificate,
        str_record=str_record,
        setting="independent",
        place="Rumah, Jl. Dago 12",
        regency=Regency.objects.get(code="32.73"),
        field="anak",
    )
    services.decide_licence(
        actor=officer, application=refused, version=refused.version, grant=False, reason="Tempat praktik belum layak"
    )
    health = StrApplication.objects.get(person=person).health_statement
    path, name = health.path, health.name
    assert os.path.exists(path)

    data_rights.erase_person(actor=make_staff(Role.DATA_PROTECTION_OFFICER), user=person.user)

    assert not os.path.exists(path)
    assert name not in repr(list(StrApplication.history.filter(person_id=person.pk).values()))
    assert "Jl. Dago" not in repr(list(LicenceApplication.history.filter(person_id=person.pk).values()))
    assert Str.objects.get(pk=str_record.pk).number == str_record.number
    for number in (str_record.number, licence.number):
        credential = Credential.objects.get(number=number)
        assert credential.current_status() == "valid"
        assert number in client.get(credential.verification_url).content.decode()


def test_the_personal_data_download_shows_the_str_the_licence_and_their_applications(client):
    dpp = make_staff(Role.DPP_OFFICER)
    officer = make_staff(Role.LICENSING_OFFICER, organisation=LicensingAuthority.objects.get(regency__code="32.73"))
    person, certificate = certified_person()
    str_record = issued_str(person, certificate, dpp)
    _application, licence = sipps(person, certificate, str_record, officer)
    client.force_login(person.user)
    data = client.get("/akun/data-saya/unduh.json").json()["licensing"]
    assert [s["number"] for s in data["strs"]] == [str_record.number]
    statement = data["str_applications"][0]["health_statement"]
    assert statement["attached"] is True and statement["file_format"] == "PDF"  # described, never its storage name
    assert [licence_row["number"] for licence_row in data["licences"]] == [licence.number]
    assert data["licence_applications"][0]["place"] == "LKS Anak Harapan Bangsa"
