"""Accreditation certificate numbers have one format (accreditation.models.ACCREDITATION_NUMBER):
the Minister's determination and the synthetic data write them with the same formatter."""

import datetime

import pytest
from django.core.management import call_command

from accreditation.models import ACCREDITATION_NUMBER, Accreditation

pytestmark = pytest.mark.django_db


def test_synthetic_accreditations_are_numbered_by_the_one_format(monkeypatch):
    monkeypatch.setattr(ACCREDITATION_NUMBER, "number_template", "TEST/{grade}/{year}/{serial}")
    call_command("generate_synthetic", members=0, lks=40, seed=2, only="accreditation", verbosity=0)
    numbers = list(Accreditation.objects.exclude(certificate_number=None).values_list("certificate_number", flat=True))
    assert numbers and all(number.startswith("TEST/") for number in numbers)


def test_a_determined_accreditation_is_numbered_by_the_one_format(monkeypatch, world):
    from accreditation import services
    from accreditation.tests.test_accreditation_journey import scored

    monkeypatch.setattr(ACCREDITATION_NUMBER, "number_template", "TEST/{grade}/{year}/{serial}")
    application = scored(world)
    services.validate_result(actor=world["balks"], application=application, version=application.version)
    batch = services.send_to_minister(actor=world["balks"], applications=[application])
    [accreditation] = services.determine(
        actor=world["ministry"], batch=batch, decree_number="123/HUK/2026", decree_date=datetime.date(2026, 11, 1)
    )
    assert accreditation.certificate_number == "TEST/B/2026/1"
