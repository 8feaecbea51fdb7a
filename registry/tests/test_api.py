import pytest

from accounts.tests.factories import UserFactory, sign_in_with_second_factor
from core.models import AuditEvent
from registry import services
from registry.tests.factories import PersonFactory, submitted_application

pytestmark = pytest.mark.django_db


def _verified(actor, province_code="32"):
    application = submitted_application(province_code=province_code)
    return services.verify_application(actor=actor, application=application, version=application.version)


def test_a_member_reads_their_own_record_through_the_api(client, dpd_jabar):
    member = _verified(dpd_jabar)
    sign_in_with_second_factor(client, member.person.user)
    data = client.get("/api/v1/registry/me").json()
    assert data["membership"]["number"] == member.number
    assert data["dues"][0]["amount"] == 120_000
    assert data["education"][0]["level"] == "S1"
    assert data["applications"][0]["status"] == "verified"


def test_the_api_needs_a_signed_in_person_with_a_profile(client):
    assert client.get("/api/v1/registry/me").status_code == 401
    sign_in_with_second_factor(client, UserFactory())
    assert client.get("/api/v1/registry/me").status_code == 404


def test_staff_queries_are_scoped_to_the_province(client, dpd_jabar, dpd_jatim, dpp, django_assert_max_num_queries):
    jabar = _verified(dpd_jabar)
    jatim = _verified(dpp, "35")
    sign_in_with_second_factor(client, dpd_jatim)
    with django_assert_max_num_queries(12):
        items = client.get("/api/v1/registry/members").json()["items"]
    assert [m["number"] for m in items] == [jatim.number]
    assert client.get(f"/api/v1/registry/members/{jabar.number}").status_code == 404
    sign_in_with_second_factor(client, dpd_jabar)
    detail = client.get(f"/api/v1/registry/members/{jabar.number}").json()
    assert detail["email"] == jabar.person.email
    assert AuditEvent.objects.filter(actor=dpd_jabar, action=AuditEvent.Action.READ_PRIVATE).exists()
    sign_in_with_second_factor(client, dpp)
    numbers = {m["number"] for m in client.get("/api/v1/registry/members", {"status": "active"}).json()["items"]}
    assert numbers == {jabar.number, jatim.number}


def test_a_person_without_a_staff_role_cannot_query_members_or_applications(client):
    sign_in_with_second_factor(client, PersonFactory().user)
    assert client.get("/api/v1/registry/members").status_code == 403
    assert client.get("/api/v1/registry/applications").status_code == 403


def test_the_application_queue_through_the_api_hides_other_provinces(client, dpd_jabar, dpd_jatim):
    application = submitted_application()
    sign_in_with_second_factor(client, dpd_jatim)
    assert client.get("/api/v1/registry/applications").json()["items"] == []
    sign_in_with_second_factor(client, dpd_jabar)
    assert [a["id"] for a in client.get("/api/v1/registry/applications").json()["items"]] == [application.pk]


def test_the_registry_endpoints_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {
        "/api/v1/registry/me",
        "/api/v1/registry/members",
        "/api/v1/registry/members/{number}",
        "/api/v1/registry/applications",
    } <= set(paths)


def test_the_api_gives_each_invoice_its_paid_and_outstanding_amounts(client, dpd_jabar):
    member = _verified(dpd_jabar)
    invoice = member.invoices.get()
    services.record_payment(actor=dpd_jabar, invoice=invoice, amount=50_000, paid_on=invoice.period_start)

    sign_in_with_second_factor(client, member.person.user)
    mine = client.get("/api/v1/registry/me").json()["dues"][0]
    assert (mine["amount"], mine["paid"], mine["outstanding"]) == (120_000, 50_000, 70_000)

    sign_in_with_second_factor(client, dpd_jabar)
    staff = client.get(f"/api/v1/registry/members/{member.number}").json()["dues"][0]
    assert (staff["paid"], staff["outstanding"]) == (50_000, 70_000)
