"""A validity of whole years or months ends the day before the same calendar day later; where that
day does not exist (29 February in a common year, a 31st) it runs to the end of the month."""

import datetime

import pytest

from certification.models import EligibilityRuleSet
from core.dates import period_end
from registry.models import CardValidity
from registry.services import card_valid_until

D = datetime.date


@pytest.mark.parametrize(
    ("start", "years", "months", "end"),
    [
        (D(2026, 3, 15), 5, 0, D(2031, 3, 14)),
        (D(2026, 1, 1), 1, 0, D(2026, 12, 31)),  # across a year end
        (D(2028, 2, 29), 5, 0, D(2033, 2, 28)),  # from a leap day into a common year: not the 27th
        (D(2028, 2, 29), 4, 0, D(2032, 2, 28)),  # into a leap year: the day before 29 February
        (D(2027, 3, 1), 1, 0, D(2028, 2, 29)),  # ends on a leap day
        (D(2026, 1, 31), 0, 1, D(2026, 2, 28)),  # a month from the 31st: the end of February
        (D(2028, 2, 29), 0, 36, D(2031, 2, 28)),
    ],
)
def test_a_period_ends_on_the_last_day_it_covers(start, years, months, end):
    assert period_end(start, years=years, months=months) == end


def test_a_card_and_a_certificate_issued_on_29_february_end_on_28_february():
    assert card_valid_until(D(2028, 2, 29), CardValidity(years=5)) == D(2033, 2, 28)
    assert EligibilityRuleSet(certificate_validity_months=36).certificate_valid_until(D(2028, 2, 29)) == D(2031, 2, 28)
