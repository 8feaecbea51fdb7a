"""A social worker registers, applies through the DPD of their province, the DPD officer of
that province verifies, and the member gets a number and a card with a QR code."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.tests.factories import UserFactory, sign_in_with_second_factor
from core.models import AuditEvent
from credentials.models import Credential
from registry.models import Member, MembershipApplication, Person
from registry.tests.factories import nik_for, pdf_upload, png_upload

pytestmark = pytest.mark.django_db


def _register_through_the_pages(client, user, jabar):
    sign_in_with_second_factor(client, user)
    birth = datetime.date(1988, 8, 17)
    response = client.post(
        reverse("registry:profile_edit"),
        {
            "nik": nik_for(birth, "P"),
            "full_name": "Dewi Lestari",
            "birth_place": "Bandung",
            "birth_date": "1988-08-17",
            "sex": "P",
            "photo": png_upload(),
            "phone": "0812 3456 7890",
            "email": user.email,
            "address": "Jl. Dago 10",
            "province": jabar.pk,
            "regency": "",
            "workforce_category": "pekerja_sosial_profesional",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    response = client.post(
        reverse("registry:item_add", args=["education"]),
        {
            "level": "S1",
            "study_programme": "Kesejahteraan Sosial",
            "study_field": "kesejahteraan_sosial",
            "institution": "Universitas Padjadjaran",
            "graduation_year": "2011",
            "diploma": pdf_upload(),
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("registry:item_add", args=["experience"]),
        {
            "employer": "Dinas Sosial",
            "position": "Pekerja Sosial",
            "practice_field": "perlindungan anak",
            "started_on": "2015-02-01",
            "ended_on": "",
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("registry:item_add", args=["training"]),
        {"title": "Manajemen Kasus", "organiser": "Poltekesos", "hours": "60", "held_on": "2016-05-01"},
    )
    assert response.status_code == 302
    return Person.objects.get(user=user)


def test_a_saved_draft_profile_is_there_when_the_person_comes_back(client):
    user = UserFactory()
    sign_in_with_second_factor(client, user)
    response = client.post(reverse("registry:profile_edit"), {"full_name": "Budi Santoso", "email": user.email})
    assert response.status_code == 302
    page = client.get(reverse("registry:my_membership")).content.decode()
    assert "Budi Santoso" in page
    assert "Sebelum mengirim, lengkapi" in page


def test_registration_application_verification_number_and_card_end_to_end(
    client, jabar, dpd_jabar, dpd_jatim, django_capture_on_commit_callbacks
):
    user = UserFactory()
    person = _register_through_the_pages(client, user, jabar)
    assert person.phone == "+6281234567890"

    response = client.post(reverse("registry:apply"), {"channel": "dpd", "province": jabar.pk, "submit": "1"})
    assert response.status_code == 302
    application = MembershipApplication.objects.get(person=person)
    assert application.status == MembershipApplication.Status.SUBMITTED
    assert application.category == "biasa"

    # The DPD officer of another province neither sees it in the queue nor opens it.
    sign_in_with_second_factor(client, dpd_jatim)
    assert "Dewi Lestari" not in client.get(reverse("registry:application_queue")).content.decode()
    assert client.get(reverse("registry:application_detail", args=[application.pk])).status_code == 404

    sign_in_with_second_factor(client, dpd_jabar)
    assert "Dewi Lestari" in client.get(reverse("registry:application_queue")).content.decode()
    assert client.get(reverse("registry:application_detail", args=[application.pk])).status_code == 200
    assert AuditEvent.objects.filter(actor=dpd_jabar, action=AuditEvent.Action.READ_PRIVATE).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("registry:application_detail", args=[application.pk]),
            {"decision": "verify", "category": "biasa", "reason": "", "version": application.version},
        )
    assert response.status_code == 302

    member = Member.objects.get(person=person)
    year = datetime.date.today().year
    assert member.number == f"IPSPI.32.{year}.00001"
    assert re.fullmatch(r"IPSPI\.\d{2}\.\d{4}\.\d{5}", member.number)
    assert member.status == Member.Status.ACTIVE
    assert member.credential.kind == Credential.Kind.MEMBER_CARD
    assert member.credential.number == member.number
    assert "nik" not in member.credential.claims and "birth_date" not in member.credential.claims
    assert member.card_pdf, "the card is rendered after the commit"
    assert member.invoices.count() == 1

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert "diverifikasi" in message.subject.lower()
    assert member.number in message.body

    sign_in_with_second_factor(client, user)
    card = client.get(reverse("registry:my_card"))
    assert card.status_code == 200
    body = b"".join(card.streaming_content) if card.streaming else card.content
    assert body.startswith(b"%PDF")
    page = client.get(reverse("registry:my_membership")).content.decode()
    assert member.number in page and member.credential.verification_url in page


def test_a_returned_application_can_be_corrected_and_submitted_again(client, dpd_jabar, django_capture_on_commit_callbacks):
    from registry import services
    from registry.tests.factories import submitted_application

    application = submitted_application()
    with django_capture_on_commit_callbacks(execute=True):
        services.return_application(
            actor=dpd_jabar, application=application, version=application.version, reason="Foto tidak jelas."
        )
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.RETURNED
    assert "Foto tidak jelas." in mail.outbox[0].body
    assert "dikembalikan" in mail.outbox[0].subject.lower()

    sign_in_with_second_factor(client, application.person.user)
    page = client.get(reverse("registry:my_membership")).content.decode()
    assert "Foto tidak jelas." in page
    client.post(reverse("registry:apply"), {"channel": "dpd", "province": application.province_id, "submit": "1"})
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.SUBMITTED


def test_a_rejection_needs_a_reason_and_changes_nothing_without_one(client, dpd_jabar):
    from registry.tests.factories import submitted_application

    application = submitted_application()
    sign_in_with_second_factor(client, dpd_jabar)
    response = client.post(
        reverse("registry:application_detail", args=[application.pk]),
        {"decision": "reject", "reason": "", "version": application.version},
    )
    assert response.status_code == 200
    assert "Berikan alasan penolakan" in response.content.decode()
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.SUBMITTED
    assert mail.outbox == []


def test_a_decision_on_a_form_opened_before_someone_else_decided_is_refused(client, dpd_jabar):
    from registry.tests.factories import submitted_application

    application = submitted_application()
    stale_version = application.version
    sign_in_with_second_factor(client, dpd_jabar)
    client.post(
        reverse("registry:application_detail", args=[application.pk]),
        {"decision": "verify", "category": "biasa", "version": stale_version},
    )
    response = client.post(
        reverse("registry:application_detail", args=[application.pk]),
        {"decision": "reject", "reason": "x", "version": stale_version},
    )
    assert "telah diubah orang lain" in response.content.decode()
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.VERIFIED
    assert Member.objects.count() == 1


def test_an_application_to_the_dpp_is_verified_by_the_dpp_with_the_applicants_province_code(client, dpp, dpd_jabar):
    from registry import services
    from registry.tests.factories import complete_person

    person = complete_person(province=None, regency=None)
    person.province_id = 35
    from regions.models import Province

    person.province = Province.objects.get(code="35")
    person.save()
    application = services.start_application(actor=person.user, person=person, channel="dpp")
    services.submit_application(actor=person.user, application=application)
    sign_in_with_second_factor(client, dpd_jabar)
    assert client.get(reverse("registry:application_detail", args=[application.pk])).status_code == 404
    member = services.verify_application(
        actor=dpp, application=application, version=MembershipApplication.objects.get(pk=application.pk).version
    )
    assert member.number.startswith("IPSPI.35.")
