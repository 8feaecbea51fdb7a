"""An officer's own words about why a credential was suspended, revoked or ended stay with the
staff: the public (the verification page, the public API, the register, the signed credential)
sees only a category from a fixed, translated list."""

import base64
import json

import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import make_staff, sign_in_with_second_factor
from core.errors import DomainError
from credentials.models import Credential
from credentials.services import change_status
from credentials.tests.factories import issue
from registry.models import Member
from registry.services import change_member_status, verify_application
from registry.tests.factories import complete_person, province, submitted_application

SECRET_REASON = "Pemeriksaan dugaan pelanggaran kode etik oleh Ibu Ratna"


def verified_member(name="Siti Rahmawati"):
    person = complete_person(full_name=name)
    application = submitted_application(person)
    officer = make_staff(Role.DPD_OFFICER, province=province("32"))
    return verify_application(actor=officer, application=application, version=application.version), officer


def everything_public(client, member: Member) -> dict[str, str]:
    """What anyone can read about this member and their card, as text."""
    public_id = member.credential.public_id
    token = client.get(f"/v/{public_id}.jwt").content.decode()
    return {
        "verification page": client.get(f"/v/{public_id}").content.decode(),
        "credential API": client.get(f"/api/v1/public/credentials/{public_id}").content.decode(),
        "register search API": client.get("/api/v1/public/social-workers", {"q": member.number}).content.decode(),
        "number look-up API": client.get(f"/api/v1/public/social-workers/{member.number}").content.decode(),
        "register page": client.get("/register/pekerja-sosial/", {"q": member.person.full_name}).content.decode(),
        "VC payload": base64.urlsafe_b64decode(token.split(".")[1] + "==").decode(),
    }


@pytest.mark.django_db
def test_a_suspended_membership_shows_the_public_its_category_and_never_the_officers_words(client):
    member, officer = verified_member()
    change_member_status(
        actor=officer, member=member, action="suspend", reason=SECRET_REASON, category=Credential.StatusCategory.ETHICS_COUNCIL
    )
    member.refresh_from_db()
    assert member.status_reason == SECRET_REASON and member.status_category == "ethics_council"  # kept for the staff

    seen = everything_public(client, member)
    for where, text in seen.items():
        assert SECRET_REASON not in text and "Ibu Ratna" not in text, where
    assert "atas keputusan Dewan Kode Etik" in seen["verification page"]
    api = client.get(f"/api/v1/public/credentials/{member.credential.public_id}").json()
    assert (api["status"], api["status_reason"], api["status_reason_code"]) == (
        "suspended",
        "atas keputusan Dewan Kode Etik",
        "ethics_council",
    )
    [card, *_] = client.get(f"/api/v1/public/social-workers/{member.number}").json()["credentials"]
    assert (card["status_reason"], card["status_reason_code"]) == ("atas keputusan Dewan Kode Etik", "ethics_council")

    client.cookies["django_language"] = "en"
    english = everything_public(client, member)
    assert all(SECRET_REASON not in text for text in english.values())
    assert "by decision of the ethics council" in english["verification page"]
    assert (
        client.get(f"/api/v1/public/credentials/{member.credential.public_id}").json()["status_reason"]
        == "by decision of the ethics council"
    )


@pytest.mark.django_db
def test_a_revoked_credential_publishes_its_category_and_the_vc_carries_no_reason(client):
    credential = issue()
    change_status(
        actor=None,
        credential=credential,
        status=Credential.Status.REVOKED,
        reason=SECRET_REASON,
        category=Credential.StatusCategory.INCORRECT_DATA,
    )
    page = client.get(f"/v/{credential.public_id}").content.decode()
    assert SECRET_REASON not in page and "data tidak benar" in page
    payload = json.loads(
        base64.urlsafe_b64decode(client.get(f"/v/{credential.public_id}.jwt").content.decode().split(".")[1] + "==")
    )
    assert SECRET_REASON not in json.dumps(payload, ensure_ascii=False)


@pytest.mark.django_db
def test_suspending_or_revoking_without_a_category_from_the_list_is_refused_and_changes_nothing():
    member, officer = verified_member()
    for category in ("", "karena saya mau"):
        with pytest.raises(DomainError):
            change_member_status(actor=officer, member=member, action="suspend", reason=SECRET_REASON, category=category)
    member.refresh_from_db()
    member.credential.refresh_from_db()
    assert member.status == Member.Status.ACTIVE and member.credential.status == Credential.Status.VALID
    credential = issue(number="X.1")
    with pytest.raises(DomainError):
        change_status(actor=None, credential=credential, status=Credential.Status.REVOKED, reason=SECRET_REASON, category="")
    credential.refresh_from_db()
    assert credential.status == Credential.Status.VALID


@pytest.mark.django_db
def test_the_officers_form_offers_the_categories_and_the_staff_page_keeps_the_words(client):
    member, officer = verified_member()
    sign_in_with_second_factor(client, officer)
    detail = reverse("registry:member_detail", args=[member.pk])
    response = client.get(detail)
    assert response.status_code == 200, response
    form = response.content.decode()
    assert 'name="category"' in form and "dibekukan sementara" in form and "atas permintaan pemegang" in form
    client.post(
        reverse("registry:member_status", args=[member.pk]),
        {"action": "suspend", "reason": SECRET_REASON, "category": "suspended_temporarily"},
    )
    member.refresh_from_db()
    assert (member.status, member.status_category) == (Member.Status.SUSPENDED, "suspended_temporarily")
    assert SECRET_REASON in client.get(detail).content.decode()


@pytest.mark.django_db
def test_records_changed_before_categories_existed_publish_the_default_category_not_their_text(client):
    import importlib

    from django.apps import apps

    credential = issue()
    Credential.objects.filter(pk=credential.pk).update(
        status=Credential.Status.SUSPENDED, status_reason=SECRET_REASON, status_category=""
    )
    migration = importlib.import_module("credentials.migrations.0004_credential_status_category")
    migration.default_categories(apps, None)
    credential.refresh_from_db()
    assert credential.status_category == Credential.StatusCategory.OTHER
    page = client.get(f"/v/{credential.public_id}").content.decode()
    assert SECRET_REASON not in page and "alasan lainnya" in page
