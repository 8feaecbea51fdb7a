import datetime
import json

import pytest
from django.utils import timezone

from accounts import services
from accounts.models import Consent, ConsentText, DataBreach, DataSubjectRequest, User
from accounts.roles import Role
from accounts.tests.factories import UserFactory, make_staff, sign_in_with_second_factor
from core import personal_data
from core.errors import DomainError, NotAllowed


@pytest.mark.django_db
def test_a_person_downloads_everything_held_about_them_as_json(client):
    user = UserFactory(name="Siti Rahmawati")
    sign_in_with_second_factor(client, user)
    response = client.get("/akun/data-saya/unduh.json")
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["account"]["email"] == user.email
    assert data["account"]["name"] == "Siti Rahmawati"
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_the_same_data_downloads_as_a_pdf(client):
    sign_in_with_second_factor(client, UserFactory())
    response = client.get("/akun/data-saya/unduh.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_domain_apps_contribute_their_sections_to_the_download(monkeypatch):
    monkeypatch.setattr(personal_data, "_SECTIONS", {})
    personal_data.register_section("example", export=lambda user: {"held": user.email})
    user = UserFactory()
    assert services.export_personal_data(user)["example"] == {"held": user.email}


@pytest.mark.django_db
def test_a_request_is_due_within_three_times_24_hours(client):
    user = UserFactory()
    sign_in_with_second_factor(client, user)
    response = client.post("/akun/data-saya/", {"kind": "access", "details": ""})
    assert response.status_code == 302
    request = DataSubjectRequest.objects.get(user=user)
    assert request.due_at - request.received_at == datetime.timedelta(hours=72)


@pytest.mark.django_db
def test_a_correction_request_must_say_what_is_wrong():
    with pytest.raises(DomainError):
        services.submit_request(actor=UserFactory(), kind="correction", details="  ")
    assert not DataSubjectRequest.objects.exists()


@pytest.mark.django_db
def test_only_the_data_protection_officer_answers_requests(client):
    request = services.submit_request(actor=UserFactory(), kind="access")
    dpp = make_staff(Role.DPP_OFFICER)
    with pytest.raises(NotAllowed):
        services.decide_request(actor=dpp, request=request, status="completed", response="ok")
    sign_in_with_second_factor(client, dpp)
    assert client.get("/akun/pdp/permintaan/").status_code == 403


@pytest.mark.django_db
def test_erasure_anonymises_the_person_and_keeps_what_the_law_requires(monkeypatch):
    monkeypatch.setattr(personal_data, "_SECTIONS", {})
    erased = []
    personal_data.register_section(
        "example", export=lambda u: None, erase=lambda u, actor: erased.append(u.pk) or "kept: 1 credential"
    )
    person = UserFactory(name="Budi Santoso")
    Consent.objects.create(user=person, text=ConsentText.objects.first(), text_digest="x")
    request = services.submit_request(actor=person, kind="erasure")
    dpo = make_staff(Role.DATA_PROTECTION_OFFICER)
    services.decide_request(actor=dpo, request=request, status="completed", response="Data Anda telah dihapus.")
    person = User.objects.get(pk=person.pk)
    assert person.name != "Budi Santoso" and "Budi" not in person.email
    assert not person.is_active and not person.has_usable_password()
    assert erased == [person.pk]
    assert Consent.objects.get(user=person).withdrawn_at is not None
    assert "kept: 1 credential" in DataSubjectRequest.objects.get(pk=request.pk).response


@pytest.mark.django_db
def test_a_breach_must_be_notified_within_72_hours_of_discovery():
    dpo = make_staff(Role.DATA_PROTECTION_OFFICER)
    breach = services.record_breach(
        actor=dpo,
        discovered_at=timezone.now() - datetime.timedelta(hours=80),
        description="Laptop hilang",
        data_categories="NIK, alamat",
        affected_count=12,
    )
    assert breach.is_notification_overdue
    services.mark_breach_notified(actor=dpo, breach=breach, who="subjects")
    services.mark_breach_notified(actor=dpo, breach=breach, who="authority")
    assert not DataBreach.objects.get(pk=breach.pk).is_notification_overdue


@pytest.mark.django_db
def test_only_the_data_protection_officer_keeps_the_breach_log(client):
    with pytest.raises(NotAllowed):
        services.record_breach(
            actor=UserFactory(), discovered_at=timezone.now(), description="x", data_categories="x", affected_count=1
        )
    sign_in_with_second_factor(client, UserFactory())
    assert client.get("/akun/pdp/kebocoran/").status_code == 403
