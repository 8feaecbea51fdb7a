"""Which sanctions the public sees, and when: within the period the publication rule in force on
the decision's date gives (data), on the register, its API and the card's /v/ page; gone after it,
while the history keeps it. A warning is never public."""

import datetime

import pytest
from django.urls import reverse

from core.dates import add_months, register_day
from ethics.models import Outcome, PublicationRule, Sanction
from ethics.tests.factories import council, decided, member_with_card
from portal import registers

pytestmark = pytest.mark.django_db


def test_the_seeded_rules_are_the_dpps_setting_with_their_source():
    rules = {r.kind: r for r in PublicationRule.objects.in_force(register_day())}
    assert rules["warning"].shown_publicly is False
    assert rules["suspension"].shown_publicly and rules["suspension"].months_after_end == 12
    assert all("ditetapkan oleh DPP IPSPI" in r.source and "UU 14/2019" in r.source for r in rules.values())


def test_a_suspension_is_public_while_in_force_and_for_the_months_after_then_gone_while_history_keeps_it():
    judge, member = council(), member_with_card()
    last_day = register_day() + datetime.timedelta(days=60)
    complaint = decided(member, judge, Outcome.SUSPENSION, suspension_until=last_day)
    sanction = Sanction.objects.get(complaint=complaint)
    end_of_publication = add_months(last_day, 12)
    assert (sanction.public_from, sanction.public_until) == (register_day(), end_of_publication)
    assert sanction.public_category == "ethics_council"
    for day, shown in (
        (register_day() - datetime.timedelta(days=1), False),
        (register_day(), True),
        (last_day + datetime.timedelta(days=1), True),
        (end_of_publication, True),
        (end_of_publication + datetime.timedelta(days=1), False),
    ):
        assert Sanction.objects.public_on(day).filter(pk=sanction.pk).exists() is shown, day
    assert Sanction.objects.filter(pk=sanction.pk).exists() and sanction.history.exists()


def test_the_register_and_its_api_show_the_sanction_within_its_period_only(client, monkeypatch):
    judge, member = council(), member_with_card()
    last_day = register_day() + datetime.timedelta(days=60)
    decided(member, judge, Outcome.SUSPENSION, suspension_until=last_day)
    item = client.get(f"/api/v1/public/social-workers/{member.number}").json()
    [shown] = item["sanctions"]
    assert shown["kind"] == "suspension" and shown["reason_code"] == "ethics_council"
    assert shown["since"] == register_day().isoformat() and shown["until"] == last_day.isoformat()
    assert "Terbukti" not in str(item) and "Budi" not in str(item)  # never the grounds or the complainant
    page = client.get(reverse("portal:social_worker_register"), {"q": member.number}).content.decode()
    assert "ethics-sanction" in page and "Dewan Kode Etik" in page

    after = add_months(last_day, 12) + datetime.timedelta(days=1)
    monkeypatch.setattr(registers, "register_day", lambda: after)
    assert registers.read_member(member.number).entries()[0].sanctions == []
    monkeypatch.setattr("portal.public_path.register_day", lambda: after)
    assert client.get(f"/api/v1/public/social-workers/{member.number}").json()["sanctions"] == []


def test_the_member_cards_verification_page_shows_the_sanction_within_its_period_only(client, monkeypatch):
    judge, member = council(), member_with_card()
    last_day = register_day() + datetime.timedelta(days=60)
    decided(member, judge, Outcome.SUSPENSION, suspension_until=last_day)
    url = f"/v/{member.credential.public_id}"
    assert "ethics-sanction" in client.get(url).content.decode()
    monkeypatch.setattr("portal.public_path.register_day", lambda: add_months(last_day, 12) + datetime.timedelta(days=1))
    assert "ethics-sanction" not in client.get(url).content.decode()


def test_a_warning_is_never_public(client):
    judge, member = council(), member_with_card()
    complaint = decided(member, judge, Outcome.WARNING)
    sanction = Sanction.objects.get(complaint=complaint)
    assert sanction.public_from is None and sanction.public_until is None
    assert not Sanction.objects.public_on(register_day()).exists()
    assert client.get(f"/api/v1/public/social-workers/{member.number}").json()["sanctions"] == []
    assert "ethics-sanction" not in client.get(f"/v/{member.credential.public_id}").content.decode()


def test_the_register_reads_sanctions_in_one_more_query_whatever_the_page_holds(django_assert_num_queries):
    judge = council()
    for n in range(3):
        decided(
            member_with_card(f"Sanksi Wati {n}"),
            judge,
            Outcome.SUSPENSION,
            suspension_until=register_day() + datetime.timedelta(days=5),
        )
    registers.search_social_workers("sanksi")  # the connection learns whether SQLite has the name index
    with django_assert_num_queries(4):  # the name count, members, credentials, sanctions
        entries = registers.search_social_workers("wati")
    assert [len(e.sanctions) for e in entries] == [1, 1, 1]
