import json

import pytest

from certification.models import CertificationApplication

pytestmark = pytest.mark.django_db
URL = "/api/v1/public/eligibility"


def post(client, body, **extra):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(URL, data=data, content_type="application/json", **extra)


def test_the_issue_example_is_answered_without_login_with_the_rule_and_its_source(client):
    response = post(
        client,
        {
            "education_level": "S1",
            "study_field": "kesejahteraan_sosial",
            "practice_months": 30,
            "training_hours": 64,
            "date": "2010-06-01",
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert body["eligible"] is True
    assert body["rule_set"]["name"].startswith("Permensos 108/HUK/2009")
    assert "108/HUK/2009" in body["rule_set"]["source"]
    assert [c["code"] for c in body["criteria"]] == ["pendidikan", "praktik", "pelatihan"]
    assert all(c["met"] for c in body["criteria"])
    assert {"required", "actual", "explanation"} <= set(body["criteria"][0])
    assert body["category"]["code"] == "pekerja_sosial_profesional"


def test_a_tksk_with_a_d3_and_five_years_hears_why_not_in_indonesian(client):
    body = post(client, {"education_level": "D3", "study_field": "lainnya", "practice_months": 60, "training_hours": 0}).json()
    assert body["eligible"] is False
    education = next(c for c in body["criteria"] if c["code"] == "pendidikan")
    assert education["met"] is False
    assert "bukan" in education["explanation"].lower() or "tidak" in education["explanation"].lower()
    assert body["category"]["code"] in {"tenaga_kesejahteraan_sosial", "relawan_sosial"}


def test_the_date_defaults_to_today(client):
    body = post(
        client, {"education_level": "S1", "study_field": "pekerjaan_sosial", "practice_months": 36, "training_hours": 0}
    ).json()
    assert body["rule_set"]["code"] in {"jalur-pendidikan-2019", "jalur-praktisi-2019"}
    assert body["eligible"] is True


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"study_field": "lainnya", "practice_months": 1, "training_hours": 1}, "education_level"),
        ({"education_level": "SD", "study_field": "lainnya", "practice_months": 1, "training_hours": 1}, "education_level"),
        ({"education_level": "S1", "study_field": "hukum", "practice_months": 1, "training_hours": 1}, "study_field"),
        ({"education_level": "S1", "study_field": "lainnya", "practice_months": "tiga", "training_hours": 1}, "practice_months"),
        ({"education_level": "S1", "study_field": "lainnya", "practice_months": -1, "training_hours": 1}, "practice_months"),
        ({"education_level": "S1", "study_field": "lainnya", "practice_months": 2.5, "training_hours": 1}, "practice_months"),
        ({"education_level": "S1", "study_field": "lainnya", "practice_months": 1, "training_hours": [1]}, "training_hours"),
        ({"education_level": "S1", "study_field": "lainnya", "practice_months": 1, "training_hours": True}, "training_hours"),
        (
            {"education_level": "S1", "study_field": "lainnya", "practice_months": 1, "training_hours": 1, "date": "01-06-2010"},
            "date",
        ),
        (
            {"education_level": "S1", "study_field": "lainnya", "practice_months": 1, "training_hours": 1, "date": "2999-01-01"},
            "date",
        ),
        (
            {"education_level": "S1", "study_field": "lainnya", "practice_months": 1, "training_hours": 1, "date": "2001-01-01"},
            "date",
        ),
    ],
)
def test_bad_input_is_refused_with_422_and_a_message_naming_the_field(client, body, field):
    response = post(client, body)
    assert response.status_code == 422
    assert response.json()["field"] == field
    assert response.json()["detail"]


@pytest.mark.parametrize("raw", ["bukan json", "", "[1, 2]", "null", b"\xff\xfe"])
def test_a_body_that_is_not_a_json_object_is_refused_with_422_not_a_crash(client, raw):
    response = post(client, raw)
    assert response.status_code == 422
    assert "JSON" in response.json()["detail"]


def test_the_self_check_stores_nothing(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        post(client, {"education_level": "S1", "study_field": "pekerjaan_sosial", "practice_months": 36, "training_hours": 64})
    assert CertificationApplication.objects.count() == 0


def test_the_self_check_is_rate_limited_per_address(client):
    body = {"education_level": "S1", "study_field": "pekerjaan_sosial", "practice_months": 36, "training_hours": 64}
    codes = [post(client, body, REMOTE_ADDR="10.0.0.9").status_code for _ in range(31)]
    assert codes[:30] == [200] * 30 and codes[30] == 429
    assert post(client, body, REMOTE_ADDR="10.0.0.10").status_code == 200


def test_the_endpoint_is_documented_in_openapi(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/public/eligibility"]["post"]
    assert "education_level" in operation["requestBody"]["content"]["application/json"]["schema"]["properties"]
    assert "200" in operation["responses"] and "422" in operation["responses"]


def test_criteria_carry_the_numbers_required_and_given_as_well_as_text(client):
    body = post(
        client,
        {
            "education_level": "S1",
            "study_field": "pekerjaan_sosial",
            "practice_months": 23,
            "training_hours": 59,
            "date": "2012-01-01",
        },
    ).json()
    by_code = {c["code"]: c for c in body["criteria"]}
    assert (by_code["praktik"]["required"], by_code["praktik"]["actual"], by_code["praktik"]["met"]) == (24, 23, False)
    assert (by_code["pelatihan"]["required"], by_code["pelatihan"]["actual"]) == (60, 59)
    assert by_code["pendidikan"]["actual"] == {"education_level": "S1", "study_field": "pekerjaan_sosial"}
    assert "60" in by_code["pelatihan"]["required_text"]
    assert body["eligible"] is False
