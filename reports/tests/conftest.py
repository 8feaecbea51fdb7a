import pytest

from accounts.roles import Role
from accounts.tests.factories import make_staff
from regions.models import Province


@pytest.fixture
def officers():
    return {
        "dpp": make_staff(Role.DPP_OFFICER),
        "jabar": make_staff(Role.DPD_OFFICER, province=Province.objects.get(code="32")),
        "jatim": make_staff(Role.DPD_OFFICER, province=Province.objects.get(code="35")),
    }
