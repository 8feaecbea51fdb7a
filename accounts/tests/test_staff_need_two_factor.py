import pytest

from accounts.roles import Role
from accounts.tests.factories import UserFactory, make_staff, sign_in_with_second_factor


@pytest.mark.django_db
def test_staff_without_an_authenticator_are_sent_to_set_one_up(client):
    officer = make_staff(Role.DPP_OFFICER, totp=False)
    client.force_login(officer)
    response = client.get("/staf/")
    assert response.status_code == 302
    assert response["Location"] == "/akun/2fa/totp/activate/"


@pytest.mark.django_db
def test_staff_with_an_authenticator_reach_their_workspace(client):
    officer = make_staff(Role.DPP_OFFICER)
    sign_in_with_second_factor(client, officer)
    assert client.get("/staf/").status_code == 200


@pytest.mark.django_db
def test_a_social_worker_needs_no_second_factor(client):
    client.force_login(UserFactory())
    assert client.get("/staf/").status_code == 200


@pytest.mark.django_db
def test_signing_in_as_staff_asks_for_the_code_before_letting_in(client):
    from accounts.tests.factories import PASSWORD, current_totp_code

    officer = make_staff(Role.DPP_OFFICER)
    response = client.post("/akun/login/", {"login": officer.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/akun/2fa/authenticate/"
    assert client.get("/staf/").status_code == 302  # not signed in yet
    response = client.post("/akun/2fa/authenticate/", {"code": current_totp_code()})
    assert response.status_code == 302
    assert client.get("/staf/").status_code == 200


@pytest.mark.django_db
def test_staff_pages_under_the_account_path_also_need_the_second_factor(client):
    dpo = make_staff(Role.DATA_PROTECTION_OFFICER, totp=False)
    client.force_login(dpo)
    response = client.get("/akun/pdp/permintaan/")
    assert response.status_code == 302
    assert response["Location"] == "/akun/2fa/totp/activate/"
    # The set-up page itself stays reachable (allauth may first ask to confirm the password).
    setup = client.get("/akun/2fa/totp/activate/")
    assert setup.status_code == 200 or setup["Location"].startswith("/akun/reauthenticate/")


def _sign_in_with_code_of_step(client, officer, steps_from_now: int):
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    from accounts.tests.factories import PASSWORD, TOTP_SECRET

    client.post("/akun/login/", {"login": officer.email, "password": PASSWORD})
    code = format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // 30 + steps_from_now))
    client.post("/akun/2fa/authenticate/", {"code": code})
    return client.get("/staf/").status_code


@pytest.mark.django_db
def test_a_code_that_ended_one_step_ago_still_lets_staff_in(client):
    assert _sign_in_with_code_of_step(client, make_staff(Role.DPP_OFFICER), -1) == 200


@pytest.mark.django_db
def test_a_code_from_two_steps_ago_is_refused(client):
    assert _sign_in_with_code_of_step(client, make_staff(Role.DPP_OFFICER), -2) == 302
