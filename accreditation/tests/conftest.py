import pytest

from accounts.roles import Role
from accounts.tests.factories import make_staff
from accreditation.tests.factories import LKSFactory, assessor
from regions.models import Regency


@pytest.fixture
def world(db):
    lks = LKSFactory(name="LKS Anak Harapan Bangsa")
    return {
        "lks": lks,
        "operator": make_staff(Role.LKS_OPERATOR, organisation=lks, totp=False),
        "dinsos": make_staff(Role.DINSOS_OFFICER, regency=Regency.objects.get(code="32.73")),
        "dinsos_kab": make_staff(Role.DINSOS_OFFICER, regency=Regency.objects.get(code="32.04")),
        "balks": make_staff(Role.BALKS_OFFICER),
        "ministry": make_staff(Role.MINISTRY_OFFICER),
        "a1": assessor("Asesor Satu", regency_code="31.71"),
        "a2": assessor("Asesor Dua", regency_code="33.74"),
    }
