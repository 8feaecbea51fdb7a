import pytest


@pytest.fixture
def dpp():
    from accounts.roles import Role
    from accounts.tests.factories import make_staff

    return make_staff(Role.DPP_OFFICER)


@pytest.fixture
def signed_in(client):
    """The test client signed in as `user`, with the second factor staff pages ask for."""
    from accounts.tests.factories import sign_in_with_second_factor

    def sign_in(user):
        return sign_in_with_second_factor(client, user)

    return sign_in
