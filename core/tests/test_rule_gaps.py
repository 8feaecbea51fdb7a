"""Issue 22: a validity period missing for the coming days is shown to its owner on the dashboard
from 90 days ahead, and the nightly run reports it as an error, telling the owners once per
reminder step, instead of falling back silently on a default."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import Notification
from accounts.roles import Role
from accounts.tests.factories import make_staff, sign_in_with_second_factor
from licensing.models import LicensingRuleSet
from registry.models import CardValidity

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def _close_in_force(model, last_day: datetime.date) -> None:
    """The versions open at `last_day` end on it, and nothing follows (as a DPP that forgot)."""
    model.objects.filter(valid_until__isnull=True).update(valid_until=last_day)


def test_the_first_gap_is_the_day_after_the_last_version_ends():
    today = datetime.date(2030, 6, 1)
    assert CardValidity.objects.first_gap(today, today + 90 * DAY) is None
    _close_in_force(CardValidity, datetime.date(2030, 7, 31))
    assert CardValidity.objects.first_gap(today, today + 90 * DAY) == datetime.date(2030, 8, 1)
    assert CardValidity.objects.first_gap(today, today + 30 * DAY) is None  # beyond the horizon


def test_a_successor_published_from_the_next_day_closes_the_gap():
    _close_in_force(CardValidity, datetime.date(2030, 7, 31))
    CardValidity.objects.create(years=5, valid_from=datetime.date(2030, 8, 1), source="SK DPP IPSPI 9/2030")
    assert CardValidity.objects.first_gap(datetime.date(2030, 6, 1), datetime.date(2030, 9, 1)) is None


def test_the_dpp_sees_the_missing_card_validity_on_the_dashboard(client, monkeypatch):
    dpp = make_staff(Role.DPP_OFFICER)
    today = datetime.date(2030, 6, 1)
    monkeypatch.setattr("core.rule_gaps.register_day", lambda: today)
    _close_in_force(CardValidity, today + 40 * DAY)
    sign_in_with_second_factor(client, dpp)
    page = client.get("/staf/").content.decode()
    assert "Belum ada masa berlaku kartu anggota yang berlaku mulai 12 Juli 2030 (41 hari lagi)" in page
    assert "/anggota/kartu/masa-berlaku/" in page


def test_the_missing_card_validity_fails_the_nightly_run_and_tells_the_dpp_once():
    dpp = make_staff(Role.DPP_OFFICER)
    ministry = make_staff(Role.MINISTRY_OFFICER)
    _close_in_force(CardValidity, datetime.date(2030, 7, 10))
    for _night in range(2):
        with pytest.raises(CommandError, match="member card validity"):
            call_command("run_scheduled", "--only", "registry", "--date", "2030-06-01", stdout=io.StringIO(), verbosity=0)
    told = Notification.objects.filter(user=dpp, subject__contains="masa berlaku kartu anggota")
    assert told.count() == 1
    assert not Notification.objects.filter(user=ministry).exists()


def test_each_owner_of_the_licensing_rules_is_told_of_their_own_validity(client):
    dpp = make_staff(Role.DPP_OFFICER)
    ministry = make_staff(Role.MINISTRY_OFFICER)
    _close_in_force(LicensingRuleSet, datetime.date(2030, 6, 20))
    with pytest.raises(CommandError, match="STR validity"):
        call_command("run_scheduled", "--only", "licensing", "--date", "2030-06-01", stdout=io.StringIO(), verbosity=0)
    assert Notification.objects.filter(user=dpp, subject__contains="masa berlaku STR").count() == 1
    assert Notification.objects.filter(user=ministry, subject__contains="masa berlaku izin praktik").count() == 1


def test_a_night_with_every_validity_in_place_reports_nothing():
    out = io.StringIO()
    call_command("run_scheduled", "--only", "licensing", "--date", "2028-06-01", stdout=out, verbosity=0)
    assert "ERROR" not in out.getvalue()
