"""Education levels, fields of study and workforce categories are defined once (core.vocabulary):
every form, model field, rule and API schema that offers them offers exactly those values."""

import pytest

from accreditation.models import BalksAssessor, BoardMember
from certification import eligibility
from certification.forms import SelfCheckForm
from certification.public_api import CategoryOut, EligibilityRequest
from core import vocabulary
from core.vocabulary import EducationLevel, StudyField, WorkforceCategory
from registry.forms import EducationForm, MemberFilterForm, PersonForm
from registry.models import Education, Person


def offered(field) -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in field.choices if value != ""]


def vocabulary_of(choices) -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in choices.choices]


def test_every_education_level_offered_is_the_vocabulary_with_its_labels():
    levels = vocabulary_of(EducationLevel)
    assert offered(Education._meta.get_field("level")) == levels
    assert offered(EducationForm().fields["level"]) == levels
    assert offered(MemberFilterForm().fields["education"]) == levels
    assert offered(SelfCheckForm().fields["education_level"]) == levels
    assert offered(BoardMember._meta.get_field("education")) == levels
    assert list(eligibility.LEVELS) == [value for value, _label in levels]
    assert EligibilityRequest.model_json_schema()["properties"]["education_level"]["enum"] == list(eligibility.LEVELS)


def test_a_balks_assessor_is_offered_a_part_of_the_same_levels_with_the_same_labels():
    assert offered(BalksAssessor._meta.get_field("education")) == [
        (value, str(label)) for value, label in EducationLevel.choices if value in ("S1", "S2", "S3")
    ]


def test_every_field_of_study_offered_is_the_vocabulary_with_its_labels():
    fields = vocabulary_of(StudyField)
    assert offered(Education._meta.get_field("study_field")) == fields
    assert offered(EducationForm().fields["study_field"]) == fields
    assert offered(SelfCheckForm().fields["study_field"]) == fields
    assert list(eligibility.FIELDS) == [value for value, _label in fields]
    assert EligibilityRequest.model_json_schema()["properties"]["study_field"]["enum"] == list(eligibility.FIELDS)


def test_every_workforce_category_offered_is_the_vocabulary_and_the_self_check_answers_from_it():
    categories = vocabulary_of(WorkforceCategory)
    assert offered(Person._meta.get_field("workforce_category")) == categories
    assert offered(PersonForm().fields["workforce_category"]) == categories
    assert eligibility.WorkforceCategory is WorkforceCategory
    assert CategoryOut.model_json_schema()["properties"]["code"]["enum"] == [c.value for c in vocabulary.SELF_CHECK_CATEGORIES]
    assert set(vocabulary.SELF_CHECK_CATEGORIES) < set(WorkforceCategory)


@pytest.mark.parametrize(
    ("level", "minimum", "expected"),
    [
        ("S2", "S2", True),
        ("S3", "S2", True),
        ("S1", "S2", False),
        ("D4", "S1", True),
        ("profesi", "S1", True),
        ("profesi", "S2", False),  # Pendidikan Profesi follows the sarjana; it is not a master's degree
        ("SMA", "D3", False),
        ("MBA", "SMA", False),  # outside the vocabulary: never enough
    ],
)
def test_education_is_compared_on_the_qualifications_framework(level, minimum, expected):
    assert vocabulary.at_least(level, minimum) is expected


def test_every_level_has_a_rank_so_no_level_is_ranked_below_everything():
    assert set(vocabulary.KKNI_LEVEL) == set(EducationLevel)
