import pytest

from accounts.roles import Role
from accounts.tests.factories import make_staff
from registry.services import verify_application
from registry.tests.factories import complete_person, province, submitted_application


def verified_member(name="Siti Rahmawati", **person_fields):
    person = complete_person(full_name=name, **person_fields)
    application = submitted_application(person)
    officer = make_staff(Role.DPD_OFFICER, province=province("32"))
    return verify_application(actor=officer, application=application, version=application.version)


PRIVATE = ["nik", "birth_date", "phone", "address", "email", "tanggal_lahir"]


@pytest.mark.django_db
def test_a_name_search_finds_the_member_ignoring_case_and_accents(client):
    member = verified_member("Siti Rahmawati")
    for query in ["siti", "RAHMAWATI", "Sítì Rahmawati", "rahma"]:
        html = client.get("/register/pekerja-sosial/", {"q": query}).content.decode()
        assert member.number in html, query


@pytest.mark.django_db
def test_the_register_shows_only_public_fields(client):
    member = verified_member("Siti Rahmawati")
    person = member.person
    html = client.get("/register/pekerja-sosial/", {"q": "Siti"}).content.decode()
    assert "Siti Rahmawati" in html and member.province.name in html
    for secret in [person.nik, person.phone, person.email, person.address]:
        assert not secret or secret not in html


@pytest.mark.django_db
def test_the_public_api_lists_members_with_their_credentials_and_nothing_private(client):
    member = verified_member("Siti Rahmawati")
    body = client.get("/api/v1/public/social-workers", {"q": "siti"}).json()
    [item] = body["items"]
    assert item["number"] == member.number
    assert item["credentials"][0]["number"] == member.credential.number
    assert member.credential.public_id not in str(body)  # no verification id (portal/api.py)
    assert item["credentials"][0]["type"] == "member_card"
    flat = str(body).lower()
    for key in PRIVATE:
        assert f"'{key}'" not in flat
    assert member.person.nik not in str(body)


@pytest.mark.django_db
def test_a_number_lookup_finds_exactly_that_member(client):
    member = verified_member("Siti Rahmawati")
    verified_member("Budi Santoso")
    body = client.get("/api/v1/public/social-workers", {"q": member.number.lower()}).json()
    assert [i["number"] for i in body["items"]] == [member.number]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["' OR 1=1 --", "<script>alert(1)</script>", "x" * 5000, "%", "_"])
def test_hostile_or_long_queries_get_a_plain_answer(client, query):
    verified_member("Siti Rahmawati")
    page = client.get("/register/pekerja-sosial/", {"q": query})
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.content.decode()
    api = client.get("/api/v1/public/social-workers", {"q": query})
    assert api.status_code == 200
    assert api.json()["items"] == []


@pytest.mark.django_db
def test_an_empty_search_does_not_list_the_whole_register(client):
    verified_member("Siti Rahmawati")
    assert client.get("/api/v1/public/social-workers").json()["items"] == []


def certificate_credential(member, number):
    from credentials.models import Credential
    from credentials.services import issue_credential

    return issue_credential(
        actor=None,
        kind=Credential.Kind.CERTIFICATE,
        subject=member,
        holder=member.person,
        number=number,
        holder_name=member.person.full_name,
        issuer_name="LSP Pekerja Sosial",
        valid_from=member.joined_on,
        valid_until=None,
    )


