import datetime

import pytest

from accreditation.models import Accreditation, AccreditationApplication
from accreditation.tests.factories import LKSFactory
from credentials.models import Credential
from credentials.services import issue_credential


def accredited(name="LKS Anak Harapan Bangsa", grade="B"):
    lks = LKSFactory(name=name, phone="0812-0000-1111", email="rahasia@lks.id")
    application = AccreditationApplication.objects.create(lks=lks, status=AccreditationApplication.Status.DETERMINED)
    accreditation = Accreditation.objects.create(
        lks=lks,
        application=application,
        grade=grade,
        score=75,
        certificate_number=f"BALKS/{grade}/2026/{application.pk:05d}",
        decree_number="45/HUK/2026",
        decree_date=datetime.date(2026, 10, 1),
        valid_from=datetime.date(2026, 10, 1),
        valid_until=datetime.date(2029, 9, 30),
    )
    accreditation.credential = issue_credential(
        actor=None,
        kind=Credential.Kind.ACCREDITATION,
        subject=accreditation,
        holder=lks,
        number=accreditation.certificate_number,
        holder_name=lks.name,
        issuer_name="Menteri Sosial",
        valid_from=accreditation.valid_from,
        valid_until=accreditation.valid_until,
    )
    accreditation.save()
    return lks


@pytest.mark.django_db
def test_the_public_lks_api_gives_grade_validity_and_status(client):
    accredited()
    body = client.get("/api/v1/public/lks", {"q": "harapan bangsa"}).json()
    [item] = body["items"]
    assert item["accreditation"] == {
        "grade": "B",
        "valid_from": "2026-10-01",
        "valid_until": "2029-09-30",
        "status": "valid",
        "certificate_number": item["accreditation"]["certificate_number"],
    }
    assert item["credentials"][0]["id"]
    assert "rahasia@lks.id" not in str(body) and "0812" not in str(body)


@pytest.mark.django_db
def test_the_register_searches_by_regency_and_target_group(client):
    accredited()
    assert len(client.get("/api/v1/public/lks", {"regency": "32.73", "target_group": "anak"}).json()["items"]) == 1
    assert client.get("/api/v1/public/lks", {"regency": "32.04"}).json()["items"] == []
    html = client.get("/register/lks/", {"q": "Harapan"}).content.decode()
    assert "LKS Anak Harapan Bangsa" in html and "Kota Bandung" in html


@pytest.mark.django_db
def test_the_lks_search_costs_the_same_queries_for_many_institutions(client, django_assert_max_num_queries):
    for n in range(10):
        accredited(name=f"LKS Harapan {n}")
    with django_assert_max_num_queries(5):
        assert len(client.get("/api/v1/public/lks", {"q": "harapan"}).json()["items"]) == 10


@pytest.mark.django_db
def test_control_characters_in_a_search_are_dropped_not_sent_to_the_database(client):
    accredited()
    body = client.get(
        "/api/v1/public/lks", {"q": "harapan\x00 bangsa", "target_group": "anak\x00", "regency": "32.73\x00"}
    ).json()
    assert [i["name"] for i in body["items"]] == ["LKS Anak Harapan Bangsa"]
    assert client.get("/api/v1/public/social-workers", {"q": "\x00", "province": "3\x002"}).status_code == 200
    assert client.get("/register/lks/", {"q": "\x00Harapan"}).status_code == 200
