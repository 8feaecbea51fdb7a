"""A complaint from the public through the portal: a reference and a secret code come back, the
evidence is stored privately, and bad input changes nothing."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Notification
from core import numbering
from ethics.models import Complaint, Evidence
from ethics.tests.factories import council, member_with_card, pdf

pytestmark = pytest.mark.django_db


def form(member, **overrides):
    data = {
        "complainant_name": "Budi Santoso",
        "complainant_contact": "0812-1111-2222",
        "respondent_given": member.number,
        "account": "Pekerja sosial membuka data klien kepada wartawan.",
        "consent": "on",
        "evidence": pdf(),
    }
    data.update(overrides)
    return data


def test_a_public_complaint_is_registered_with_a_reference_and_a_secret_code(client):
    member, judge = member_with_card(), council()
    response = client.post(reverse("ethics:lodge"), form(member))
    assert response.status_code == 302 and response["Location"] == reverse("ethics:lodged")
    page = client.get(response["Location"]).content.decode()
    complaint = Complaint.objects.get()
    assert complaint.reference == f"ETIK.{datetime.date.today().year}.00001" and complaint.reference in page
    assert complaint.status == Complaint.State.RECEIVED and complaint.source == Complaint.Source.PUBLIC
    assert complaint.lodged_by is None and complaint.complainant_name == "Budi Santoso"
    # The code is shown once and kept only as a hash.
    token = page.split('<code id="token">')[1].split("</code>")[0]
    assert token and token not in complaint.token_hash and complaint.token_hash == Complaint.hash_token(token)
    assert client.get(reverse("ethics:lodged")).status_code == 302  # not shown a second time
    evidence = Evidence.objects.get()
    assert evidence.file.name.startswith("ethics/evidence/") and "bukti" not in evidence.file.name
    assert Notification.objects.filter(user=judge, subject__contains=complaint.reference).exists()
    # The complainant follows it with the reference and the code: the stage, nothing private.
    status = client.get(reverse("ethics:status"), {"reference": complaint.reference.lower(), "token": token})
    body = status.content.decode()
    assert 'id="stage">diterima<' in body and member.person.full_name not in body


@pytest.mark.parametrize(
    "overrides",
    [
        {"account": "   "},
        {"complainant_name": ""},
        {"consent": ""},
        {"evidence": SimpleUploadedFile("bukti.pdf", b"<html><script>alert(1)</script>", content_type="application/pdf")},
    ],
    ids=["no account", "no name", "no consent", "evidence not a real PDF"],
)
def test_bad_input_is_answered_in_indonesian_and_nothing_is_saved(client, overrides):
    member = member_with_card()
    response = client.post(reverse("ethics:lodge"), form(member, **overrides))
    assert response.status_code == 200
    assert "invalid-feedback" in response.content.decode() or "errorlist" in response.content.decode()
    assert not Complaint.objects.exists() and not Evidence.objects.exists()
    assert numbering.peek(f"ethics_complaint:{datetime.date.today().year}") == 0


def test_the_status_page_answers_nothing_for_a_wrong_code(client):
    member = member_with_card()
    client.post(reverse("ethics:lodge"), form(member))
    complaint = Complaint.objects.get()
    body = client.get(reverse("ethics:status"), {"reference": complaint.reference, "token": "tebakan"}).content.decode()
    assert "Tidak ada pengaduan" in body and 'id="stage"' not in body
