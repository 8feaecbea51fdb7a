import pytest


@pytest.fixture
def jabar():
    from regions.models import Province

    return Province.objects.get(code="32")


@pytest.fixture
def jatim():
    from regions.models import Province

    return Province.objects.get(code="35")


@pytest.fixture
def dpd_jabar(jabar):
    from accounts.roles import Role
    from accounts.tests.factories import make_staff

    return make_staff(Role.DPD_OFFICER, province=jabar)


@pytest.fixture
def dpd_jatim(jatim):
    from accounts.roles import Role
    from accounts.tests.factories import make_staff

    return make_staff(Role.DPD_OFFICER, province=jatim)


@pytest.fixture
def dpp():
    from accounts.roles import Role
    from accounts.tests.factories import make_staff

    return make_staff(Role.DPP_OFFICER)


@pytest.fixture
def reference_data(transactional_db):
    """Transactional tests start from a flushed database once another one ran before them;
    put the areas and fee schedules of the data migrations back when they are missing."""
    from importlib import import_module

    from django.apps import apps

    from regions.models import Province
    from registry.models import CardValidity, FeeSchedule

    if not Province.objects.exists():
        import_module("regions.migrations.0002_load_areas").load(apps, None)
    if not FeeSchedule.objects.exists():
        import_module("registry.migrations.0002_fee_schedules").forwards(apps, None)
    if not CardValidity.objects.exists():
        import_module("registry.migrations.0013_card_validity").seed_card_validity(apps, None)
