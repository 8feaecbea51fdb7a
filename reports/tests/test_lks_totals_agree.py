"""The LKS breakdowns count every LKS once: by grade and by province they sum to the same totals,
an accreditation whose validity has not begun is not (yet) counted as accredited, and an LKS
that names no target group is counted in an explicit row instead of dropped."""

import datetime

import pytest

from accreditation.tests.factories import LKSFactory
from regions.models import Regency
from reports import queries
from reports.tests.test_lks_figures import NATIONAL, accreditation

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 25)


@pytest.fixture
def institutions():
    bandung, surabaya = Regency.objects.get(code="32.73"), Regency.objects.get(code="35.78")
    accreditation(LKSFactory(name="LKS A", regency=bandung), "A", datetime.date(2029, 6, 30))
    accreditation(LKSFactory(name="LKS B", regency=surabaya, groups=["lansia"]), "B", datetime.date(2028, 6, 30))
    future = accreditation(LKSFactory(name="LKS Decree Next Year", regency=surabaya), "A", datetime.date(2030, 1, 31))
    future.valid_from = TODAY + datetime.timedelta(days=40)  # decided, not in force yet: "belum berlaku"
    future.save()
    LKSFactory(name="LKS Never Accredited", regency=bandung)
    LKSFactory(name="LKS Without Target Group", regency=surabaya).target_groups.clear()


def rows(table):
    return {row[0]: row[1:] for row in table.rows}


def test_every_lks_breakdown_sums_to_the_register_and_a_decision_not_yet_in_force_is_not_counted(institutions):
    current = queries.current_accreditations(NATIONAL, TODAY)
    by_grade = rows(queries.lks_by_grade(NATIONAL, TODAY, current))
    by_province = rows(queries.lks_by_province(NATIONAL, TODAY, current))
    assert sum(n for (n,) in by_grade.values()) == sum(registered for registered, _a in by_province.values()) == 5
    accredited = by_grade["Peringkat A"][0] + by_grade["Peringkat B"][0] + by_grade["Peringkat C"][0]
    assert accredited == sum(a for _registered, a in by_province.values()) == 2
    assert by_province["Jawa Timur"] == [3, 1]  # the decree that is not yet in force does not count


def test_an_lks_without_a_target_group_is_counted_in_its_own_row():
    LKSFactory(name="LKS Anak", regency=Regency.objects.get(code="32.73"))
    LKSFactory(name="LKS Tanpa Sasaran", regency=Regency.objects.get(code="32.73")).target_groups.clear()
    table = rows(queries.lks_by_target_group(NATIONAL))
    assert table["tanpa kelompok sasaran"] == [1]
    assert sum(n for (n,) in table.values()) == 2  # each names one group or none
