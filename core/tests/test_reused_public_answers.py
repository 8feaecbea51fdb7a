"""The public look-ups answered from a reused rendering by portal.public_path.ReusedAnswerMiddleware,
without the middleware that concern sessions and sign-in. Such a request never gets
`request.user` (AuthenticationMiddleware is skipped): that is how these tests tell which way a
request went."""

import pytest
from django.db import OperationalError

from accounts.roles import Role
from accounts.tests.factories import make_staff, sign_in_with_second_factor
from credentials.models import Credential
from credentials.services import change_status
from credentials.tests.factories import issue


def answered_without_the_full_chain(response) -> bool:
    return not hasattr(response.wsgi_request, "user")


@pytest.mark.django_db
def test_a_reused_verification_page_is_the_same_page_with_the_same_headers(client, settings):
    settings.SECURE_HSTS_SECONDS = 3600  # as in production (tests run with DEBUG)
    credential = issue()
    drawn = client.get(f"/v/{credential.public_id}", secure=True)
    reused = client.get(f"/v/{credential.public_id}", secure=True)
    assert not answered_without_the_full_chain(drawn) and answered_without_the_full_chain(reused)
    assert reused.status_code == drawn.status_code == 200
    assert reused.content == drawn.content
    assert dict(reused.headers) == dict(drawn.headers)
    assert {"Content-Security-Policy", "X-Frame-Options", "Strict-Transport-Security", "Content-Language", "Vary"} <= set(
        reused.headers
    )
    assert reused["Cache-Control"] == "private, no-cache" and not reused.cookies


@pytest.mark.django_db
def test_a_revocation_shows_at_once_even_where_the_page_was_reused(client):
    credential = issue()
    client.get(f"/v/{credential.public_id}")
    assert "SAH" in client.get(f"/v/{credential.public_id}").content.decode()
    change_status(
        actor=None,
        credential=credential,
        status=Credential.Status.REVOKED,
        reason="Pelanggaran kode etik",
        category=Credential.StatusCategory.ETHICS_COUNCIL,
    )
    page = client.get(f"/v/{credential.public_id}")
    assert "DICABUT" in page.content.decode()


@pytest.mark.django_db
def test_a_signed_in_officer_and_a_date_query_always_go_through_the_whole_site(client):
    credential = issue()
    client.get(f"/v/{credential.public_id}")
    assert not answered_without_the_full_chain(client.get(f"/v/{credential.public_id}", {"tanggal": "2026-01-01"}))
    sign_in_with_second_factor(client, make_staff(Role.DPP_OFFICER))
    assert not answered_without_the_full_chain(client.get(f"/v/{credential.public_id}"))


@pytest.mark.django_db
def test_each_request_counts_once_against_the_visitors_limit_whichever_way_it_went(client):
    from portal.public_path import LOOKUPS

    [verify] = [lookup for lookup in LOOKUPS if lookup.name == "verify"]
    credential = issue()
    limit = verify.view.rate_limit.limit
    answers = [client.get(f"/v/{credential.public_id}", REMOTE_ADDR="10.0.1.1").status_code for _ in range(limit)]
    assert answers == [200] * limit
    refused = client.get(f"/v/{credential.public_id}", REMOTE_ADDR="10.0.1.1")
    assert refused.status_code == 429 and 1 <= int(refused["Retry-After"]) <= 60
    assert client.get(f"/v/{credential.public_id}", REMOTE_ADDR="10.0.1.2").status_code == 200


@pytest.mark.django_db
def test_a_database_gone_away_during_a_reused_answer_gets_the_sites_own_503(client, monkeypatch):
    credential = issue()
    client.get(f"/v/{credential.public_id}")

    def unavailable(public_id):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("portal.registers.read_verification", unavailable)
    page = client.get(f"/v/{credential.public_id}")
    assert page.status_code == 503 and page["Retry-After"] == "30"


@pytest.mark.django_db
def test_a_reused_number_look_up_is_the_same_json_with_the_same_headers(client):
    from portal.tests.test_public_register import verified_member

    member = verified_member("Siti Rahmawati")
    made = client.get(f"/api/v1/public/social-workers/{member.number}")
    reused = client.get(f"/api/v1/public/social-workers/{member.number}")
    assert not answered_without_the_full_chain(made) and answered_without_the_full_chain(reused)
    assert reused.content == made.content and dict(reused.headers) == dict(made.headers)
    change_status(
        actor=None,
        credential=member.credential,
        status=Credential.Status.SUSPENDED,
        reason="Iuran",
        category=Credential.StatusCategory.DUES_UNPAID,
    )
    assert client.get(f"/api/v1/public/social-workers/{member.number}").json()["credentials"][0]["status"] == "suspended"
