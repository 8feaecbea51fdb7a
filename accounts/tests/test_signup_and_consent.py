import pytest
from django.core import mail

from accounts.models import Consent, User


def signup(client, **overrides):
    data = {
        "name": "Siti Rahmawati",
        "email": "siti@example.id",
        "password1": "kata-sandi-yang-panjang-1",
        "password2": "kata-sandi-yang-panjang-1",
        "consent": "on",
    }
    data.update(overrides)
    return client.post("/akun/signup/", data)


@pytest.mark.django_db
def test_registering_records_consent_with_the_exact_text_version(client):
    response = signup(client)
    assert response.status_code == 302
    user = User.objects.get(email="siti@example.id")
    assert user.name == "Siti Rahmawati"
    consent = Consent.objects.get(user=user)
    assert consent.text.version == "2026.1"
    assert consent.text_digest == consent.text.digest


@pytest.mark.django_db
def test_the_email_address_must_be_confirmed(client):
    signup(client)
    assert len(mail.outbox) == 1
    assert "siti@example.id" in mail.outbox[0].to


@pytest.mark.django_db
def test_registering_without_consent_is_refused_in_indonesian(client):
    response = signup(client, consent="")
    assert response.status_code == 200
    assert "Anda harus menyetujui" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_html_in_a_name_is_refused_and_nothing_is_saved(client):
    response = signup(client, name="<script>alert(1)</script>")
    assert response.status_code == 200
    assert not User.objects.exists()
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.django_db
def test_weak_passwords_are_refused(client):
    response = signup(client, password1="12345678", password2="12345678")
    assert response.status_code == 200
    assert not User.objects.exists()
