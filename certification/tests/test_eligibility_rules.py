import datetime

import pytest

from certification import eligibility as e
from certification.models import EligibilityRuleSet
from core.errors import DomainError

pytestmark = pytest.mark.django_db

D = datetime.date
IN_2010 = D(2010, 6, 1)
IN_2024 = D(2024, 6, 1)


def declared(level="S1", field="kesejahteraan_sosial", months=30, training=64, on=IN_2010, practice_hours=None):
    return e.EligibilityInput(
        on=on,
        educations=[e.EducationEntry(level, field)],
        practice_months=months,
        training_hours=training,
        practice_hours=practice_hours,
    )


def by_code(result):
    return {c.code: c for c in result.criteria}


def rule_set(code):
    return EligibilityRuleSet.objects.prefetch_related("criteria").get(code=code)


def test_the_seeds_rule_is_applied_to_a_date_in_2010_and_passes_with_all_three_requirements():
    answer = e.evaluate(declared())
    assert answer.chosen.code == "permensos-108-huk-2009"
    assert answer.eligible
    assert [c.outcome for c in answer.chosen.criteria] == [e.Outcome.MET] * 3
    assert "108/HUK/2009" in answer.chosen.criteria[0].source


@pytest.mark.parametrize(("hours", "met"), [(59, False), (60, True)])
def test_sixty_training_hours_is_the_boundary_of_the_2009_rule(hours, met):
    result = e.evaluate_rule_set(rule_set("permensos-108-huk-2009"), declared(training=hours))
    assert by_code(result)["pelatihan"].met is met
    assert result.eligible is met


def test_the_explanation_says_how_many_training_hours_are_missing():
    criterion = by_code(e.evaluate(declared(training=59)).chosen)["pelatihan"]
    assert criterion.outcome == e.Outcome.NOT_MET
    assert criterion.required_value == 60 and criterion.actual_value == 59
    assert "1" in criterion.explanation


@pytest.mark.parametrize(("months", "met"), [(23, False), (24, True)])
def test_two_years_of_practice_is_the_boundary_of_the_2009_rule(months, met):
    result = e.evaluate_rule_set(rule_set("permensos-108-huk-2009"), declared(months=months))
    assert by_code(result)["praktik"].met is met


@pytest.mark.parametrize(("level", "met"), [("D3", False), ("D4", True), ("S1", True), ("SMA", False)])
def test_a_d3_does_not_meet_the_degree_requirement_but_a_d4_does(level, met):
    result = e.evaluate_rule_set(rule_set("permensos-108-huk-2009"), declared(level=level))
    assert by_code(result)["pendidikan"].met is met


def test_a_degree_in_another_field_does_not_count():
    criterion = by_code(e.evaluate(declared(field="lainnya")).chosen)["pendidikan"]
    assert criterion.outcome == e.Outcome.NOT_MET
    assert "S1" in criterion.actual


def test_dated_periods_that_overlap_are_counted_once():
    periods = [
        e.PracticePeriod(D(2007, 1, 1), D(2007, 12, 31)),
        e.PracticePeriod(D(2007, 6, 1), D(2008, 6, 30)),  # overlaps the first by 7 months
    ]
    months, evidenced = e.practice_months(periods, IN_2010)
    assert months == 18 and evidenced
    inp = e.EligibilityInput(
        on=IN_2010, educations=[e.EducationEntry("S1", "pekerjaan_sosial")], practice_periods=periods, training_hours=80
    )
    assert by_code(e.evaluate_rule_set(rule_set("permensos-108-huk-2009"), inp))["praktik"].outcome == e.Outcome.NOT_MET


def test_two_full_calendar_years_of_dated_practice_are_twenty_four_months_and_one_day_less_is_not():
    assert e.practice_months([e.PracticePeriod(D(2008, 1, 1), D(2009, 12, 31))], IN_2010)[0] == 24
    assert e.practice_months([e.PracticePeriod(D(2008, 1, 1), D(2009, 12, 30))], IN_2010)[0] == 23


def test_ongoing_practice_counts_up_to_the_date_of_judgement_and_later_periods_do_not_count():
    periods = [e.PracticePeriod(D(2009, 6, 1), None), e.PracticePeriod(D(2011, 1, 1), D(2012, 1, 1))]
    assert e.practice_months(periods, D(2010, 5, 31))[0] == 12


def test_separate_periods_add_their_leftover_days_and_31_of_them_make_a_month():
    periods = [e.PracticePeriod(D(2008, 1, 1), D(2008, 1, 16)), e.PracticePeriod(D(2008, 3, 1), D(2008, 3, 15))]
    assert e.practice_months(periods, IN_2010)[0] == 1


def test_after_2019_the_later_routes_apply_and_the_2009_rule_is_refused():
    answer = e.evaluate(declared(on=IN_2024, months=36))
    assert {r.code for r in answer.results} == {"jalur-pendidikan-2019", "jalur-praktisi-2019"}
    assert answer.eligible
    with pytest.raises(DomainError, match="tidak berlaku"):
        e.evaluate_rule_set(rule_set("permensos-108-huk-2009"), declared(on=IN_2024))


