import pytest

from .helpers import accredited, member_with_every_credential, verified_member

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["member_card", "certificate", "str", "licence"])
def test_the_public_register_api_finds_the_holder_by_each_number_kind(client, kind):
    member, credentials = member_with_every_credential("Siti Rahmawati")
    verified_member("Budi Santoso")
    number = credentials[kind].number
    for asked in (number, number.lower()):
        items = client.get("/api/v1/public/social-workers", {"q": asked}).json()["items"]
        assert [i["number"] for i in items] == [member.number], asked


@pytest.mark.parametrize("kind", ["certificate", "str", "licence"])
def test_the_register_page_finds_the_holder_by_a_credential_number(client, kind):
    member, credentials = member_with_every_credential("Siti Rahmawati")
    html = client.get("/register/pekerja-sosial/", {"q": credentials[kind].number}).content.decode()
    assert member.number in html and "Siti Rahmawati" in html


def test_an_accreditation_certificate_or_decree_number_finds_the_lks(client):
    accreditation = accredited("LKS Anak Harapan Bangsa", decree="45/HUK/2026")
    accredited("LKS Lain Sekali", decree="46/HUK/2026")
    for asked in (accreditation.certificate_number, "45/HUK/2026", "45/huk/2026"):
        items = client.get("/api/v1/public/lks", {"q": asked}).json()["items"]
        assert [i["name"] for i in items] == ["LKS Anak Harapan Bangsa"], asked


def test_one_search_box_answers_with_people_and_institutions(client):
    member, credentials = member_with_every_credential("Siti Rahmawati")
    accredited("LKS Siti Harapan", decree="47/HUK/2026")
    page = client.get("/cari/", {"q": "siti"}).content.decode()
    assert "Pekerja sosial" in page and "Lembaga (LKS)" in page
    assert member.number in page and "LKS Siti Harapan" in page
    by_number = client.get("/cari/", {"q": credentials["str"].number}).content.decode()
    assert member.number in by_number and "LKS Siti Harapan" not in by_number
    by_decree = client.get("/cari/", {"q": "47/HUK/2026"}).content.decode()
    assert "LKS Siti Harapan" in by_decree and member.number not in by_decree


def test_a_number_nobody_holds_finds_nobody(client):
    member_with_every_credential("Siti Rahmawati")
    assert client.get("/api/v1/public/social-workers", {"q": "STR.IPSPI.2025.99999"}).json()["items"] == []
    assert client.get("/api/v1/public/lks", {"q": "BALKS/A/2026/99999"}).json()["items"] == []


def test_a_number_search_costs_a_constant_number_of_queries(client, django_assert_num_queries):
    numbers = []
    for n in range(1, 4):
        _member, credentials = member_with_every_credential(f"Siti Nurhaliza {n}", serial=n)
        numbers.append(credentials["licence"].number)
    for number in numbers:
        with django_assert_num_queries(2):  # the members holding the number, their credentials (never sanctioned)
            [item] = client.get("/api/v1/public/social-workers", {"q": number}).json()["items"]
        assert number in [c["number"] for c in item["credentials"]]
