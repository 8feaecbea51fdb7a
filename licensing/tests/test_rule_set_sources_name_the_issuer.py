import pytest

from licensing.models import LicensingRuleSet

pytestmark = pytest.mark.django_db


def test_the_current_rule_set_says_who_set_the_validity_and_since_when():
    current = LicensingRuleSet.objects.get(valid_until__isnull=True)
    assert "ditetapkan oleh DPP IPSPI (STR) dan kabupaten/kota (SIPPS) sejak 3 September 2019" in current.source
    for rule_set in LicensingRuleSet.objects.all():
        assert "Peksos" not in rule_set.source and "pengaturan penerbit" not in rule_set.source
