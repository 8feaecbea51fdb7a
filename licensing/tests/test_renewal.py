import datetime

import pytest
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import make_staff, sign_in_with_second_factor
from core.errors import DomainError
from licensing import services
from licensing.models import LicenceApplication, LicensingAuthority, Str
from licensing.tests.factories import certified_person, pdf, ready_to_renew_str
from licensing.tests.test_licensing_routes import issued_str, sipps

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return {
        "dpp": make_staff(Role.DPP_OFFICER),
        "kota": make_staff(Role.LICENSING_OFFICER, organisation=LicensingAuthority.objects.get(regency__code="32.73")),
    }


def holder_with_licence(staff, *, certificate_years=6):
    today = timezone.localdate()
    person, certificate = certified_person(
        issued_on=today - datetime.timedelta(days=30), valid_until=today + datetime.timedelta(days=365 * certificate_years)
    )
    str_record = issued_str(person, certificate, staff["dpp"])
    _application, licence = sipps(person, certificate, str_record, staff["kota"])
    return person, certificate, str_record, licence


def test_renewal_is_refused_until_its_window_opens_and_nothing_is_created(staff):
    person, _certificate, _str, licence = holder_with_licence(staff)
    with pytest.raises(DomainError, match="dibuka pada"):
        services.renew_licence(actor=person.user, licence=licence)
    assert not LicenceApplication.objects.filter(renewal_of=licence).exists()


def test_a_renewed_licence_starts_the_day_after_the_old_one_ends(staff):
    person, certificate, str_record, licence = holder_with_licence(staff)
    assert licence.valid_until == str_record.valid_until  # it ends with the STR it rests on
    near_end = licence.valid_until - datetime.timedelta(days=30)
    application = services.renew_licence(actor=person.user, licence=licence, today=near_end)
    assert application.renewal_of == licence and application.place == licence.application.place
    with pytest.raises(DomainError):
        services.renew_licence(actor=person.user, licence=licence, today=near_end)  # one waiting renewal at a time
    # Until the STR is renewed the new licence has nothing to rest on: refused, nothing issued.
    with pytest.raises(DomainError, match="perpanjang keduanya"):
        services.decide_licence(
            actor=staff["kota"],
            application=application,
            version=application.version,
            grant=True,
            decree_number="503/R/2031",
            decree_date=timezone.localdate(),
        )
    ready_to_renew_str(person, str_record)
    str_renewal = services.apply_for_str(
        actor=person.user, certificate=certificate, health_statement=pdf(), oath_taken=True, code_of_ethics=True, today=near_end
    )
    renewed_str = services.decide_str(
        actor=staff["dpp"], application=str_renewal, version=str_renewal.version, approve=True, today=near_end
    )
    assert renewed_str.valid_from == str_record.valid_until + datetime.timedelta(days=1)
    application.refresh_from_db()
    renewed = services.decide_licence(
        actor=staff["kota"],
        application=application,
        version=application.version,
        grant=True,
        decree_number="503/R/2031",
        decree_date=timezone.localdate(),
    )
    assert renewed.valid_from == licence.valid_until + datetime.timedelta(days=1)
    assert renewed.valid_until <= renewed_str.valid_until
    assert renewed.number != licence.number


def test_an_str_renewal_opens_near_its_end_and_continues_without_a_gap(staff):
    today = timezone.localdate()
    person, certificate = certified_person(
        issued_on=today - datetime.timedelta(days=30), valid_until=today + datetime.timedelta(days=365 * 8)
    )
    first = issued_str(person, certificate, staff["dpp"])
    with pytest.raises(DomainError, match="perpanjangannya dibuka"):
        services.apply_for_str(
            actor=person.user, certificate=certificate, health_statement=pdf(), oath_taken=True, code_of_ethics=True
        )
    Str.objects.filter(pk=first.pk).update(valid_until=today + datetime.timedelta(days=20))
    first.refresh_from_db()
    ready_to_renew_str(person, first)
    application = services.apply_for_str(
        actor=person.user, certificate=certificate, health_statement=pdf(), oath_taken=True, code_of_ethics=True
    )
    assert application.renewal_of == first
    second = services.decide_str(actor=staff["dpp"], application=application, version=application.version, approve=True)
    assert second.valid_from == first.valid_until + datetime.timedelta(days=1)


def test_only_the_holder_can_renew_and_the_page_offers_it_when_open(client, staff):
    person, _certificate, _str, licence = holder_with_licence(staff)
    other = make_staff(Role.DPP_OFFICER)
    sign_in_with_second_factor(client, other)
    assert client.post(f"/lisensi/izin/terbit/{licence.pk}/perpanjang/").status_code == 404
    sign_in_with_second_factor(client, person.user)
    page = client.get("/lisensi/").content.decode()
    assert f"/lisensi/izin/terbit/{licence.pk}/perpanjang/" not in page
    response = client.post(f"/lisensi/izin/terbit/{licence.pk}/perpanjang/", follow=True)
    assert "dibuka pada" in response.content.decode()
    assert not LicenceApplication.objects.filter(renewal_of=licence).exists()


def test_the_dpp_revokes_an_str_through_its_page_and_the_licence_resting_on_it_is_suspended(client, staff):
    person, _certificate, str_record, licence = holder_with_licence(staff)
    sign_in_with_second_factor(client, staff["kota"])
    assert (
        client.post(
            f"/lisensi/str/terbit/{str_record.pk}/status/", {"action": "revoke", "reason": "Pelanggaran kode etik"}
        ).status_code
        == 403
    )
    sign_in_with_second_factor(client, staff["dpp"])
    client.post(f"/lisensi/str/terbit/{str_record.pk}/status/", {"action": "revoke", "reason": ""})
    str_record.refresh_from_db()
    assert str_record.status == "valid"  # no reason, no change
    client.post(
        f"/lisensi/str/terbit/{str_record.pk}/status/",
        {"action": "revoke", "reason": "Pelanggaran kode etik", "category": "ethics_council"},
    )
    str_record.refresh_from_db()
    licence.refresh_from_db()
    assert str_record.status == "revoked" and str_record.credential.current_status() == "revoked"
    assert str_record.credential.status_category == "ethics_council"
    assert (licence.status, licence.status_category) == ("suspended", "basis_not_valid")
    from accounts.models import Notification

    assert Notification.objects.filter(user=person.user, subject__contains=str_record.number).exists()
