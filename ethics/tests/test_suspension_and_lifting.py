"""A suspension suspends the member and their card; the nightly run lifts it after its last day,
once however often it runs."""

import datetime

import pytest
from django.core.management import call_command

from core.dates import register_day
from credentials.models import Credential
from ethics import scheduled, services
from ethics.models import Outcome, Sanction
from ethics.tests.factories import council, decided, member_with_card
from registry.models import Member

pytestmark = pytest.mark.django_db


def card(member):
    return Credential.objects.get(pk=member.credential_id)


def test_a_suspension_suspends_the_card_and_the_nightly_run_lifts_it_after_its_last_day_once():
    judge, member = council(), member_with_card()
    last_day = register_day() + datetime.timedelta(days=30)
    complaint = decided(member, judge, Outcome.SUSPENSION, suspension_until=last_day)
    member.refresh_from_db()
    assert member.status == Member.Status.SUSPENDED and member.status_category == "ethics_council"
    assert card(member).status == Credential.Status.SUSPENDED and card(member).status_category == "ethics_council"

    assert scheduled.run(today=last_day)["suspensions_lifted"] == 0  # still its last day
    member.refresh_from_db()
    assert member.status == Member.Status.SUSPENDED

    assert scheduled.run(today=last_day + datetime.timedelta(days=1))["suspensions_lifted"] == 1
    assert scheduled.run(today=last_day + datetime.timedelta(days=1))["suspensions_lifted"] == 0
    member.refresh_from_db()
    assert member.status == Member.Status.ACTIVE and card(member).status == Credential.Status.VALID
    assert Sanction.objects.get(complaint=complaint).state == Sanction.State.ENDED
    assert member.history.filter(status="suspended").exists()  # its history keeps it


def test_the_nightly_run_leaves_a_suspension_made_since_on_another_ground():
    from accounts.roles import Role
    from accounts.tests.factories import make_staff
    from registry import services as registry

    judge, member = council(), member_with_card()
    last_day = register_day() + datetime.timedelta(days=10)
    decided(member, judge, Outcome.SUSPENSION, suspension_until=last_day)
    dpd = make_staff(Role.DPD_OFFICER, province=member.province)
    registry.change_member_status(actor=dpd, member=member, action="reinstate", reason="keliru")
    registry.change_member_status(actor=dpd, member=member, action="suspend", reason="lain", category="other")
    services.run_nightly(today=last_day + datetime.timedelta(days=1))
    member.refresh_from_db()
    assert member.status == Member.Status.SUSPENDED and member.status_category == "other"


def test_run_scheduled_finds_the_ethics_work(capsys):
    call_command("run_scheduled", "--only", "ethics")
    assert "ethics" in capsys.readouterr().out


def test_a_suspension_needs_a_last_day_after_today():
    judge, member = council(), member_with_card()
    from core.errors import DomainError

    with pytest.raises(DomainError, match="terakhir"):
        decided(member, judge, Outcome.SUSPENSION, suspension_until=register_day())
    member.refresh_from_db()
    assert member.status == Member.Status.ACTIVE and not Sanction.objects.exists()
