import os

import pytest

from accounts import services as data_rights
from accounts.roles import Role
from accounts.tests.factories import make_staff
from credentials.models import Credential
from registry import services
from registry.models import Education, Person, Training, WorkExperience
from registry.tests.factories import pdf_upload, png_upload, submitted_application

pytestmark = pytest.mark.django_db


def _history_text(model, **lookup) -> str:
    return repr(list(model.history.filter(**lookup).values()))


def test_erasing_a_member_leaves_no_personal_data_in_the_history_or_on_disk(
    client, dpd_jabar, django_capture_on_commit_callbacks
):
    application = submitted_application()
    person = application.person
    for item in [*person.educations.all(), *person.experiences.all(), *person.trainings.all()]:
        field = {"Education": "diploma", "WorkExperience": "evidence", "Training": "certificate"}[type(item).__name__]
        setattr(item, field, pdf_upload())
        item.save()
    first_photo = person.photo.path
    person.photo = png_upload("foto-baru.png")  # the first photo now lives on only through the history
    person.phone, person.address = "+6281299990000", "Jl. Asia Afrika 8, Bandung"
    person.save()
    with django_capture_on_commit_callbacks(execute=True):
        member = services.verify_application(actor=dpd_jabar, application=application, version=application.version)
    member.refresh_from_db()
    files = [
        first_photo,
        person.photo.path,
        member.card_pdf.path,
        *(
            getattr(item, field).path
            for item in [*person.educations.all(), *person.experiences.all(), *person.trainings.all()]
            for field in ("diploma", "evidence", "certificate")
            if getattr(item, field, None)
        ),
    ]
    assert all(os.path.exists(path) for path in files) and len(files) == 6
    secrets = [
        person.nik,
        person.birth_date.isoformat(),
        "Jl. Merdeka 1",
        "Jl. Asia Afrika 8",
        "+6281234567890",
        "+6281299990000",
        person.email,
        "Bandung",
    ]
    histories = (Education, WorkExperience, Training)

    data_rights.erase_person(actor=make_staff(Role.DATA_PROTECTION_OFFICER), user=person.user)

    history = _history_text(Person, id=person.pk)
    for secret in secrets:
        assert secret not in history, secret
    assert all(not model.history.filter(person_id=person.pk).exists() for model in histories)
    assert not any(os.path.exists(path) for path in files)
    # The member number stays a public register entry that verifies, without personal data.
    credential = Credential.objects.get(pk=member.credential_id)
    assert credential.current_status() == "valid"
    page = client.get(credential.verification_url).content.decode()
    assert member.number in page and person.full_name in page
    assert person.nik not in page and "Merdeka" not in page


def test_erasing_a_claimant_deletes_the_identity_document_of_their_claim_but_keeps_the_claim():
    from accounts.tests.factories import UserFactory
    from registry.models import ClaimRequest
    from registry.tests.factories import PersonFactory

    claimant = UserFactory()
    claim = ClaimRequest.objects.create(
        person=PersonFactory(user=None, email=""), claimant=claimant, document=pdf_upload("ktp.pdf")
    )
    claim.reject(by=make_staff(Role.DPP_OFFICER), reason="Foto KTP tidak terbaca")
    claim.save()
    path, name = claim.document.path, claim.document.name
    assert os.path.exists(path)

    data_rights.erase_person(actor=make_staff(Role.DATA_PROTECTION_OFFICER), user=claimant)

    assert not os.path.exists(path)
    assert name not in _history_text(ClaimRequest, id=claim.pk)
    claim.refresh_from_db()
    assert claim.status == ClaimRequest.Status.REJECTED and claim.reason == "Foto KTP tidak terbaca"


def test_erasing_an_assisted_registrant_deletes_the_identity_document_brought_but_keeps_the_consent():
    import datetime

    from accounts.tests.factories import UserFactory
    from registry.models import AssistedRegistration, MembershipApplication
    from registry.tests.factories import PersonFactory, province

    user = UserFactory()
    person = PersonFactory(user=user)
    registration = AssistedRegistration.objects.create(
        person=person,
        application=MembershipApplication.objects.create(person=person, province=province("32")),
        entered_by=make_staff(Role.DPD_OFFICER, province=province("32")),
        consent_given_by=person.full_name,
        consent_given_on=datetime.date(2026, 11, 2),
        consent_method=AssistedRegistration.Consent.SIGNED_FORM,
        consent_document=pdf_upload("persetujuan.pdf"),
        identity_document=pdf_upload("ktp.pdf"),
        invitation_sent_to="orang@contoh.id",
    )
    ktp, ktp_name = registration.identity_document.path, registration.identity_document.name

    data_rights.erase_person(actor=make_staff(Role.DATA_PROTECTION_OFFICER), user=user)

    registration.refresh_from_db()
    assert not os.path.exists(ktp)
    history = _history_text(AssistedRegistration, id=registration.pk)
    assert ktp_name not in history and "orang@contoh.id" not in history
    assert registration.identity_document.name == "" and registration.invitation_sent_to == ""
    assert registration.consent_document.name and os.path.exists(registration.consent_document.path)
