"""A staff session is only good once it has passed the second factor, whichever door it came in by:
allauth's sign-in, the Django admin's login, or a session used against the API."""

import pytest

from accounts.roles import ROLE_SCOPE, STAFF_ROLES, Role, Scope
from accounts.tests.factories import PASSWORD, UserFactory, current_totp_code, make_staff, sign_in_with_second_factor
from regions.models import Province
from registry import services
from registry.tests.factories import submitted_application


def _member():
    application = submitted_application()
    return services.verify_application(actor=make_staff(Role.DPP_OFFICER), application=application, version=application.version)


STAFF_ROLE_VALUES = sorted(str(role) for role in STAFF_ROLES)


def _staff(role: str, **fields):
    """A holder of `role` with the scope the role needs (the scope itself does not matter here)."""
    from certification.tests.factories import LSPFactory
    from licensing.models import LicensingAuthority
    from regions.models import Province, Regency

    scope = ROLE_SCOPE[Role(role)]
    if scope == Scope.PROVINCE:
        fields["province"] = Province.objects.get(code="32")
    elif scope == Scope.REGENCY:
        fields["regency"] = Regency.objects.get(code="32.73")
    elif role == Role.LICENSING_OFFICER:
        fields["organisation"] = LicensingAuthority.objects.get(regency__code="32.73")
    elif scope == Scope.ORGANISATION:
        fields["organisation"] = LSPFactory()
    return make_staff(Role(role), **fields)


def _superuser():
    user = UserFactory(is_staff=True, is_superuser=True)
    from allauth.mfa.totp.internal.auth import TOTP

    from accounts.tests.factories import TOTP_SECRET

    TOTP.activate(user, TOTP_SECRET)
    return user


