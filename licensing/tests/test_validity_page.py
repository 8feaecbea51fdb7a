import datetime

import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import make_staff, sign_in_with_second_factor
from core.dates import register_day
from licensing.models import LicensingRuleSet

pytestmark = pytest.mark.django_db


def test_the_ministry_publishes_a_licence_validity_and_the_str_period_is_copied(client):
    ministry = make_staff(Role.MINISTRY_OFFICER)
    sign_in_with_second_factor(client, ministry)
    assert client.get(reverse("licensing:validity")).status_code == 200
    starts = register_day() + datetime.timedelta(days=3)
    data = {
        "valid_from": starts.isoformat(),
        "licence_validity_years": "3",
        "str_validity_years": "9",
        "source": "Kepmensos 2/2026",
    }
    assert client.post(reverse("licensing:validity"), data).status_code == 302
    version = LicensingRuleSet.objects.in_force(starts).get()
    assert (version.licence_validity_years, version.str_validity_years) == (3, 5)  # the STR field is the DPP's
    assert "Kepmensos 2/2026" in client.get(reverse("licensing:validity")).content.decode()


def test_a_start_in_the_past_gets_a_message_and_changes_nothing(client):
    dpp = make_staff(Role.DPP_OFFICER)
    sign_in_with_second_factor(client, dpp)
    count = LicensingRuleSet.objects.count()
    data = {"valid_from": "2020-01-01", "str_validity_years": "3", "source": "SK"}
    response = client.post(reverse("licensing:validity"), data)
    assert response.status_code == 200 and "Versi baru berlaku mulai hari ini atau sesudahnya" in response.content.decode()
    assert LicensingRuleSet.objects.count() == count


def test_other_staff_cannot_open_the_validity_page(client):
    sign_in_with_second_factor(client, make_staff(Role.BALKS_OFFICER))
    assert client.get(reverse("licensing:validity")).status_code == 403
