"""Practice periods are merged once (core.dates.merge_periods): the work experience a DPD officer
reads on a membership application and the practice time the eligibility engine counts come from
the same merged periods."""

import datetime

import pytest

from certification import eligibility
from core.dates import merge_periods
from registry import selectors
from registry.tests.factories import ExperienceFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_merging_drops_later_periods_clips_to_the_day_and_joins_overlapping_and_touching_ones():
    on = datetime.date(2024, 6, 30)
    periods = [
        (datetime.date(2020, 1, 1), datetime.date(2020, 12, 31), True),
        (datetime.date(2020, 7, 1), datetime.date(2021, 6, 30), False),  # overlaps the first
        (datetime.date(2021, 7, 1), datetime.date(2021, 12, 31), True),  # starts the day after
        (datetime.date(2023, 1, 1), None, True),  # ongoing
        (datetime.date(2025, 1, 1), None, True),  # starts after the day
    ]
    assert merge_periods(periods, on) == [
        (datetime.date(2020, 1, 1), datetime.date(2022, 1, 1), False),
        (datetime.date(2023, 1, 1), datetime.date(2024, 7, 1), True),
    ]


def test_the_experience_on_an_application_is_the_practice_time_the_engine_counts():
    today = datetime.date.today()
    person = PersonFactory()
    for start, end in (
        (datetime.date(2015, 1, 1), datetime.date(2016, 12, 31)),
        (datetime.date(2016, 1, 1), datetime.date(2017, 6, 30)),
        (datetime.date(2017, 7, 1), datetime.date(2018, 3, 31)),
        (today - datetime.timedelta(days=400), today + datetime.timedelta(days=3000)),  # contract ends in the future
    ):
        ExperienceFactory(person=person, started_on=start, ended_on=end)

    merged = eligibility.merge_periods(eligibility.input_from_person(person, today).practice_periods, today)
    days = sum((end - start).days for start, end, _evidenced in merged)
    assert days == (datetime.date(2018, 4, 1) - datetime.date(2015, 1, 1)).days + 401
    assert selectors.experience_years(person) == round(days / 365.25, 1)
