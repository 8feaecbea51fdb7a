"""The complainant is told the outcome as far as the law allows: its category, never the
council's grounds (they concern the member's personal data) - in the inbox when they lodged it
signed in, on the status page with their code when they lodged it from the portal."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Notification
from accounts.roles import Role
from accounts.tests.factories import make_staff
from ethics import services
from ethics.models import Outcome
from ethics.tests.factories import council, lodged, member_with_card, pdf

pytestmark = pytest.mark.django_db

GROUNDS = "Terbukti melanggar kerahasiaan klien."


def decide_warning(complaint, judge, member):
    complaint = services.start_examination(
        actor=judge, complaint=complaint, version=complaint.version, member_number=member.number
    )
    services.record_hearing(
        actor=judge,
        complaint=complaint,
        version=complaint.version,
        held_on=datetime.date.today(),
        summary="Anggota mengakui dan menyesal.",
        attachment=pdf("berita-acara.pdf"),
    )
    complaint.refresh_from_db()
    return services.decide(actor=judge, complaint=complaint, version=complaint.version, outcome=Outcome.WARNING, reason=GROUNDS)


def test_an_officer_who_lodged_a_complaint_is_told_its_outcome_once_without_the_grounds():
    judge, member = council(), member_with_card()
    officer = make_staff(Role.DPD_OFFICER, province=member.province)
    complaint, _token = services.lodge_complaint(
        actor=officer,
        complainant_name="DPD IPSPI Jawa Barat",
        complainant_contact="dpd.jabar@example.org",
        respondent_given=member.number,
        account="Laporan lembaga: catatan kasus klien dibagikan di media sosial.",
        as_officer=True,
    )
    decide_warning(complaint, judge, member)
    told = list(Notification.objects.filter(user=officer, subject__contains=complaint.reference))
    assert len([n for n in told if "teguran" in n.body]) == 1
    assert all(GROUNDS not in n.body for n in told)


def test_a_public_complainant_reads_the_outcome_category_on_the_status_page_and_not_the_grounds(client):
    judge, member = council(), member_with_card()
    complaint, token = lodged(member)
    status_url = reverse("ethics:status")
    before = client.get(status_url, {"reference": complaint.reference, "token": token}).content.decode()
    assert 'id="outcome"' not in before
    decide_warning(complaint, judge, member)
    page = client.get(status_url, {"reference": complaint.reference, "token": token}).content.decode()
    assert 'id="outcome">teguran<' in page and GROUNDS not in page and member.person.full_name not in page