@pytest.mark.django_db
def test_a_page_of_the_register_costs_the_same_queries_however_many_members_and_credentials(client, django_assert_num_queries):
    for n in range(8):
        member = verified_member(f"Siti Nurhaliza {n}", nik=None)
        certificate_credential(member, f"LSPS.{n}")
    with django_assert_num_queries(1):  # the member beside every credential they hold (never sanctioned: no more)
        [found] = client.get("/api/v1/public/social-workers", {"q": member.number}).json()["items"]
    assert [c["type"] for c in found["credentials"]] == ["member_card", "certificate"]
    client.get("/api/v1/public/social-workers", {"q": "nurhaliza"})  # the connection learns whether SQLite has the name index
    # A name search first sizes the match in the name index with one bounded count, then reads
    # the members and their credentials (sanctions only for those ever sanctioned: none here).
    with django_assert_num_queries(3):
        body = client.get("/api/v1/public/social-workers", {"q": "siti"}).json()
    assert len(body["items"]) == 8
    assert all([c["type"] for c in item["credentials"]] == ["member_card", "certificate"] for item in body["items"])


@pytest.mark.django_db
def test_a_member_card_that_is_no_longer_the_members_card_is_not_listed(client):
    from credentials.models import Credential
    from credentials.services import issue_credential

    member = verified_member("Siti Rahmawati")
    issue_credential(
        actor=None,
        kind=Credential.Kind.MEMBER_CARD,
        subject=member,
        holder=member.person,
        number="IPSPI.OLD.CARD",
        holder_name=member.person.full_name,
        issuer_name="IPSPI",
        valid_from=member.joined_on,
        valid_until=None,
    )
    [item] = client.get("/api/v1/public/social-workers", {"q": member.number}).json()["items"]
    assert [c["number"] for c in item["credentials"]] == [member.credential.number]


@pytest.mark.django_db
def test_a_fully_credentialed_social_worker_shows_card_certificate_str_and_licence(client):
    from licensing.models import LicensingAuthority
    from licensing.services import apply_for_licence, apply_for_str, decide_licence, decide_str
    from licensing.tests.factories import certified_person, pdf
    from regions.models import Regency
    from registry.models import Member

    person, certificate = certified_person()
    Member.objects.create(
        person=person, number="IPSPI.32.2026.00077", category="biasa", province=person.province, joined_on=certificate.issued_on
    )
    application = apply_for_str(
        actor=person.user, certificate=certificate, health_statement=pdf(), oath_taken=True, code_of_ethics=True
    )
    str_record = decide_str(
        actor=make_staff(Role.DPP_OFFICER), application=application, version=application.version, approve=True
    )
    licence_application = apply_for_licence(
        actor=person.user,
        certificate=certificate,
        str_record=str_record,
        setting="institution",
        place="LKS",
        regency=Regency.objects.get(code="32.73"),
        field="anak",
    )
    import datetime

    decide_licence(
        actor=make_staff(Role.LICENSING_OFFICER, organisation=LicensingAuthority.objects.get(regency__code="32.73")),
        application=licence_application,
        version=licence_application.version,
        grant=True,
        decree_number="1",
        decree_date=datetime.date.today(),
    )
    [item] = client.get("/api/v1/public/social-workers", {"q": "IPSPI.32.2026.00077"}).json()["items"]
    assert [c["type"] for c in item["credentials"]] == ["certificate", "str", "licence"]


@pytest.mark.django_db
def test_a_number_lookup_answers_from_what_the_register_holds_now_not_from_a_kept_answer(client, monkeypatch):
    import datetime

    from credentials.models import Credential
    from credentials.services import change_status

    member = verified_member("Siti Rahmawati")

    def card():
        [item] = client.get("/api/v1/public/social-workers", {"q": member.number}).json()["items"]
        return item["credentials"][0]

    assert card()["status"] == "valid" and card()["status"] == "valid"  # the second answer reuses the JSON
    change_status(
        actor=None,
        credential=member.credential,
        status=Credential.Status.SUSPENDED,
        reason="Iuran",
        category=Credential.StatusCategory.DUES_UNPAID,
    )
    assert card()["status"] == "suspended"
    # The last day of validity passing, with no write at all, is seen at once too.
    from django.utils import timezone

    Credential.objects.filter(pk=member.credential.pk).update(status="valid", valid_until=timezone.localdate())
    assert card()["status"] == "valid"
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)
    assert card()["status"] == "expired"
    Credential.objects.filter(pk=member.credential.pk).update(holder_name="Nama Diganti")
    assert card()["holder"] == "Nama Diganti"


