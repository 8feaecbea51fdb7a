import csv
import datetime
import io

import pytest
from openpyxl import Workbook, load_workbook

from credentials.models import Credential
from credentials.services import change_status

from .helpers import accredited, member_with_every_credential

pytestmark = pytest.mark.django_db

URL = "/api/v1/public/verifications"


def post(client, numbers, **query):
    suffix = "?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""
    return client.post(URL + suffix, {"numbers": numbers}, content_type="application/json")


def test_each_number_is_answered_in_the_order_given_with_not_found_and_repeats_in_place(client):
    member, credentials = member_with_every_credential("Siti Rahmawati")
    accreditation = accredited("LKS Anak Harapan Bangsa")
    change_status(
        actor=None, credential=credentials["licence"], status="revoked", reason="pelanggaran", category="ethics_council"
    )
    asked = [
        credentials["str"].number,
        "TIDAK.ADA.123",
        member.number.lower(),
        credentials["licence"].number,
        accreditation.decree_number,
        credentials["str"].number,
        credentials["certificate"].number,
    ]
    response = post(client, asked)
    assert response.status_code == 200
    items = response.json()["items"]
    assert [i["number"] for i in items] == asked
    assert [i["answer"] for i in items] == ["valid", "not_found", "valid", "invalid", "valid", "valid", "valid"]
    assert [i["kind"] for i in items] == ["str", "", "member_card", "licence", "accreditation", "str", "certificate"]
    revoked = items[3]
    assert revoked["status"] == "revoked"
    assert revoked["status_reason"] == "atas keputusan Dewan Kode Etik"
    assert "pelanggaran" not in response.content.decode()  # the officer's words stay with staff
    assert items[0]["holder"] == "Siti Rahmawati" and items[4]["holder"] == "LKS Anak Harapan Bangsa"
    assert items[0]["verification_url"].endswith(credentials["str"].public_id)
    assert items[1] == {
        "number": "TIDAK.ADA.123",
        "answer": "not_found",
        "kind": "",
        "holder": "",
        "status": "",
        "status_reason": "",
        "valid_until": None,
        "verification_url": "",
    }
    assert member.person.nik is None or member.person.nik not in response.content.decode()


def test_an_expired_credential_is_answered_invalid_with_its_end(client):
    member, credentials = member_with_every_credential()
    Credential.objects.filter(pk=credentials["str"].pk).update(
        valid_until=datetime.date(2024, 1, 1), valid_from=datetime.date(2020, 1, 1)
    )
    [item] = post(client, [credentials["str"].number]).json()["items"]
    assert (item["answer"], item["status"], item["valid_until"]) == ("invalid", "expired", "2024-01-01")


def test_a_decree_naming_several_lks_is_valid_only_while_all_are(client):
    first = accredited("LKS Satu", decree="50/HUK/2026")
    accredited("LKS Dua", decree="50/HUK/2026")
    [item] = post(client, ["50/HUK/2026"]).json()["items"]
    assert (item["answer"], item["kind"], item["holder"]) == ("valid", "accreditation_decree", "LKS Satu; LKS Dua")
    change_status(actor=None, credential=first.credential, status="revoked", reason="x", category="incorrect_data")
    [item] = post(client, ["50/HUK/2026"]).json()["items"]
    assert (item["answer"], item["status"]) == ("invalid", "revoked")


