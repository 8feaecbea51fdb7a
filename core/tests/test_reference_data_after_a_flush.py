"""A transactional test starts from a flushed database once another one ran before it: the
reference data it puts back (core.testing.reference_data) include the renewal checklists' items,
the CPD rules and the ethics council's periods, so a renewal read in a later browser journey
finds the rules in force that the data migrations load (without them every card read "renewal
requirements not set")."""

import pytest
from django.core.management import call_command

from core.dates import register_day
from core.renewals import requirements_in_force
from core.testing import reference_data

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_renewal_cpd_and_ethics_rules_are_back_after_a_flush():
    from ethics.models import AppealPeriod, PublicationRule
    from registry.models import CpdCreditRate, CpdRequirement

    call_command("flush", interactive=False, verbosity=0)
    reference_data.restore()
    reference_data.restore()  # a second restore adds nothing

    today = register_day()
    assert set(requirements_in_force("member_card", today)) == {"membership_active", "dues_paid"}
    assert {"certificate_valid", "dues_paid", "cpd_credits", "health_statement", "statements"} <= set(
        requirements_in_force("str", today)
    )
    assert set(requirements_in_force("licence", today)) == {"certificate_valid", "str_valid"}
    assert requirements_in_force("certificate", today)
    assert CpdRequirement.objects.in_force(today).count() == 1
    assert CpdCreditRate.objects.filter(category="training").count() == 1
    assert AppealPeriod.objects.in_force(today).count() == 1
    assert PublicationRule.objects.in_force(today).filter(kind="suspension", shown_publicly=True).count() == 1
