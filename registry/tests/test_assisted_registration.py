"""Assisted registration: a DPD or DPP officer enters an application for someone who came to the
office (or applied by e-mail) with the documents they brought and their recorded consent; the
person takes the record over with an invitation; the record says who entered it."""

import datetime
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.tests.factories import UserFactory, sign_in_with_second_factor
from core.errors import DomainError, NotAllowed
from registry import services
from registry.models import AssistedRegistration, MembershipApplication, Person
from registry.tests.factories import EducationFactory, PersonFactory, nik_for, pdf_bytes, png_bytes, province

pytestmark = pytest.mark.django_db


def _consent(**overrides):
    values = {
        "consent_given_by": "Rina Wulandari",
        "consent_given_on": datetime.date.today(),
        "consent_method": "signed_form",
        "consent_document": SimpleUploadedFile("persetujuan.pdf", pdf_bytes(), content_type="application/pdf"),
    }
    values.update(overrides)
    return values


def _enter(actor, *, code="32", email="", **consent):
    person = PersonFactory.build(user=None, email=email, province=province(code), regency=None)
    return services.register_on_behalf(
        actor=actor, person=person, education=EducationFactory.build(person=None), **_consent(**consent)
    )


def test_a_dpd_officer_enters_an_application_that_the_person_takes_over_with_the_printed_code(dpd_jabar):
    registration, code = _enter(dpd_jabar)

    application = registration.application
    assert (application.status, application.channel, application.province.code) == ("submitted", "dpd", "32")
    assert registration.entered_by == dpd_jabar and registration.consent_method == "signed_form"
    assert (
        registration.consent_document.name and registration.invitation_code_hash and code not in registration.invitation_code_hash
    )
    person = registration.person
    assert person.user is None and person.source == services.ASSISTED_SOURCE
    assert person.history.get().history_user == dpd_jabar
    assert application.history.get().history_user == dpd_jabar
    assert not mail.outbox  # no address: the code is printed for the person

    owner = UserFactory()
    services.accept_invitation(actor=owner, code=code.lower().replace("-", " "))
    person.refresh_from_db()
    registration.refresh_from_db()
    assert person.user == owner and person.claimed and registration.taken_over_at
    with pytest.raises(DomainError):
        services.accept_invitation(actor=UserFactory(), code=code)  # used once


def test_the_invitation_is_e_mailed_when_the_person_has_an_address(dpp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        registration, code = _enter(dpp, email="rina@contoh.id", consent_method="email")

    assert registration.application.channel == MembershipApplication.Channel.DPP
    [message] = mail.outbox
    assert message.to == ["rina@contoh.id"] and code in message.body
    assert reverse("registry:invitation_accept_code", args=[code]) in message.body
    assert "atas nama Anda" in message.body


def test_a_dpd_officer_cannot_enter_an_application_for_another_province(dpd_jatim):
    with pytest.raises(NotAllowed):
        _enter(dpd_jatim, code="32")
    assert not Person.objects.exists() and not AssistedRegistration.objects.exists()


def test_without_consent_or_with_a_nik_already_registered_nothing_is_saved(dpd_jabar):
    with pytest.raises(DomainError) as no_consent:
        _enter(dpd_jabar, consent_document=None)
    assert no_consent.value.field == "consent_document"
    with pytest.raises(DomainError) as future:
        _enter(dpd_jabar, consent_given_on=datetime.date.today() + datetime.timedelta(days=1))
    assert future.value.field == "consent_given_on"
    existing = PersonFactory()
    person = PersonFactory.build(user=None, nik=existing.nik, province=province("32"))
    with pytest.raises(DomainError) as taken:
        services.register_on_behalf(actor=dpd_jabar, person=person, education=EducationFactory.build(person=None), **_consent())
    assert taken.value.field == "nik"
    assert list(Person.objects.all()) == [existing] and not MembershipApplication.objects.exists()


def test_an_expired_or_unknown_code_is_refused_and_a_new_code_replaces_the_old(dpd_jabar):
    registration, code = _enter(dpd_jabar)
    new_code = services.reissue_invitation(actor=dpd_jabar, registration=registration)
    with pytest.raises(DomainError):
        services.accept_invitation(actor=UserFactory(), code=code)
    AssistedRegistration.objects.filter(pk=registration.pk).update(
        invitation_expires_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )
    with pytest.raises(DomainError):
        services.accept_invitation(actor=UserFactory(), code=new_code)


def test_the_officer_enters_it_through_the_form_and_prints_the_invitation_once(client, dpd_jabar):
    sign_in_with_second_factor(client, dpd_jabar)
    birth = datetime.date(1988, 4, 9)
    data = {
        "person-nik": nik_for(birth, "P", serial=77),
        "person-full_name": "Rina Wulandari",
        "person-birth_place": "Bandung",
        "person-birth_date": birth.isoformat(),
        "person-sex": "P",
        "person-photo": SimpleUploadedFile("foto.png", png_bytes(), content_type="image/png"),
        "person-phone": "0812-3456-7890",
        "person-province": province("32").pk,
        "person-workforce_category": "pekerja_sosial_profesional",
        "education-level": "S1",
        "education-study_programme": "Kesejahteraan Sosial",
        "education-study_field": "kesejahteraan_sosial",
        "education-institution": "Universitas Padjadjaran",
        "education-graduation_year": "2011",
        "education-diploma": SimpleUploadedFile("ijazah.pdf", pdf_bytes(), content_type="application/pdf"),
        "consent-consent_given_by": "Rina Wulandari",
        "consent-consent_given_on": datetime.date.today().isoformat(),
        "consent-consent_method": "signed_form",
        "consent-consent_document": SimpleUploadedFile("persetujuan.pdf", pdf_bytes(), content_type="application/pdf"),
    }
    response = client.post(reverse("registry:assisted_new"), data)

    registration = AssistedRegistration.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("registry:assisted_detail", args=[registration.pk])
    page = client.get(response["Location"]).content.decode()
    code = re.search(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", page).group(0)
    assert "Undangan" in page
    assert code not in client.get(response["Location"]).content.decode()  # shown once
    assert registration.person.educations.get().diploma
    assert "Rina Wulandari" in client.get(reverse("registry:assisted_list")).content.decode()

    owner = UserFactory()
    sign_in_with_second_factor(client, owner)
    response = client.post(reverse("registry:invitation_accept"), {"code": code})
    assert response.status_code == 302
    assert Person.objects.get(user=owner).full_name == "Rina Wulandari"


def test_an_officer_of_another_province_neither_lists_nor_opens_it(client, dpd_jabar, dpd_jatim):
    registration, _code = _enter(dpd_jabar)
    sign_in_with_second_factor(client, dpd_jatim)

    assert "Peserta" not in client.get(reverse("registry:assisted_list")).content.decode()
    assert registration.person.full_name not in client.get(reverse("registry:assisted_list")).content.decode()
    assert client.get(reverse("registry:assisted_detail", args=[registration.pk])).status_code == 404
