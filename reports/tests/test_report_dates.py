"""Every report takes its dates through one rule: written as ISO dates (or months), not after today.
A date in the future or a garbled one gets the same clear Indonesian message, a 400 page, and no
report is produced (nothing rendered, nothing logged as exported)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import make_staff, sign_in_with_second_factor
from core.models import AuditEvent

pytestmark = pytest.mark.django_db

FUTURE = "Laporan tidak dapat dibuat untuk tanggal setelah hari ini"
GARBLED = "Tulis tanggal laporan dengan format TTTT-BB-HH"
GARBLED_MONTH = "Tulis bulan laporan dengan format TTTT-BB"


@pytest.fixture
def ministry(client):
    officer = make_staff(Role.MINISTRY_OFFICER)  # sees all three reports
    sign_in_with_second_factor(client, officer)
    return officer


def refused(response, message):
    page = response.content.decode()
    return response.status_code == 400 and message in page and response["Content-Type"].startswith("text/html")


def tomorrow():
    return (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("reports:accreditation_report", {"per": "2030-01-31"}),
        ("reports:accreditation_report", {"per": "tomorrow"}),
        ("reports:membership_report", {"bulan": "2030-01"}),
        ("reports:certification_report", {"sampai": "2030-01-31"}),
        ("reports:certification_report", {"dari": "2030-01-01", "sampai": "2030-01-31"}),
        ("reports:certification_report", {"dari": "tomorrow"}),
    ],
)
def test_a_report_for_a_date_after_today_is_refused_with_the_same_message_everywhere(client, ministry, name, params):
    params = {key: tomorrow() if value == "tomorrow" else value for key, value in params.items()}
    response = client.get(reverse(name), params)
    assert refused(response, FUTURE)
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()  # nothing was produced


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("reports:accreditation_report", {"per": "31-12-2025"}, GARBLED),
        ("reports:accreditation_report", {"per": "2025-02-30"}, GARBLED),
        ("reports:membership_report", {"bulan": "2026-13"}, GARBLED_MONTH),
        ("reports:membership_report", {"bulan": "Oktober"}, GARBLED_MONTH),
        ("reports:certification_report", {"dari": "2025-1-xx"}, GARBLED),
        ("reports:certification_report", {"sampai": "\x00"}, GARBLED),
    ],
)
def test_a_garbled_report_date_is_refused_with_a_clear_message(client, ministry, name, params, message):
    response = client.get(reverse(name), params)
    assert refused(response, message)
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


def test_a_period_that_ends_before_it_begins_is_refused(client, ministry):
    response = client.get(reverse("reports:certification_report"), {"dari": "2025-03-01", "sampai": "2025-02-01"})
    assert refused(response, "tanggal pertama tidak boleh setelah tanggal kedua")


def test_today_and_past_dates_still_make_each_report(client, ministry):
    today = timezone.localdate()
    for name, params in (
        ("reports:accreditation_report", {"per": today.isoformat()}),
        ("reports:membership_report", {"bulan": today.strftime("%Y-%m")}),
        ("reports:certification_report", {"dari": "2025-01-01", "sampai": today.isoformat()}),
        ("reports:certification_report", {}),  # this year so far
    ):
        response = client.get(reverse(name), params)
        assert response.status_code == 200 and response.content.startswith(b"%PDF"), name


def test_the_date_pickers_on_the_dashboard_offer_no_day_after_today(client, ministry):
    page = client.get(reverse("reports:dashboard")).content.decode()
    today = timezone.localdate()
    assert page.count(f'max="{today.isoformat()}"') == 3  # per, dari, sampai
    assert f'max="{today:%Y-%m}"' in page  # bulan
