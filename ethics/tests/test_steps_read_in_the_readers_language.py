"""The council's complaint page lists every step with why it changed the complaint, in the
reader's language: the steps keep English msgids, never a value written in one language."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.tests.factories import sign_in_with_second_factor
from ethics import services
from ethics.models import Outcome
from ethics.tests.factories import council, decided, member_with_card

pytestmark = pytest.mark.django_db


def test_each_step_of_a_complaint_reads_in_indonesian_and_in_english(client):
    judge, member = council(), member_with_card()
    complaint = decided(member, judge, Outcome.SUSPENSION, suspension_until=datetime.date.today() + datetime.timedelta(days=14))
    services.run_nightly(today=complaint.appeal_until + datetime.timedelta(days=1))
    sign_in_with_second_factor(client, judge)
    url = reverse("ethics:complaint", args=[complaint.pk])

    page = client.get(url).content.decode()
    for step in (
        "diajukan",
        "pemeriksaan dimulai",
        "sidang dicatat",
        "diputus: pemberhentian sementara keanggotaan",
        "ditutup: jangka waktu banding telah lewat",
    ):
        assert f"<td>{step}</td>" in page, step
    assert "examination started" not in page and "appeal time over" not in page

    client.cookies["django_language"] = "en"
    try:
        page = client.get(url).content.decode()
    finally:
        translation.deactivate()  # the request left English active in this thread
    assert "<td>examination started</td>" in page and "<td>decided: suspension</td>" in page
