import pytest

from accounts.tests.factories import PASSWORD, UserFactory
from core.models import AuditEvent


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account_even_for_the_right_password(client):
    user = UserFactory()
    for _ in range(5):
        client.post("/akun/login/", {"login": user.email, "password": "wrong-password"})
    response = client.post("/akun/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "diblokir" in response.content.decode()
    assert client.get("/staf/").status_code == 302  # not signed in


@pytest.mark.django_db
def test_a_few_mistakes_do_not_lock_anyone_out(client):
    user = UserFactory()
    for _ in range(3):
        client.post("/akun/login/", {"login": user.email, "password": "wrong-password"})
    response = client.post("/akun/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/staf/").status_code == 200


@pytest.mark.django_db
def test_logins_and_failures_are_audited_without_the_password(client):
    user = UserFactory()
    client.post("/akun/login/", {"login": user.email, "password": "wrong-password"})
    client.post("/akun/login/", {"login": user.email, "password": PASSWORD})
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert AuditEvent.Action.LOGIN_FAILED in actions
    assert AuditEvent.Action.LOGIN in actions
    assert not AuditEvent.objects.filter(summary__icontains="wrong-password").exists()
