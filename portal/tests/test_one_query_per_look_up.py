"""A number look-up and a QR code's verification page are one query for anyone the council never
sanctioned publicly (nearly everyone): the row read says whether a sanction was ever published,
and only then are the sanctions read, so the public still sees each within its period."""

import datetime

import pytest

from core.dates import add_months, register_day
from ethics.models import Outcome
from ethics.tests.factories import council, decided, member_with_card

pytestmark = pytest.mark.django_db


def look_up(client, member):
    return client.get(f"/api/v1/public/social-workers/{member.number}").json()


def verification_page(client, member) -> str:
    return client.get(f"/v/{member.credential.public_id}").content.decode()


def test_a_member_never_sanctioned_is_looked_up_and_verified_in_one_query_each(client, django_assert_num_queries):
    member = member_with_card()
    with django_assert_num_queries(1):
        item = look_up(client, member)
    assert item["number"] == member.number and item["sanctions"] == []
    with django_assert_num_queries(1):
        page = verification_page(client, member)
    assert member.credential.number in page and "ethics-sanction" not in page


def test_a_warning_which_is_never_public_costs_no_second_query(client, django_assert_num_queries):
    member = member_with_card()
    decided(member, council(), Outcome.WARNING)
    with django_assert_num_queries(1):
        assert look_up(client, member)["sanctions"] == []
    with django_assert_num_queries(1):
        assert "ethics-sanction" not in verification_page(client, member)


def test_a_published_suspension_is_read_in_a_second_query_and_shown(client, django_assert_num_queries):
    member = member_with_card()
    last_day = register_day() + datetime.timedelta(days=30)
    decided(member, council(), Outcome.SUSPENSION, suspension_until=last_day)
    with django_assert_num_queries(2):
        [shown] = look_up(client, member)["sanctions"]
    assert (shown["kind"], shown["until"]) == ("suspension", last_day.isoformat())
    with django_assert_num_queries(2):
        assert "ethics-sanction" in verification_page(client, member)


def test_a_sanction_past_its_publication_period_is_still_checked_and_no_longer_shown(client, monkeypatch):
    member = member_with_card()
    last_day = register_day() + datetime.timedelta(days=30)
    decided(member, council(), Outcome.SUSPENSION, suspension_until=last_day)
    monkeypatch.setattr("portal.public_path.register_day", lambda: add_months(last_day, 12) + datetime.timedelta(days=1))
    monkeypatch.setattr("portal.registers.register_day", lambda: add_months(last_day, 12) + datetime.timedelta(days=1))
    assert look_up(client, member)["sanctions"] == []
    assert "ethics-sanction" not in verification_page(client, member)


def test_a_name_search_reads_sanctions_only_when_a_member_on_the_page_was_ever_sanctioned(client, django_assert_num_queries):
    sanctioned, plain = member_with_card("Sanksi Wati"), member_with_card("Bersih Wati")
    client.get("/api/v1/public/social-workers", {"q": "bersih"})  # the connection learns whether SQLite has the name index
    with django_assert_num_queries(3):  # the name count, the members, their credentials
        items = client.get("/api/v1/public/social-workers", {"q": "wati"}).json()["items"]
    assert sorted(item["number"] for item in items) == sorted([sanctioned.number, plain.number])
    decided(sanctioned, council(), Outcome.SUSPENSION, suspension_until=register_day() + datetime.timedelta(days=5))
    with django_assert_num_queries(4):  # and the sanctions of the one ever sanctioned
        items = client.get("/api/v1/public/social-workers", {"q": "sanksi"}).json()["items"]
    assert [(item["name"], len(item["sanctions"])) for item in items] == [("Sanksi Wati", 1)]
