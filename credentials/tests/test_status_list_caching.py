"""A status list says how long it may be kept, the same way twice: its `ttl` (milliseconds) is the
Cache-Control max-age (seconds), and its ETag holds while neither the list nor the time-to-live
window changes, so a cache revalidates with If-None-Match and gets 304."""

import datetime

import pytest

from credentials import signing
from credentials.models import Credential
from credentials.services import change_status
from credentials.tests.factories import issue
from credentials.tests.status_list_helpers import verified_list

pytestmark = pytest.mark.django_db

LIST = "/credentials/status/revocation"


def _max_age(response) -> int:
    directives = dict(d.strip().partition("=")[::2] for d in response["Cache-Control"].split(","))
    return int(directives["max-age"])


def test_the_lists_ttl_is_its_cache_max_age(client, settings):
    issue()
    response = client.get(LIST)
    payload = verified_list(client, settings.SITE_URL + LIST)
    assert payload["credentialSubject"]["ttl"] == _max_age(response) * 1000
    valid_from = datetime.datetime.fromisoformat(payload["validFrom"])
    assert datetime.datetime.fromisoformat(payload["validUntil"]) - valid_from == datetime.timedelta(
        seconds=signing.STATUS_LIST_VALIDITY
    )


def test_the_etag_holds_until_the_list_changes_and_answers_304(client, monkeypatch):
    credential = issue()
    moment = datetime.datetime(2026, 12, 7, 5, 0, 10, tzinfo=datetime.UTC)
    monkeypatch.setattr(signing.timezone, "now", lambda: moment)
    first, again = client.get(LIST), client.get(LIST)
    assert first["ETag"] and first["ETag"] == again["ETag"] and first.content == again.content
    unchanged = client.get(LIST, headers={"If-None-Match": first["ETag"]})
    assert unchanged.status_code == 304 and unchanged["ETag"] == first["ETag"] and unchanged.content == b""

    change_status(actor=None, credential=credential, status=Credential.Status.REVOKED, reason="x", category="incorrect_data")
    changed = client.get(LIST, headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_a_new_window_is_a_new_etag(client, monkeypatch):
    issue()
    moment = datetime.datetime(2026, 12, 7, 5, 0, 10, tzinfo=datetime.UTC)
    monkeypatch.setattr(signing.timezone, "now", lambda: moment)
    first = client.get(LIST)
    monkeypatch.setattr(signing.timezone, "now", lambda: moment + datetime.timedelta(seconds=signing.STATUS_LIST_TTL))
    assert client.get(LIST)["ETag"] != first["ETag"]


def test_the_signed_form_and_the_keys_are_sent_with_cache_headers(client):
    credential = issue()
    assert "max-age" in client.get(f"/v/{credential.public_id}.jwt")["Cache-Control"]
    assert "max-age" in client.get("/.well-known/jwks.json")["Cache-Control"]
