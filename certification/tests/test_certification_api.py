import pytest

from accounts.tests.factories import sign_in_with_second_factor
from certification import services
from certification.tests.factories import SchemeFactory, assessor_for, candidate, event_for, lsp_officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned():
    scheme = SchemeFactory(units=2)
    officer = lsp_officer(scheme.lsp)
    person = candidate()
    application = services.start_application(actor=person.user, scheme=scheme)
    from certification.tests.test_certification_services import attach_all

    attach_all(application, person.user)
    services.submit_application(actor=person.user, application=application)
    services.accept_application(actor=officer, application=application)
    services.schedule_application(actor=officer, application=application, event=event_for(scheme.lsp))
    assessment = services.assign_assessor(actor=officer, application=application, assessor=assessor_for(scheme.lsp))
    return {"scheme": scheme, "person": person, "application": application, "assessment": assessment}


def test_schemes_are_listed_publicly_with_units_and_documents(client, assigned):
    body = client.get("/api/v1/certification/schemes").json()
    scheme = next(s for s in body if s["id"] == assigned["scheme"].pk)
    assert [u["code"] for u in scheme["units"]] == ["PKS.01", "PKS.02"]
    assert len(scheme["required_documents"]) == 3
    assert scheme["level_label"] == "Pekerja Sosial Generalis"


def test_a_candidate_sees_only_their_own_applications_with_status_and_rule_set(client, assigned):
    sign_in_with_second_factor(client, assigned["person"].user)
    body = client.get("/api/v1/certification/my/applications").json()
    assert len(body) == 1 and body[0]["status"] == "scheduled"
    assert body[0]["rule_set"].startswith("Jalur") and body[0]["missing_documents"] == []
    sign_in_with_second_factor(client, candidate().user)
    assert client.get("/api/v1/certification/my/applications").json() == []
    assert client.get(f"/api/v1/certification/my/applications/{assigned['application'].pk}").status_code == 404


def test_an_assessor_lists_and_records_only_their_own_assignments(client, assigned):
    assessment = assigned["assessment"]
    sign_in_with_second_factor(client, assessment.assessor.user)
    body = client.get("/api/v1/certification/assignments").json()
    assert [a["id"] for a in body] == [assessment.pk]
    response = client.post(
        f"/api/v1/certification/assignments/{assessment.pk}/results",
        {"unit_code": "PKS.01", "result": "K"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["results"] == {"PKS.01": "K"}

    other = assessor_for(assigned["scheme"].lsp)
    sign_in_with_second_factor(client, other.user)
    assert client.get("/api/v1/certification/assignments").json() == []
    response = client.post(
        f"/api/v1/certification/assignments/{assessment.pk}/results",
        {"unit_code": "PKS.02", "result": "K"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert assessment.results.count() == 1


def test_the_api_needs_a_login_except_for_schemes(client):
    assert client.get("/api/v1/certification/my/applications").status_code == 401
    assert client.get("/api/v1/certification/assignments").status_code == 401


def test_the_certification_endpoints_are_documented(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/certification/schemes", "/api/v1/certification/my/applications", "/api/v1/certification/assignments"):
        assert path in paths
