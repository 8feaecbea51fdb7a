import datetime

import pytest

from core import renewals
from core.models import RenewalRequirement

pytestmark = pytest.mark.django_db

DAY = datetime.date(2030, 6, 1)


def _answer(done, detail=""):
    return lambda holder, day: (done, detail)


def test_the_checklist_answers_the_requirements_in_force_on_the_day_with_the_owners_checks():
    RenewalRequirement.objects.create(kind="test_kind", code="a", valid_from=datetime.date(2020, 1, 1), source="DPP")
    RenewalRequirement.objects.create(
        kind="test_kind", code="b", valid_from=datetime.date(2031, 1, 1), source="DPP, from 2031"
    )  # not yet in force
    checks = {"a": renewals.Check("Item A", _answer(True)), "b": renewals.Check("Item B", _answer(False, "missing"))}
    checklist = renewals.checklist("test_kind", holder=None, day=DAY, checks=checks)
    assert [(i.code, i.done) for i in checklist.items] == [("a", True)]
    assert checklist.complete
    later = renewals.checklist("test_kind", holder=None, day=datetime.date(2031, 2, 1), checks=checks)
    assert not later.complete and later.missing_text() == "Item B: missing"


def test_a_requirement_without_a_check_and_a_kind_without_requirements_are_never_passed():
    RenewalRequirement.objects.create(kind="test_kind", code="unknown", valid_from=datetime.date(2020, 1, 1), source="DPP")
    unchecked = renewals.checklist("test_kind", holder=None, day=DAY, checks={})
    assert not unchecked.complete and unchecked.missing[0].code == "unknown"
    nothing = renewals.checklist("no_such_kind", holder=None, day=DAY, checks={})
    assert not nothing.complete and nothing.missing[0].code == "requirements"


def test_the_window_opens_ninety_days_before_the_end_and_stays_open_after_it():
    end = datetime.date(2030, 12, 31)
    assert renewals.window_opens_on(end) == datetime.date(2030, 10, 2)
    assert not renewals.window_open(end, datetime.date(2030, 10, 1))
    assert renewals.window_open(end, datetime.date(2030, 10, 2))
    assert renewals.window_open(end, datetime.date(2031, 1, 5))
    assert not renewals.window_open(None, DAY)


def test_the_seeded_requirements_of_the_member_card_and_the_str_name_their_source():
    card = renewals.requirements_in_force("member_card", DAY)
    assert card == ["membership_active", "dues_paid"]
    assert set(renewals.requirements_in_force("str", DAY)) == {
        "certificate_valid",
        "dues_paid",
        "cpd_credits",
        "health_statement",
        "statements",
    }
    assert all(r.source for r in RenewalRequirement.objects.all())
    cpd = RenewalRequirement.objects.get(kind="str", code="cpd_credits")
    assert "Ditetapkan DPP" in cpd.source
