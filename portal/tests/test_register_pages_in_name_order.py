import datetime

import pytest

from portal.registers import search_social_workers
from registry.models import Member
from registry.tests.factories import PersonFactory, province

pytestmark = pytest.mark.django_db


def member(name: str, serial: int, province_code: str = "32") -> Member:
    return Member.objects.create(
        person=PersonFactory(full_name=name),
        number=f"IPSPI.{province_code}.2026.{serial:05d}",
        category="biasa",
        province=province(province_code),
        joined_on=datetime.date(2026, 1, 5),
    )


def names(entries) -> list[str]:
    return [entry.name for entry in entries]


def test_pages_of_a_name_search_follow_name_order_then_member_number():
    for serial, name in enumerate(["Eko Wati", "Budi Wati", "Dewi Wati", "Budi Wati", "Ani Wati"], start=1):
        member(name, serial)
    pages = [search_social_workers("wati", limit=2, offset=offset) for offset in (0, 2, 4, 6)]
    assert [names(page) for page in pages] == [["Ani Wati", "Budi Wati"], ["Budi Wati", "Dewi Wati"], ["Eko Wati"], []]
    assert [entry.number for entry in pages[0] + pages[1]][1:3] == ["IPSPI.32.2026.00002", "IPSPI.32.2026.00004"]


def test_people_without_a_membership_first_in_name_order_do_not_shorten_the_page():
    for name in ["Ani Wati", "Budi Wati", "Cici Wati", "Dodi Wati"]:
        PersonFactory(full_name=name)  # applicants and legacy records, not (yet) members
    member("Eko Wati", 1)
    member("Fajar Wati", 2)
    member("Gita Wati", 3)
    assert names(search_social_workers("wati", limit=2)) == ["Eko Wati", "Fajar Wati"]
    assert names(search_social_workers("wati", limit=2, offset=2)) == ["Gita Wati"]


def test_a_province_search_finds_its_members_behind_others_earlier_in_name_order():
    for serial, name in enumerate(["Ani Wati", "Budi Wati", "Cici Wati", "Dodi Wati"], start=1):
        member(name, serial, "33")
    member("Eko Wati", 1, "32")
    member("Fajar Wati", 2, "32")
    assert names(search_social_workers("wati", "32", limit=2)) == ["Eko Wati", "Fajar Wati"]
    assert names(search_social_workers("wati", "33", limit=2)) == ["Ani Wati", "Budi Wati"]
