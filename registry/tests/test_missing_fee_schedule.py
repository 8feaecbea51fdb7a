"""A fee schedule missing for the coming year is shown to the DPP officers (who set it) from 90
days before the year starts, and the nightly run reports it as an error — logged, told to the DPP
officers once per reminder step, and ending the run with a failure — instead of counting it."""

import datetime
import io
import logging

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from accounts.models import Notification
from accounts.tests.factories import sign_in_with_second_factor
from registry import services
from registry.models import FeeSchedule

pytestmark = pytest.mark.django_db

# The seeded schedules run until 2030.
LAST_SEEDED = 2030


def test_a_missing_schedule_is_found_from_ninety_days_before_its_year():
    assert services.missing_fee_schedules(datetime.date(LAST_SEEDED, 10, 2)) == []
    missing = services.missing_fee_schedules(datetime.date(LAST_SEEDED, 10, 3))  # 90 days before 2031
    assert [(year, sorted(categories)) for year, categories in missing] == [(LAST_SEEDED + 1, ["biasa", "rekan"])]


def test_a_schedule_set_for_one_category_leaves_only_the_other_missing():
    FeeSchedule.objects.create(
        category="biasa", year=2031, amount=150_000, valid_from=datetime.date(2030, 10, 1), source="SK DPP IPSPI 1/2030"
    )
    assert services.missing_fee_schedules(datetime.date(2030, 12, 1)) == [(2031, ["rekan"])]


def test_the_nightly_run_reports_the_missing_schedule_as_an_error_to_the_dpp_once(dpp, dpd_jabar, caplog):
    caplog.set_level(logging.ERROR)
    for _night in range(2):
        with pytest.raises(CommandError):
            call_command("run_scheduled", "--only", "registry", "--date", "2030-11-15", stdout=io.StringIO(), verbosity=0)
    assert any("2031" in r.getMessage() and r.levelno == logging.ERROR for r in caplog.records)
    told = Notification.objects.filter(user=dpp)
    assert told.count() == 1
    assert "2031" in told.get().subject and told.get().url == reverse("registry:fee_schedules")
    assert not Notification.objects.filter(user=dpd_jabar).exists()


def test_a_later_reminder_step_tells_the_dpp_again(dpp):
    for day in ("2030-11-15", "2030-12-10"):  # 46 days left (90-day step), then 21 days left (30-day step)
        with pytest.raises(CommandError):
            call_command("run_scheduled", "--only", "registry", "--date", day, stdout=io.StringIO(), verbosity=0)
    assert Notification.objects.filter(user=dpp).count() == 2


def test_a_night_with_every_schedule_in_place_reports_nothing(dpp):
    out = io.StringIO()
    call_command("run_scheduled", "--only", "registry", "--date", "2028-11-15", stdout=out, verbosity=0)
    assert "missing" not in out.getvalue()
    assert not Notification.objects.filter(user=dpp).exists()


def test_the_dpp_officer_sees_the_missing_schedule_on_the_dashboard_and_the_fee_page(client, dpp, dpd_jabar, monkeypatch):
    monkeypatch.setattr(services, "register_day", lambda: datetime.date(2030, 11, 15))
    sign_in_with_second_factor(client, dpp)
    for page in (reverse("core:dashboard"), reverse("registry:fee_schedules")):
        content = client.get(page).content.decode()
        assert "Tarif iuran tahun 2031 belum ditetapkan" in content, page
    sign_in_with_second_factor(client, dpd_jabar)
    assert "Tarif iuran tahun 2031" not in client.get(reverse("core:dashboard")).content.decode()
