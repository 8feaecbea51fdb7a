"""One open application per person, kind and authority: a second SIPPS application to the same
kabupaten/kota (or a second STR application) while one waits is refused with a reason, also
when both arrive at once (the database holds the rule, not only the check before it)."""

import pytest
from django.db import IntegrityError, transaction

from accounts.roles import Role
from accounts.tests.factories import make_staff
from core.errors import DomainError
from licensing import services
from licensing.models import LicenceApplication, StrApplication
from licensing.tests.factories import certified_person, pdf
from regions.models import Regency

KOTA_BANDUNG, KAB_BANDUNG = "32.73", "32.04"


@pytest.fixture
def holder(db):
    person, certificate = certified_person()
    application = services.apply_for_str(
        actor=person.user, certificate=certificate, health_statement=pdf(), oath_taken=True, code_of_ethics=True
    )
    str_record = services.decide_str(
        actor=make_staff(Role.DPP_OFFICER), application=application, version=application.version, approve=True
    )
    return person, certificate, str_record


def apply(holder, regency_code=KOTA_BANDUNG, place="LKS Anak Harapan Bangsa"):
    person, certificate, str_record = holder
    return services.apply_for_licence(
        actor=person.user,
        certificate=certificate,
        str_record=str_record,
        setting="institution",
        place=place,
        regency=Regency.objects.get(code=regency_code),
        field="anak",
    )


def test_a_second_sipps_application_to_the_same_kota_is_refused_while_the_first_waits(holder):
    first = apply(holder)
    with pytest.raises(DomainError) as refused:
        apply(holder, place="Panti Sosial Marsudi Putra")
    assert "menunggu keputusan" in str(refused.value)
    assert list(LicenceApplication.objects.filter(person=holder[0])) == [first]


def test_an_application_to_another_kabupaten_is_accepted_while_one_waits(holder):
    apply(holder)
    apply(holder, regency_code=KAB_BANDUNG)
    assert LicenceApplication.objects.filter(person=holder[0]).count() == 2


def test_after_a_refusal_the_person_may_apply_to_the_same_kota_again(holder):
    first = apply(holder)
    services.decide_licence(
        actor=make_staff(Role.LICENSING_OFFICER, organisation=first.authority),
        application=first,
        version=first.version,
        grant=False,
        reason="Tempat praktik tidak sesuai",
    )
    apply(holder)
    assert LicenceApplication.objects.filter(person=holder[0]).count() == 2


def test_two_sipps_applications_arriving_at_once_leave_one_and_a_clear_message(holder, monkeypatch):
    # The other request commits between this request's check and its insert: the check sees
    # nothing waiting, the database refuses the second row.
    apply(holder)
    monkeypatch.setattr(services, "_waiting_licence_application", lambda person, authority: None)
    with pytest.raises(DomainError) as refused:
        apply(holder, place="Panti Sosial Marsudi Putra")
    assert "menunggu keputusan" in str(refused.value)
    assert LicenceApplication.objects.filter(person=holder[0]).count() == 1


def test_the_database_refuses_a_second_open_licence_application_written_around_the_service(holder):
    first = apply(holder)
    with pytest.raises(IntegrityError), transaction.atomic():
        LicenceApplication.objects.create(
            person=first.person,
            rule_set=first.rule_set,
            certificate=first.certificate,
            str_record=first.str_record,
            setting=first.setting,
            place="Lain",
            regency=first.regency,
            field=first.field,
            authority=first.authority,
            status=LicenceApplication.State.RECOMMENDED,
        )


def test_two_str_applications_arriving_at_once_leave_one_and_a_clear_message(db, monkeypatch):
    person, certificate = certified_person()
    services.apply_for_str(
        actor=person.user, certificate=certificate, health_statement=pdf(), oath_taken=True, code_of_ethics=True
    )
    monkeypatch.setattr(services, "_waiting_str_application", lambda person: None)
    with pytest.raises(DomainError) as refused:
        services.apply_for_str(
            actor=person.user, certificate=certificate, health_statement=pdf(), oath_taken=True, code_of_ethics=True
        )
    assert "menunggu keputusan" in str(refused.value)
    assert StrApplication.objects.filter(person=person).count() == 1
