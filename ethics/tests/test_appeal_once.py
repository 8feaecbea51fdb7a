"""The member may appeal a sanction once, within the period the DPP set (data); an annulment
ends the sanction at once."""

import datetime

import pytest
from django.urls import reverse

from accounts.tests.factories import sign_in_with_second_factor
from core.dates import register_day
from core.errors import DomainError
from credentials.models import Credential
from ethics import services
from ethics.models import AppealPeriod, Complaint, Outcome, Sanction
from ethics.tests.factories import council, decided, member_with_card
from registry.models import Member

pytestmark = pytest.mark.django_db


def test_the_appeal_deadline_comes_from_the_period_in_force():
    period = AppealPeriod.objects.in_force(register_day()).get()
    assert period.days == 30 and "DPP IPSPI" in period.source
    complaint = decided(member_with_card(), council(), Outcome.WARNING)
    assert complaint.appeal_until == register_day() + datetime.timedelta(days=30) and complaint.appeal_period == period


def test_a_member_appeals_once_only(client):
    judge, member = council(), member_with_card()
    complaint = decided(member, judge, Outcome.WARNING)
    sign_in_with_second_factor(client, member.person.user)
    url = reverse("ethics:my_case", args=[complaint.pk])
    assert "Banding" in client.get(url).content.decode()
    assert client.post(url, {"grounds": "Saya tidak diberi kesempatan membawa saksi."}).status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Complaint.State.APPEALED and complaint.appealed_at is not None
    with pytest.raises(DomainError, match="satu kali"):
        services.appeal(actor=member.person.user, complaint=complaint, grounds="lagi")
    services.decide_appeal(
        actor=judge, complaint=complaint, version=complaint.version, outcome=Complaint.AppealOutcome.UPHELD, reason="Tetap."
    )
    complaint.refresh_from_db()
    with pytest.raises(DomainError, match="satu kali"):
        services.appeal(actor=member.person.user, complaint=complaint, grounds="sekali lagi")
    assert complaint.status == Complaint.State.APPEAL_DECIDED
    assert complaint.history.filter(status="appealed").count() == 1


def test_no_appeal_after_the_deadline(client):
    judge, member = council(), member_with_card()
    complaint = decided(member, judge, Outcome.WARNING)
    Complaint.objects.filter(pk=complaint.pk).update(appeal_until=register_day() - datetime.timedelta(days=1))
    complaint.refresh_from_db()
    with pytest.raises(DomainError, match="tidak dapat lagi"):
        services.appeal(actor=member.person.user, complaint=complaint, grounds="terlambat")
    complaint.refresh_from_db()
    assert complaint.status == Complaint.State.DECIDED and complaint.appealed_at is None


def test_only_the_member_complained_about_appeals():
    judge, member = council(), member_with_card()
    complaint = decided(member, judge, Outcome.WARNING)
    other = member_with_card("Budi Hartono")
    with pytest.raises(DomainError):
        services.appeal(actor=other.person.user, complaint=complaint, grounds="bukan saya")
    with pytest.raises(DomainError):
        services.appeal(actor=judge, complaint=complaint, grounds="bukan saya")


def test_an_annulled_suspension_is_lifted_at_once_and_leaves_the_public_register():
    judge, member = council(), member_with_card()
    complaint = decided(member, judge, Outcome.SUSPENSION, suspension_until=register_day() + datetime.timedelta(days=90))
    services.appeal(actor=member.person.user, complaint=complaint, grounds="Tidak terbukti.")
    complaint.refresh_from_db()
    services.decide_appeal(
        actor=judge, complaint=complaint, version=complaint.version, outcome=Complaint.AppealOutcome.ANNULLED, reason="Batal."
    )
    member.refresh_from_db()
    assert member.status == Member.Status.ACTIVE
    assert Credential.objects.get(pk=member.credential_id).status == Credential.Status.VALID
    sanction = Sanction.objects.get(complaint=complaint)
    assert sanction.state == Sanction.State.ANNULLED
    assert not Sanction.objects.public_on(register_day()).exists()
    assert sanction.history.filter(state="in_force").exists()
