import pytest
from django.core.management import call_command

from certification.models import Certificate
from credentials.models import Credential
from licensing.models import Licence, LicensingAuthority, Str


@pytest.fixture
def national_data(db):
    call_command("generate_synthetic", members=600, lks=0, seed=3, verbosity=0)


def test_synthetic_data_include_strs_and_licences_resting_on_certificates(national_data):
    strs = list(Str.objects.select_related("certificate", "credential", "person"))
    licences = list(Licence.objects.select_related("credential", "authority__regency", "application"))
    assert strs and licences
    for record in strs:
        assert record.person_id == record.certificate.person_id
        assert record.certificate.valid_until is None or record.valid_until <= record.certificate.valid_until
        assert (record.credential.kind, record.credential.number, record.credential.holder) == (
            Credential.Kind.STR,
            record.number,
            record.person,
        )
        if record.certificate.status in (Certificate.Status.SUSPENDED, Certificate.Status.REVOKED):
            assert record.status == "suspended"
    for licence in licences:
        assert (licence.credential.kind, licence.credential.number, licence.credential.holder_id) == (
            Credential.Kind.LICENCE,
            licence.number,
            licence.person_id,
        )
        if licence.authority.level == LicensingAuthority.Level.REGENCY:
            assert licence.number.startswith(f"SIPPS.{licence.authority.regency.nik_code}.")
            assert licence.application.regency_id == licence.authority.regency_id
        if licence.application.str_record_id:
            assert licence.valid_until <= licence.application.str_record.valid_until


def test_synthetic_strs_and_licences_show_in_the_public_register(national_data, client):
    from registry.models import Member

    record = Str.objects.filter(status="valid").first()
    member = Member.objects.get(person_id=record.person_id)
    [item] = client.get("/api/v1/public/social-workers", {"q": member.number}).json()["items"]
    assert record.number in [c["number"] for c in item["credentials"] if c["type"] == "str"]


def test_more_synthetic_data_continue_the_numbering(national_data):
    before = set(Str.objects.values_list("number", flat=True)) | set(Licence.objects.values_list("number", flat=True))
    call_command("generate_synthetic", members=300, lks=0, seed=3, verbosity=0)
    after = list(Str.objects.values_list("number", flat=True)) + list(Licence.objects.values_list("number", flat=True))
    assert len(after) == len(set(after)) > len(before)