def _password_only_session(client, user):
    """What a browser holds after a password was accepted and no code typed: Django's own login
    (the admin's door) gives exactly this."""
    client.force_login(user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("role", STAFF_ROLE_VALUES)
def test_a_password_only_staff_session_is_sent_to_the_second_factor_step(client, role):
    _password_only_session(client, _staff(role))
    response = client.get("/staf/")
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/2fa/reauthenticate/")


@pytest.mark.django_db
@pytest.mark.parametrize("role", STAFF_ROLE_VALUES)
def test_staff_signing_in_through_allauth_are_not_in_before_the_code(client, role):
    officer = _staff(role)
    response = client.post("/akun/login/", {"login": officer.email, "password": PASSWORD})
    assert response["Location"] == "/akun/2fa/authenticate/"
    assert client.get("/staf/").status_code == 302
    assert client.get("/api/v1/registry/members").status_code in (401, 403)
    client.post("/akun/2fa/authenticate/", {"code": current_totp_code()})
    assert client.get("/staf/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", STAFF_ROLE_VALUES)
def test_the_admin_login_does_not_let_staff_in_with_a_password_alone(client, role):
    officer = _staff(role, is_staff=True)
    response = client.post("/admin/login/", {"username": officer.email, "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/")
    for page in ("/admin/", "/admin/registry/person/", "/staf/", "/akun/audit/"):
        assert client.get(page).status_code == 302, page
    assert client.get("/api/v1/registry/members").status_code in (401, 403)


@pytest.mark.django_db
def test_the_system_administrator_with_a_password_alone_reads_no_nik(client):
    admin = _superuser()
    person = _member().person
    client.post("/admin/login/", {"username": admin.email, "password": PASSWORD, "next": "/admin/"})
    for page in ("/admin/", "/admin/registry/person/", f"/admin/registry/person/{person.pk}/change/", "/akun/audit/"):
        response = client.get(page)
        assert response.status_code == 302, page
        assert person.nik not in response.content.decode()


@pytest.mark.django_db
def test_the_admin_login_page_sends_everyone_to_the_sign_in_with_its_second_factor(client):
    response = client.get("/admin/login/?next=/admin/registry/person/")
    assert response.status_code == 302
    assert response["Location"] == "/akun/login/?next=/admin/registry/person/"


@pytest.mark.django_db
def test_a_superuser_signed_in_with_password_alone_is_sent_to_the_second_factor_step(client):
    _password_only_session(client, _superuser())
    response = client.get("/admin/registry/person/")
    assert response.status_code == 302
    assert response["Location"] == "/akun/2fa/reauthenticate/?next=/admin/registry/person/"


@pytest.mark.django_db
def test_the_second_factor_step_lets_a_password_only_session_in(client):
    officer = make_staff(Role.DPP_OFFICER)
    _password_only_session(client, officer)
    assert client.get("/akun/2fa/reauthenticate/?next=/staf/").status_code == 200
    response = client.post("/akun/2fa/reauthenticate/?next=/staf/", {"code": current_totp_code()})
    assert response.status_code == 302
    assert client.get("/staf/").status_code == 200


@pytest.mark.django_db
def test_the_api_answers_a_password_only_staff_session_with_json_and_no_data(client):
    member = _member()
    _password_only_session(client, make_staff(Role.DPP_OFFICER))
    for path in ("/api/v1/registry/members", f"/api/v1/registry/members/{member.number}"):
        response = client.get(path)
        assert response.status_code in (401, 403), path
        assert response["Content-Type"].startswith("application/json")
        assert member.person.nik not in response.content.decode()
        assert "detail" in response.json()


@pytest.mark.django_db
def test_the_api_answers_staff_without_an_authenticator_with_json(client):
    client.force_login(make_staff(Role.DPP_OFFICER, totp=False))
    response = client.get("/api/v1/registry/members")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.django_db
def test_a_password_only_session_cannot_switch_the_second_factor_off(client):
    officer = make_staff(Role.DPP_OFFICER)
    _password_only_session(client, officer)
    for page in ("/akun/2fa/totp/deactivate/", "/akun/2fa/recovery-codes/generate/", "/akun/email/", "/akun/password/change/"):
        response = client.get(page)
        assert response.status_code == 302, page
        assert response["Location"].startswith("/akun/2fa/reauthenticate/"), page
    response = client.post("/akun/2fa/totp/deactivate/")
    assert response["Location"].startswith("/akun/2fa/reauthenticate/")
    from allauth.mfa.models import Authenticator

    assert Authenticator.objects.filter(user=officer, type=Authenticator.Type.TOTP).exists()


@pytest.mark.django_db
def test_a_password_only_session_may_still_sign_out(client):
    _password_only_session(client, make_staff(Role.DPP_OFFICER))
    client.post("/akun/logout/")
    assert client.get("/staf/")["Location"].startswith("/akun/login/")


@pytest.mark.django_db
def test_staff_who_passed_the_second_factor_reach_the_admin_and_api(client):
    admin = _superuser()
    sign_in_with_second_factor(client, admin)
    assert client.get("/admin/").status_code == 200
    officer = make_staff(Role.DPP_OFFICER)
    sign_in_with_second_factor(client, officer)
    assert client.get("/api/v1/registry/members").status_code == 200


@pytest.mark.django_db
def test_a_social_worker_without_a_second_factor_is_not_held_back(client):
    client.force_login(UserFactory())
    assert client.get("/staf/").status_code == 200
    assert client.get("/api/v1/registry/me").status_code != 403


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.DPD_OFFICER, None], ids=["dpd-officer", "social-worker"])
def test_a_signed_in_user_without_admin_rights_opening_the_admin_is_refused_without_a_redirect_loop(client, role):
    user = make_staff(role, province=Province.objects.get(code="32")) if role else UserFactory()
    sign_in_with_second_factor(client, user)
    response = client.get("/admin/registry/person/", follow=True)
    assert response.status_code == 403
    assert response.redirect_chain[-1][0].startswith("/admin/login/")
