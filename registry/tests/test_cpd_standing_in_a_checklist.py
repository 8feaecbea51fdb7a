"""The CPD item every renewal checklist shares (the STR's, the certificate's), read from one
standing: done once the accepted credits reach the requirement, with the credits in words."""

import datetime
from decimal import Decimal

from django.utils import translation

from registry.cpd import Standing

PERIOD = {"start": datetime.date(2021, 9, 1), "end": datetime.date(2026, 8, 31)}


def test_credits_short_of_the_requirement_leave_the_item_open_and_say_by_how_much():
    with translation.override("id"):
        assert Standing(credits=Decimal("12.5"), required=30, **PERIOD).checklist_item() == (
            False,
            "12.5 dari 30 kredit: kurang 17.5",
        )


def test_credits_reaching_the_requirement_complete_the_item():
    with translation.override("id"):
        assert Standing(credits=Decimal(30), required=30, **PERIOD).checklist_item() == (True, "30 dari 30 kredit")
    with translation.override("en"):
        assert Standing(credits=Decimal(31), required=30, **PERIOD).checklist_item() == (True, "31 of 30 credits")


def test_without_a_requirement_set_by_the_dpp_the_item_stays_open():
    with translation.override("id"):
        done, detail = Standing(credits=Decimal(50), required=None, **PERIOD).checklist_item()
    assert done is False and detail == "DPP belum menetapkan kredit yang diwajibkan untuk periode ini"