@pytest.mark.parametrize(("hours", "met"), [(899, False), (900, True)])
def test_the_education_route_needs_900_practice_hours(hours, met):
    result = e.evaluate_rule_set(rule_set("jalur-pendidikan-2019"), declared(on=IN_2024, months=0, practice_hours=hours))
    assert by_code(result)["jam-praktik"].met is met


@pytest.mark.parametrize(("hours", "met"), [(1343, False), (1344, True)])
def test_the_practitioner_route_needs_1344_practice_hours(hours, met):
    result = e.evaluate_rule_set(rule_set("jalur-praktisi-2019"), declared(on=IN_2024, months=0, practice_hours=hours))
    assert by_code(result)["jam-praktik"].met is met


def test_practice_hours_are_estimated_from_months_when_not_logged_and_the_answer_says_so():
    met = by_code(e.evaluate_rule_set(rule_set("jalur-pendidikan-2019"), declared(on=IN_2024, months=20)))["jam-praktik"]
    short = by_code(e.evaluate_rule_set(rule_set("jalur-pendidikan-2019"), declared(on=IN_2024, months=19)))["jam-praktik"]
    assert met.met and met.actual_value == 900
    assert not short.met and short.actual_value == 855
    assert "45" in short.actual


def test_one_year_of_practice_today_is_told_exactly_why_not():
    answer = e.evaluate(declared(on=IN_2024, months=12))
    assert not answer.eligible
    failed = answer.chosen.failed
    assert [c.code for c in failed] == ["jam-praktik"]
    assert "900" in failed[0].explanation and "540" in failed[0].explanation


def test_a_tksk_with_a_d3_and_five_years_is_not_eligible_and_is_a_tenaga_kesejahteraan_sosial():
    inp = declared(level="D3", field="lainnya", months=60, training=200, on=IN_2024)
    answer = e.evaluate(inp)
    assert not answer.eligible
    assert all(c.code == "pendidikan" for c in answer.chosen.failed)
    category = e.workforce_category(inp, answer)
    assert category.category == e.WorkforceCategory.TKS


def test_someone_with_little_experience_is_a_relawan_sosial_and_a_graduate_who_qualifies_a_professional():
    assert (
        e.workforce_category(declared(level="SMA", field="lainnya", months=6, training=10, on=IN_2024)).category
        == e.WorkforceCategory.RELAWAN
    )
    assert e.workforce_category(declared(on=IN_2024, months=36)).category == e.WorkforceCategory.PEKSOS


def test_records_without_documents_need_evidence_rather_than_being_met():
    inp = e.EligibilityInput(
        on=IN_2010,
        educations=[e.EducationEntry("S1", "pekerjaan_sosial", 2005, evidenced=False)],
        practice_periods=[e.PracticePeriod(D(2006, 1, 1), D(2009, 12, 31), evidenced=False)],
        training_hours=64,
        training_hours_evidenced=20,
    )
    result = e.evaluate(inp).chosen
    assert result.outcome == e.Outcome.NEEDS_EVIDENCE
    assert {c.outcome for c in result.criteria} == {e.Outcome.NEEDS_EVIDENCE}
    assert not result.eligible


def test_education_finished_after_the_date_of_judgement_does_not_count():
    inp = e.EligibilityInput(
        on=IN_2010, educations=[e.EducationEntry("S1", "pekerjaan_sosial", 2012)], practice_months=30, training_hours=64
    )
    assert by_code(e.evaluate(inp).chosen)["pendidikan"].outcome == e.Outcome.NOT_MET


def test_a_date_before_any_rule_was_in_force_is_refused_with_a_clear_message():
    with pytest.raises(DomainError, match="2009-01-01"):
        e.evaluate(declared(on=D(2005, 1, 1)))


def test_a_changed_regulation_is_new_data_not_new_code():
    EligibilityRuleSet.objects.filter(code="jalur-praktisi-2019").update(valid_until=D(2024, 12, 31))
    new = EligibilityRuleSet.objects.create(
        code="jalur-praktisi-2025", name="Praktisi 2025", valid_from=D(2025, 1, 1), source="Permensos X/2025"
    )
    new.criteria.create(code="jam", kind="practice_hours", minimum=2000, hours_per_month=45)
    codes = {r.code for r in e.evaluate(declared(on=D(2025, 6, 1), months=36)).results}
    assert codes == {"jalur-pendidikan-2019", "jalur-praktisi-2025"}


@pytest.mark.parametrize(
    ("months", "training", "category"),
    [(36, 160, e.WorkforceCategory.TKS), (35, 160, e.WorkforceCategory.RELAWAN), (36, 159, e.WorkforceCategory.RELAWAN)],
)
def test_the_tks_rule_needs_three_years_and_160_hours_of_training(months, training, category):
    inp = declared(level="D3", field="lainnya", months=months, training=training, on=IN_2024)
    assert e.workforce_category(inp).category == category
