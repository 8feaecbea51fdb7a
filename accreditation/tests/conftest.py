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


@pytest.fixture
def reference_data(transactional_db):
    """Transactional tests start from a flushed database once another one ran before them: put
    the areas, the instrument and the target groups of the data migrations back when missing
    (with the models as the migrations see them, so a published instrument's guard stays out)."""
    from importlib import import_module

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    from accreditation.models import Instrument

    historical = MigrationLoader(connection, ignore_no_migrations=True).project_state().apps
    if not Regency.objects.exists():
        import_module("regions.migrations.0002_load_areas").load(historical, None)
    if not Instrument.objects.exists():
        import_module("accreditation.migrations.0002_reference_data").load(historical, None)
