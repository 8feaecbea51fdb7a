"""The council works a complaint through its pages, and an IPSPI officer lodges one from theirs."""

import datetime

import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import make_staff, sign_in_with_second_factor
from ethics.models import Complaint, Outcome
from ethics.tests.factories import council, lodged, member_with_card, pdf
from registry.models import Member

pytestmark = pytest.mark.django_db


def test_the_council_examines_hears_and_decides_through_its_pages(client):
    judge, member = council(), member_with_card()
    complaint, _token = lodged(member)
    sign_in_with_second_factor(client, judge)
    assert complaint.reference in client.get(reverse("ethics:queue")).content.decode()

    def step(name, **data):
        current = Complaint.objects.get(pk=complaint.pk)
        response = client.post(reverse("ethics:complaint_step", args=[complaint.pk, name]), {"version": current.version, **data})
        assert response.status_code == 302
        return Complaint.objects.get(pk=complaint.pk)

    assert step("examine", member_number="IPSPI.99.2020.00001").status == Complaint.State.RECEIVED  # no such member
    assert step("examine", member_number=member.number).respondent_id == member.person_id
    heard = step("hearing", held_on=datetime.date.today().isoformat(), summary="Keterangan anggota.", attachment=pdf())
    assert heard.status == Complaint.State.HEARING and heard.hearings.get().attachment
    until = datetime.date.today() + datetime.timedelta(days=14)
    decided = step("decide", outcome=Outcome.SUSPENSION, suspension_until=until.isoformat(), reason="Terbukti.")
    assert decided.status == Complaint.State.DECIDED and decided.suspension_until == until
    assert Member.objects.get(pk=member.pk).status == Member.Status.SUSPENDED
    page = client.get(reverse("ethics:complaint", args=[complaint.pk])).content.decode()
    assert "diputus" in page and "Tahapan" in page


def test_a_form_sent_again_on_an_earlier_version_changes_nothing(client):
    judge, member = council(), member_with_card()
    complaint, _token = lodged(member)
    sign_in_with_second_factor(client, judge)
    url = reverse("ethics:complaint_step", args=[complaint.pk, "examine"])
    client.post(url, {"version": complaint.version, "member_number": member.number})
    client.post(url, {"version": complaint.version, "member_number": member_with_card("Lain").number})
    assert Complaint.objects.get(pk=complaint.pk).respondent_id == member.person_id


def test_a_dpd_officer_lodges_a_complaint_as_an_officer(client):
    from regions.models import Province

    member = member_with_card()
    officer = make_staff(Role.DPD_OFFICER, province=Province.objects.get(code="35"))
    sign_in_with_second_factor(client, officer)
    response = client.post(
        reverse("ethics:lodge_officer"),
        {
            "complainant_name": "DPD IPSPI Jawa Timur",
            "complainant_contact": "dpd.jatim@example.com",
            "respondent_given": member.number,
            "account": "Laporan dari lembaga tempat anggota bekerja.",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.source == Complaint.Source.OFFICER and complaint.lodged_by == officer
