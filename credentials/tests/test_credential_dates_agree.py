"""A credential reads the same everywhere: one that starts later than today is not yet valid
(belum berlaku) on its verification page and in the public API, and the dates signed into it
are the Jakarta calendar days the page shows, to the second."""

import base64
import datetime
import json
from zoneinfo import ZoneInfo

import pytest

from core.dates import register_day
from credentials.models import Credential
from credentials.tests.factories import issue

JAKARTA = ZoneInfo("Asia/Jakarta")


def signed_payload(credential: Credential) -> dict:
    return json.loads(base64.urlsafe_b64decode(credential.jwt.split(".")[1] + "=="))


def starting_tomorrow() -> Credential:
    credential = issue()
    credential.valid_from = register_day() + datetime.timedelta(days=1)
    credential.save(update_fields=["valid_from"])
    return credential


@pytest.mark.django_db
def test_a_credential_starting_tomorrow_is_not_yet_valid_today_and_valid_tomorrow():
    credential = starting_tomorrow()
    assert credential.current_status() == "not_yet_valid"
    assert credential.current_status(credential.valid_from) == "valid"


@pytest.mark.django_db
def test_the_verification_page_says_not_yet_valid_never_valid_before_the_start(client):
    credential = starting_tomorrow()
    page = client.get(f"/v/{credential.public_id}").content.decode()
    assert "BELUM BERLAKU" in page
    assert "SAH / BERLAKU" not in page


@pytest.mark.django_db
def test_the_public_api_answers_not_yet_valid_before_the_start(client):
    credential = starting_tomorrow()
    answer = client.get(f"/api/v1/public/credentials/{credential.public_id}").json()
    assert answer["status"] == "not_yet_valid"


@pytest.mark.django_db
def test_on_a_day_before_the_start_but_after_issue_the_date_check_says_not_valid(client):
    credential = starting_tomorrow()
    page = client.get(f"/v/{credential.public_id}", {"tanggal": register_day().isoformat()}).content.decode()
    assert "tidak berlaku" in page.lower() or "belum berlaku" in page.lower()
    assert "belum diterbitkan" not in page


@pytest.mark.django_db
def test_the_signed_end_is_the_end_of_the_last_day_in_jakarta():
    credential = issue(valid_until=datetime.date(2031, 12, 5))
    payload = signed_payload(credential)
    assert payload["validUntil"] == "2031-12-05T23:59:59+07:00"
    assert payload["validFrom"] == "2025-01-01T00:00:00+07:00"


@pytest.mark.django_db
def test_the_page_turns_expired_the_second_the_signature_stops_being_valid():
    credential = issue(valid_until=datetime.date(2031, 12, 5))
    valid_until = datetime.datetime.fromisoformat(signed_payload(credential)["validUntil"])
    last_valid_day = valid_until.astimezone(JAKARTA).date()
    first_expired_day = (valid_until + datetime.timedelta(seconds=1)).astimezone(JAKARTA).date()
    assert credential.current_status(last_valid_day) == "valid"
    assert credential.current_status(first_expired_day) == "expired"
    valid_from = datetime.datetime.fromisoformat(signed_payload(credential)["validFrom"])
    assert credential.current_status(valid_from.astimezone(JAKARTA).date()) == "valid"
    assert credential.current_status((valid_from - datetime.timedelta(seconds=1)).astimezone(JAKARTA).date()) == ("not_yet_valid")
