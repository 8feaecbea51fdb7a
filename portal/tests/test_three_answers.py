"""A verifier answers one of three things, on the page a QR code opens and in the API alike:
valid, invalid (with the status and its public reason), or cannot check now (503), never
"invalid" because the database could not be read."""

import datetime

import pytest
from django.db import OperationalError

from credentials.models import Credential
from credentials.services import change_status
from credentials.tests.factories import issue

pytestmark = pytest.mark.django_db

API = "/api/v1/public/credentials/"


def _unreadable(monkeypatch):
    """The database goes away: every read of a credential raises."""
    from django.db.models.query import QuerySet

    from core.prepared import PreparedQuery

    def fail(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(PreparedQuery, "rows", fail)
    monkeypatch.setattr(QuerySet, "first", fail)


def test_a_valid_credential_answers_valid_on_the_page_and_in_the_api(client):
    credential = issue()
    page = client.get(f"/v/{credential.public_id}")
    assert page.status_code == 200
    assert 'data-answer="valid"' in page.content.decode() and "Jawaban: sah" in page.content.decode()
    answer = client.get(API + credential.public_id)
    assert answer.status_code == 200
    assert answer.json()["answer"] == "valid" and answer.json()["status"] == "valid"
    assert answer["Cache-Control"] == "private, no-cache"


def test_a_suspended_credential_answers_invalid_with_its_status_and_public_reason(client):
    credential = issue()
    change_status(
        actor=None, credential=credential, status=Credential.Status.SUSPENDED, reason="kasus Pak Budi", category="ethics_council"
    )
    page = client.get(f"/v/{credential.public_id}").content.decode()
    assert 'data-answer="invalid"' in page and "Jawaban: tidak sah" in page and "DIBEKUKAN" in page
    assert "kasus Pak Budi" not in page
    body = client.get(API + credential.public_id).json()
    assert body["answer"] == "invalid" and body["status"] == "suspended"
    assert body["status_reason_code"] == "ethics_council" and "kasus Pak Budi" not in str(body)


def test_an_expired_or_not_yet_valid_credential_answers_invalid(client):
    expired = issue(valid_until=datetime.date(2025, 6, 30))
    assert client.get(API + expired.public_id).json()["answer"] == "invalid"
    assert client.get(API + expired.public_id).json()["status"] == "expired"


def test_the_api_answers_for_a_past_day_as_the_page_does(client):
    credential = issue(valid_until=datetime.date(2025, 6, 30))
    on_day = client.get(API + credential.public_id, {"on": "2025-03-01"}).json()
    assert on_day["answer"] == "valid" and on_day["on"] == "2025-03-01" and on_day["status_on"] == "valid"
    assert 'data-answer="valid"' in client.get(f"/v/{credential.public_id}", {"tanggal": "2025-03-01"}).content.decode()
    after = client.get(API + credential.public_id, {"on": "2025-07-01"}).json()
    assert after["answer"] == "invalid" and after["status_on"] == "expired"
    before = client.get(API + credential.public_id, {"on": "2024-01-01"}).json()
    assert before["answer"] == "invalid" and before["status_on"] == "not_issued"
    bad = client.get(API + credential.public_id, {"on": "kemarin"})
    assert bad.status_code == 422 and bad.json()["field"] == "on"


def test_an_unknown_code_is_not_found_and_not_cacheable(client):
    page = client.get("/v/tidakadaapapun")
    assert page.status_code == 404 and page["Cache-Control"] == "no-store"
    assert 'data-answer="invalid"' in page.content.decode()
    answer = client.get(API + "tidakadaapapun")
    assert answer.status_code == 404 and answer["Cache-Control"] == "no-store"
    assert answer.json()["answer"] == "invalid" and answer.json()["status"] == "not_found"


def test_when_the_database_cannot_be_read_the_page_says_it_cannot_check_never_invalid(client, monkeypatch):
    credential = issue()
    _unreadable(monkeypatch)
    page = client.get(f"/v/{credential.public_id}")
    assert page.status_code == 503 and page["Retry-After"] and page["Cache-Control"] == "no-store"
    html = page.content.decode()
    assert 'data-answer="cannot_check"' in html and "tidak dapat diperiksa" in html
    assert 'data-answer="invalid"' not in html and "Jawaban: tidak sah" not in html


def test_when_the_database_cannot_be_read_the_api_answers_cannot_check_in_json(client, monkeypatch):
    credential = issue()
    _unreadable(monkeypatch)
    answer = client.get(API + credential.public_id)
    assert answer.status_code == 503 and answer["Retry-After"]
    assert answer["Content-Type"].startswith("application/json")
    assert answer.json()["answer"] == "cannot_check"


def test_the_reused_page_still_answers_after_the_explicit_answer_was_added(client):
    credential = issue()
    first = client.get(f"/v/{credential.public_id}").content
    assert client.get(f"/v/{credential.public_id}").content == first


def test_other_methods_on_the_number_look_up_answer_405_in_json():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)  # as a browser or another system meets it: CSRF checked
    for method in (client.post, client.put, client.delete):
        response = method("/api/v1/public/social-workers/IPSPI.32.2024.00001")
        assert response.status_code == 405
        assert response["Allow"] == "GET"
        assert "detail" in response.json()
    assert client.post("/v/abc").status_code == 405


def test_the_api_answers_503_in_json_when_the_database_is_away(client, monkeypatch):
    from certification import api as certification_api

    def fail(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(certification_api, "_scheme", fail)
    monkeypatch.setattr(certification_api.Scheme.objects, "open_for_application", fail)
    response = client.get("/api/v1/certification/schemes")
    assert response.status_code == 503 and response.json()["detail"]


def test_the_openapi_document_says_what_the_public_api_answers(client):
    document = client.get("/api/v1/openapi.json").json()
    paths = document["paths"]
    number = paths["/api/v1/public/social-workers/{number}"]["get"]["responses"]
    assert {"200", "404", "429"} <= number.keys() and "Retry-After" in number["429"]["headers"]
    credential = paths["/api/v1/public/credentials/{credential_id}"]["get"]["responses"]
    assert {"200", "404", "422", "429", "503"} <= credential.keys()
    assert "Retry-After" in credential["503"]["headers"]
    scheme = paths["/api/v1/certification/schemes/{scheme_id}"]["get"]["responses"]
    assert {"404", "422"} <= scheme.keys()
    body = paths["/api/v1/public/eligibility"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert set(body["required"]) == {"education_level", "study_field", "practice_months", "training_hours"}
    assert body["properties"]["practice_months"]["type"] == "integer"
    for address in (
        "/.well-known/jwks.json",
        "/credentials/contexts/v1.jsonld",
        "/credentials/status/{purpose}",
        "/v/{public_id}.jwt",
        "/issuers/{slug}",
    ):
        assert address in paths, address


def test_an_eligibility_body_that_fits_the_schema_is_answered_and_null_months_do_not_fit(client):
    ok = client.post(
        "/api/v1/public/eligibility",
        {"education_level": "S1", "study_field": "kesejahteraan_sosial", "practice_months": 30, "training_hours": 64},
        content_type="application/json",
    )
    assert ok.status_code == 200
    refused = client.post(
        "/api/v1/public/eligibility",
        {"education_level": "S1", "study_field": "kesejahteraan_sosial", "practice_months": None, "training_hours": 64},
        content_type="application/json",
    )
    assert refused.status_code == 422 and refused.json()["field"] == "practice_months"