@pytest.mark.django_db
def test_the_public_api_answer_still_matches_its_documented_schema(client):
    from portal.public_path import SocialWorkerResults

    verified_member("Siti Rahmawati")
    response = client.get("/api/v1/public/social-workers", {"q": "siti"})
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert SocialWorkerResults.model_validate_json(response.content).items[0].name == "Siti Rahmawati"


@pytest.mark.django_db
def test_a_member_number_in_the_address_opens_that_social_worker_with_their_credentials(client, django_assert_num_queries):
    from portal.public_path import SocialWorkerItem

    member = verified_member("Siti Rahmawati")
    certificate_credential(member, "LSPS.1")
    verified_member("Budi Santoso")
    with django_assert_num_queries(1):  # the member beside every credential they hold
        response = client.get(f"/api/v1/public/social-workers/{member.number.lower()}")
    assert response.status_code == 200 and response["Content-Type"] == "application/json; charset=utf-8"
    item = SocialWorkerItem.model_validate_json(response.content)
    assert (item.name, item.number, item.membership_status) == ("Siti Rahmawati", member.number, "active")
    assert [(c.type, c.number) for c in item.credentials][0] == ("member_card", member.credential.number)
    assert [c.type for c in item.credentials] == ["member_card", "certificate"]
    # The same member as the search shows them, and nothing private.
    [listed] = client.get("/api/v1/public/social-workers", {"q": member.number}).json()["items"]
    assert response.json() == listed
    assert member.person.nik not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("number", ["IPSPI.99.2024.00001", "<img src=x onerror=alert(1)>", "' OR 1=1 --", "x" * 5000, "siti"])
def test_an_unknown_or_hostile_member_number_is_a_plain_not_found_in_indonesian(client, number):
    verified_member("Siti Rahmawati")
    response = client.get(f"/api/v1/public/social-workers/{number}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Tidak ada pekerja sosial dengan nomor anggota ini."}


@pytest.mark.django_db
def test_the_number_look_up_follows_a_revocation_at_once(client):
    from credentials.models import Credential
    from credentials.services import change_status

    member = verified_member("Siti Rahmawati")

    def card_status():
        return client.get(f"/api/v1/public/social-workers/{member.number}").json()["credentials"][0]["status"]

    assert card_status() == "valid" and card_status() == "valid"  # the second answer reuses the JSON
    change_status(
        actor=None,
        credential=member.credential,
        status=Credential.Status.REVOKED,
        reason="Pelanggaran kode etik",
        category=Credential.StatusCategory.ETHICS_COUNCIL,
    )
    assert card_status() == "revoked"


def test_the_api_documents_the_number_look_up_that_django_serves_ahead_of_it():
    from django.urls import resolve

    from config.api import api
    from portal.public_path import LOOKUPS

    [lookup] = [lookup for lookup in LOOKUPS if lookup.name == "social-worker"]
    operation = api.get_openapi_schema()["paths"]["/api/v1/public/social-workers/{number}"]["get"]
    assert set(operation["responses"]) == {200, 404, 429, 503}
    assert resolve("/api/v1/public/social-workers/IPSPI.32.2024.00001").func is lookup.view


@pytest.mark.django_db
def test_a_process_that_has_read_no_page_yet_answers_a_number_look_up(client, monkeypatch):
    from portal import registers

    member = verified_member("Siti Rahmawati")
    certificate_credential(member, "LSPS.1")
    # What a new worker process starts with: no query compiled yet.
    monkeypatch.setattr(registers, "_HELD_BY", {})
    registers._member_with_credentials.cache_clear()
    [entry] = registers.read_member(member.number).entries()
    assert [c.kind for c in entry.credentials] == ["member_card", "certificate"]
    registers._member_with_credentials.cache_clear()
