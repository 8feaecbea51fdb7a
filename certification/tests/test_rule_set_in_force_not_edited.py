import datetime

import pytest

from certification.models import EligibilityRuleSet
from core.dates import register_day
from core.errors import DomainError

pytestmark = pytest.mark.django_db


def _in_force():
    return EligibilityRuleSet.objects.in_force(register_day()).filter(certificate_validity_months__isnull=False).first() or (
        EligibilityRuleSet.objects.in_force(register_day()).first()
    )


def test_the_certificate_validity_of_a_rule_set_in_force_is_not_edited():
    rule_set = _in_force()
    before = rule_set.certificate_validity_months
    rule_set.certificate_validity_months = (before or 0) + 12
    with pytest.raises(DomainError):
        rule_set.save()
    rule_set.refresh_from_db()
    assert rule_set.certificate_validity_months == before


def test_the_admin_form_shows_the_refusal_instead_of_saving():
    rule_set = _in_force()
    rule_set.valid_until = register_day() - datetime.timedelta(days=30)
    with pytest.raises(Exception) as refused:
        rule_set.full_clean()
    assert "hanya dapat diakhiri" in str(refused.value) or "only be closed" in str(refused.value)


def test_a_rule_set_in_force_may_still_be_closed_for_a_successor():
    rule_set = _in_force()
    rule_set.valid_until = register_day() + datetime.timedelta(days=30)
    rule_set.save()
    rule_set.refresh_from_db()
    assert rule_set.valid_until == register_day() + datetime.timedelta(days=30)
