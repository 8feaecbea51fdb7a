import datetime

import pytest

from core.dates import register_day
from core.errors import DomainError
from registry.models import CardValidity

pytestmark = pytest.mark.django_db


def test_a_card_validity_in_force_cannot_be_changed():
    version = CardValidity.objects.get()
    version.years = 2
    with pytest.raises(DomainError):
        version.save()
    version.refresh_from_db()
    assert version.years == 5


def test_a_card_validity_in_force_cannot_be_moved_or_closed_in_the_past():
    version = CardValidity.objects.get()
    version.valid_from = datetime.date(2000, 1, 1)
    with pytest.raises(DomainError):
        version.save()
    version.refresh_from_db()
    version.valid_until = register_day() - datetime.timedelta(days=5)
    with pytest.raises(DomainError):
        version.save()
    version.refresh_from_db()
    assert version.valid_from == datetime.date(1990, 1, 1) and version.valid_until is None


def test_a_card_validity_in_force_can_be_closed_from_yesterday_on():
    version = CardValidity.objects.get()
    version.valid_until = register_day() - datetime.timedelta(days=1)
    version.save()
    version.refresh_from_db()
    assert version.valid_until == register_day() - datetime.timedelta(days=1)


def test_a_version_not_yet_in_force_can_still_be_corrected():
    later = CardValidity.objects.create(valid_from=register_day() + datetime.timedelta(days=60), years=3, source="SK")
    later.years = 4
    later.save()
    later.refresh_from_db()
    assert later.years == 4
