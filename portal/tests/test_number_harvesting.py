"""Counting member numbers one after another must not list the register, and a person checking
one number must not notice: look-ups of numbers close to ones the same address just asked for,
and look-ups of numbers nobody holds, have limits of their own, and no answer hands out the
credentials' verification (/v/) ids."""

import datetime

import pytest

from registry.models import Member
from registry.tests.factories import PersonFactory, province

from .test_public_register import certificate_credential, verified_member

pytestmark = pytest.mark.django_db

REFUSED = "Terlalu banyak pencarian nomor anggota dari alamat Anda dalam waktu singkat. Silakan coba lagi nanti."


def member_numbered(number: str) -> Member:
    person = PersonFactory(user=None, nik=None)
    return Member.objects.create(
        person=person, number=number, category="biasa", province=province("32"), joined_on=datetime.date(2026, 1, 5)
    )


def thirty_members_in_a_row() -> list[str]:
    return [member_numbered(f"IPSPI.32.2026.{serial:05d}").number for serial in range(1, 31)]


def test_thirty_numbers_in_a_row_from_one_address_are_refused_while_another_address_is_answered(client):
    numbers = thirty_members_in_a_row()
    answers = [client.get(f"/api/v1/public/social-workers/{number}", REMOTE_ADDR="10.2.0.1") for number in numbers]
    codes = [answer.status_code for answer in answers]
    assert codes[:5] == [200] * 5  # a few neighbouring numbers (colleagues of one employer) pass
    assert codes[-10:] == [429] * 10
    assert answers[-1].json() == {"detail": REFUSED} and int(answers[-1]["Retry-After"]) >= 1
    # Someone else checking one number of the same series is answered.
    assert client.get(f"/api/v1/public/social-workers/{numbers[-1]}", REMOTE_ADDR="10.2.0.2").status_code == 200


def test_a_person_checking_the_same_number_again_and_again_is_answered(client):
    [number, *_] = thirty_members_in_a_row()
    assert [client.get(f"/api/v1/public/social-workers/{number}", REMOTE_ADDR="10.2.0.3").status_code for _ in range(30)] == [
        200
    ] * 30


def test_counting_numbers_through_the_search_page_and_the_search_api_is_refused_too(client):
    numbers = thirty_members_in_a_row()
    pages = [client.get("/register/pekerja-sosial/", {"q": number}, REMOTE_ADDR="10.2.0.4") for number in numbers]
    assert [page.status_code for page in pages][-10:] == [429] * 10
    assert REFUSED in pages[-1].content.decode()
    found = [client.get("/api/v1/public/social-workers", {"q": number}, REMOTE_ADDR="10.2.0.5") for number in numbers]
    assert [answer.status_code for answer in found][-10:] == [429] * 10
    assert found[-1].json() == {"detail": REFUSED}
    assert client.get("/register/pekerja-sosial/", {"q": numbers[0]}, REMOTE_ADDR="10.2.0.6").status_code == 200


def test_numbers_nobody_holds_are_counted_tighter_than_numbers_found(client, settings):
    settings.PEKSOS_NUMBER_LOOKUP_MISSES = "5/h"
    # Eight members in eight series (years): no two numbers are neighbours.
    held = [member_numbered(f"IPSPI.32.{2010 + year}.00001").number for year in range(8)]
    assert [client.get(f"/api/v1/public/social-workers/{number}", REMOTE_ADDR="10.2.0.7").status_code for number in held] == [
        200
    ] * 8
    unheld = [f"IPSPI.33.{2010 + year}.00001" for year in range(8)]
    codes = [client.get(f"/api/v1/public/social-workers/{number}", REMOTE_ADDR="10.2.0.8").status_code for number in unheld]
    assert codes == [404] * 5 + [429] * 3
    # Past its misses an address is refused even a number that exists, until the window ends.
    refused = client.get(f"/api/v1/public/social-workers/{held[0]}", REMOTE_ADDR="10.2.0.8")
    assert refused.status_code == 429 and refused.json() == {"detail": REFUSED}
    page = client.get("/register/pekerja-sosial/", {"q": held[0]}, REMOTE_ADDR="10.2.0.8")
    assert page.status_code == 429
    assert client.get(f"/api/v1/public/social-workers/{held[0]}", REMOTE_ADDR="10.2.0.9").status_code == 200


def test_the_limits_are_counted_in_the_shared_cache_when_there_is_one(client, settings):
    from django.core.cache import cache

    from core.tests.test_public_api_rate_limits import SharedCache  # noqa: F401  (the cache class named below)

    settings.CACHES = {
        "default": {"BACKEND": "core.tests.test_public_api_rate_limits.SharedCache", "LOCATION": "number-look-ups"}
    }
    numbers = thirty_members_in_a_row()
    codes = [client.get(f"/api/v1/public/social-workers/{number}", REMOTE_ADDR="10.2.0.10").status_code for number in numbers]
    assert codes[:5] == [200] * 5 and codes[-10:] == [429] * 10
    assert [key for key in cache._cache if "number-lookup" in key and "10.2.0.10" in key]  # where every worker process sees them
    cache.clear()


def test_a_number_look_up_lists_the_credentials_without_their_verification_ids(client):
    member = verified_member("Siti Rahmawati")
    certificate = certificate_credential(member, "LSPS.1")
    hidden = [member.credential.public_id, certificate.public_id, "/v/"]
    by_number = client.get(f"/api/v1/public/social-workers/{member.number}")
    again = client.get(f"/api/v1/public/social-workers/{member.number}")  # the reused answer
    [searched] = client.get("/api/v1/public/social-workers", {"q": member.number}).json()["items"]
    page = client.get("/register/pekerja-sosial/", {"q": member.number})
    for body in (by_number.content.decode(), again.content.decode(), str(searched), page.content.decode()):
        assert not [secret for secret in hidden if secret in body]
    credentials = by_number.json()["credentials"]
    assert [(c["type"], c["number"], c["status"], c["valid_from"]) for c in credentials] == [
        ("member_card", member.number, "valid", member.joined_on.isoformat()),
        ("certificate", "LSPS.1", "valid", member.joined_on.isoformat()),
    ]
    assert "LSPS.1" in page.content.decode()
