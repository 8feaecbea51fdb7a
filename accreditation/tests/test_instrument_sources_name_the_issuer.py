import pytest

from accreditation.models import Instrument

pytestmark = pytest.mark.django_db


def test_grade_thresholds_are_labelled_as_set_by_balks_with_the_date():
    sources = dict(Instrument.objects.values_list("version", "source"))
    assert "ambang nilai: ditetapkan oleh BALKS sejak 1 Juli 2025" in sources["2025.1"]
    assert "ambang nilai: ditetapkan oleh BALKS sejak 12 Oktober 2012" in sources["2012.1"]
    assert not any("Peksos" in s for s in sources.values())
