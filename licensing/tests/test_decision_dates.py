"""A decree cannot be dated after the day it is recorded on (the ministry's form refuses future
dates too), and a licence or STR that starts later than today reads "belum berlaku" to its
holder, on its verification page and in the API, never "berlaku"."""

import datetime

import pytest

from accounts.roles import Role
from accounts.tests.factories import make_staff, sign_in_with_second_factor
from core.dates import register_day
from core.errors import DomainError
from licensing import services
from licensing.models import Licence, LicenceApplication, LicensingAuthority
from licensing.tests.factories import certified_person, pdf
from regions.models import Regency

KOTA_BANDUNG = "32.73"


@pytest.fixture
def officers(db):
    return {
        "dpp": make_staff(Role.DPP_OFFICER),
        "kota": make_staff(Role.LICENSING_OFFICER, organisation=LicensingAuthority.objects.get(regency__code=KOTA_BANDUNG)),
    }


def sipps_application(officers):
    person, certificate = certified_person()
    str_application = services.apply_for_str(
        actor=person.user, certificate=certificate, health_statement=pdf(), oath_taken=True, code_of_ethics=True
    )
    str_record = services.decide_str(
        actor=officers["dpp"], application=str_application, version=str_application.version, approve=True
    )
    application = services.apply_for_licence(
        actor=person.user,
        certificate=certificate,
        str_record=str_record,
        setting="institution",
        place="LKS Anak Harapan Bangsa",
        regency=Regency.objects.get(code=KOTA_BANDUNG),
        field="anak",
    )
    return person, application


def grant(officers, application, decree_date):
    return services.decide_licence(
        actor=officers["kota"],
        application=application,
        version=application.version,
        grant=True,
        decree_number="503/SIPPS-001",
        decree_date=decree_date,
    )


def test_a_sipps_decree_dated_in_the_future_is_refused_and_nothing_is_numbered(officers):
    _person, application = sipps_application(officers)
    with pytest.raises(DomainError) as refused:
        grant(officers, application, register_day() + datetime.timedelta(days=85))
    assert refused.value.field == "decree_date"
    assert "masa depan" in str(refused.value)
    application.refresh_from_db()
    assert application.status == LicenceApplication.State.SUBMITTED
    assert not Licence.objects.exists()
    # The serial was not spent: the next licence of the kota is still its first.
    licence = grant(officers, application, register_day())
    assert licence.number.endswith(".00001")


def test_a_sipps_decree_dated_today_or_earlier_is_granted(officers):
    _person, application = sipps_application(officers)
    licence = grant(officers, application, register_day() - datetime.timedelta(days=3))
    assert licence.decree_date == register_day() - datetime.timedelta(days=3)


def test_the_decision_page_shows_the_future_date_refusal_in_indonesian(client, officers):
    _person, application = sipps_application(officers)
    sign_in_with_second_factor(client, officers["kota"])
    response = client.post(
        f"/lisensi/izin/{application.pk}/",
        {
            "decision": "grant",
            "version": application.version,
            "decree_number": "503/SIPPS-001",
            "decree_date": (register_day() + datetime.timedelta(days=1)).isoformat(),
        },
        follow=True,
    )
    assert "masa depan" in response.content.decode()
    application.refresh_from_db()
    assert application.status == LicenceApplication.State.SUBMITTED


def licence_starting_later(officers):
    """A renewal granted before the licence it renews ends starts the day after: later than today."""
    person, application = sipps_application(officers)
    licence = grant(officers, application, register_day())
    licence.valid_from = register_day() + datetime.timedelta(days=30)
    licence.save(update_fields=["valid_from"])
    licence.credential.valid_from = licence.valid_from
    licence.credential.save(update_fields=["valid_from"])
    return person, licence


def test_a_licence_starting_later_reads_not_yet_valid_to_its_holder_and_the_public(client, officers):
    person, licence = licence_starting_later(officers)
    assert licence.current_status() == "not_yet_valid"
    assert not licence.is_valid_on(register_day())
    client.force_login(person.user)
    mine = client.get("/lisensi/").content.decode()
    assert "belum berlaku" in mine
    assert client.get("/api/v1/licensing/mine").json()["licences"][0]["status"] == "not_yet_valid"
    client.logout()
    page = client.get(f"/v/{licence.credential.public_id}").content.decode()
    assert "BELUM BERLAKU" in page and "SAH / BERLAKU" not in page
    assert client.get(f"/api/v1/public/credentials/{licence.credential.public_id}").json()["status"] == "not_yet_valid"
