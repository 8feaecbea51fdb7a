import pytest


@pytest.fixture
def dpp():
    from accounts.roles import Role
    from accounts.tests.factories import make_staff

    return make_staff(Role.DPP_OFFICER)


@pytest.fixture
def dpd_jabar():
    from accounts.roles import Role
    from accounts.tests.factories import make_staff
    from regions.models import Province

    return make_staff(Role.DPD_OFFICER, province=Province.objects.get(code="32"))


@pytest.fixture
def dpd_jatim():
    from accounts.roles import Role
    from accounts.tests.factories import make_staff
    from regions.models import Province

    return make_staff(Role.DPD_OFFICER, province=Province.objects.get(code="35"))