def test_the_answer_downloads_as_csv_and_xlsx_with_the_same_rows(client):
    member, credentials = member_with_every_credential()
    asked = [credentials["certificate"].number, "TIDAK.ADA"]
    response = post(client, asked, format="csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["number", "answer", "kind", "holder", "status", "status_reason", "valid_until", "verification_url"]
    assert rows[1][:5] == [credentials["certificate"].number, "valid", "certificate", "Siti Rahmawati", "valid"]
    assert rows[2][:2] == ["TIDAK.ADA", "not_found"]
    response = post(client, asked, format="xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[1][:3] == [credentials["certificate"].number, "valid", "certificate"]
    assert values[2][:2] == ["TIDAK.ADA", "not_found"]


def test_more_than_100_numbers_are_refused_with_a_clear_message_and_nothing_checked(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = post(client, [f"N.{i}" for i in range(101)])
    assert response.status_code == 422
    assert "paling banyak 100 nomor" in response.json()["detail"]
    assert post(client, []).status_code == 422


def test_checking_100_numbers_costs_as_many_queries_as_checking_one(client, django_assert_num_queries):
    numbers = []
    for n in range(1, 4):
        _member, credentials = member_with_every_credential(f"Orang {n}", serial=n)
        numbers += [c.number for c in credentials.values()]
    numbers.append(accredited().decree_number)
    with django_assert_num_queries(3):  # the credentials by number, the accreditations and the licences by decree
        one = post(client, numbers[:1]).json()["items"]
    hundred = (numbers * 8)[:100]
    with django_assert_num_queries(3):
        items = post(client, hundred).json()["items"]
    assert one[0]["answer"] == "valid"
    assert len(items) == 100 and all(i["answer"] == "valid" for i in items)


def test_the_public_limit_counts_each_number(client):
    assert post(client, [f"N.{i}" for i in range(100)]).status_code == 200
    assert post(client, [f"N.{i}" for i in range(20)]).status_code == 200  # 120 numbers in this minute
    refused = post(client, ["N.1"])
    assert refused.status_code == 429 and refused["Retry-After"]
    assert "Terlalu banyak" in refused.json()["detail"]


def test_the_openapi_document_describes_the_bulk_check_with_its_refusals(client):
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/public/verifications"]["post"]
    assert {"200", "422", "429"} <= set(operation["responses"])


def test_the_page_checks_pasted_numbers_and_offers_the_downloads(client):
    member, credentials = member_with_every_credential()
    page = client.post("/verifikasi-massal/", {"numbers": f"{credentials['str'].number}\nTIDAK.ADA"})
    html = page.content.decode()
    assert page.status_code == 200
    assert html.index(credentials["str"].number) < html.index("TIDAK.ADA")
    assert "tidak ditemukan" in html and "Unduh CSV" in html
    download = client.post("/verifikasi-massal/", {"numbers": f"{credentials['str'].number}\nTIDAK.ADA", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(download.content)).active
    assert [row[1] for row in sheet.iter_rows(values_only=True)] == ["answer", "valid", "not_found"]


def test_the_page_reads_numbers_from_an_uploaded_csv_or_xlsx(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    member, credentials = member_with_every_credential()
    csv_file = SimpleUploadedFile("daftar.csv", f"nomor;catatan\n{credentials['licence'].number};x\n".encode(), "text/csv")
    assert credentials["licence"].number in client.post("/verifikasi-massal/", {"file": csv_file}).content.decode()
    workbook = Workbook()
    workbook.active.append(["Nomor"])
    workbook.active.append([credentials["certificate"].number])
    buffer = io.BytesIO()
    workbook.save(buffer)
    xlsx_file = SimpleUploadedFile("daftar.xlsx", buffer.getvalue())
    html = client.post("/verifikasi-massal/", {"file": xlsx_file}).content.decode()
    assert credentials["certificate"].number in html and "Siti Rahmawati" in html


def test_the_page_refuses_101_numbers_and_a_file_it_cannot_read(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = client.post("/verifikasi-massal/", {"numbers": "\n".join(f"N.{i}" for i in range(101))})
    assert page.status_code == 422 and "paling banyak 100 nomor" in page.content.decode()
    broken = SimpleUploadedFile("daftar.xlsx", b"bukan xlsx")
    page = client.post("/verifikasi-massal/", {"file": broken})
    assert page.status_code == 422 and "tidak dapat dibaca" in page.content.decode()
