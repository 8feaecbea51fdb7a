"""The council's decisions: unfounded, warning, suspension, revocation. A sanction needs the
member heard first; the member is told at each step, the complainant the outcome's category."""

import datetime

import pytest

from accounts.models import Notification
from accounts.roles import Role
from accounts.tests.factories import UserFactory, make_staff
from core.dates import register_day
from core.errors import DomainError
from credentials.models import Credential
from ethics import services
from ethics.models import Complaint, Outcome, Sanction, StrRecommendation
from ethics.tests.factories import council, decided, examined, member_with_card
from registry.models import Member

pytestmark = pytest.mark.django_db


def test_the_member_is_told_at_each_step_and_every_step_is_in_the_history():
    judge, member = council(), member_with_card()
    complaint = decided(member, judge, Outcome.WARNING)
    told = Notification.objects.filter(user=member.person.user, url__startswith="/etik/perkara/")
    subjects = list(told.order_by("pk").values_list("subject", flat=True))
    assert subjects == [
        "Pengaduan kode etik tentang Anda sedang diperiksa",
        "Sidang Anda telah dicatat",
        f"Putusan Dewan Kode Etik atas pengaduan {complaint.reference}",
    ]
    steps = list(complaint.history.order_by("history_date").values_list("status", "history_change_reason", "history_user"))
    assert [s[0] for s in steps] == ["received", "examination", "hearing", "decided"]
    assert steps[-1][1] == "decided: warning" and steps[-1][2] == judge.pk


def test_a_sanction_is_refused_until_the_member_has_been_heard():
    judge, member = council(), member_with_card()
    complaint = examined(member, judge)
    with pytest.raises(DomainError, match="Dengarkan"):
        services.decide(actor=judge, complaint=complaint, version=complaint.version, outcome=Outcome.WARNING, reason="x")
    complaint.refresh_from_db()
    assert complaint.status == Complaint.State.EXAMINATION and not Sanction.objects.exists()


def test_an_unfounded_complaint_needs_no_hearing_and_closes_once_its_time_is_over():
    judge, member = council(), member_with_card()
    complainant = UserFactory()
    complaint = examined(member, judge, actor=complainant)
    services.decide(
        actor=judge, complaint=complaint, version=complaint.version, outcome=Outcome.UNFOUNDED, reason="Tidak terbukti."
    )
    complaint.refresh_from_db()
    assert complaint.status == Complaint.State.DECIDED and complaint.appeal_until is None
    assert not Sanction.objects.exists()
    told = Notification.objects.filter(user=complainant, subject__contains="hasil").get()
    assert "tidak berdasar" in told.body and "Tidak terbukti" not in told.body  # the category, not the grounds
    services.run_nightly(today=register_day() + datetime.timedelta(days=1))
    complaint.refresh_from_db()
    assert complaint.status == Complaint.State.CLOSED


def test_only_the_council_decides():
    judge, member = council(), member_with_card()
    complaint = decided(member, judge, Outcome.WARNING)
    other = examined(member_with_card("Budi Hartono"), judge)
    with pytest.raises(DomainError):
        services.decide(
            actor=make_staff(Role.DPP_OFFICER), complaint=other, version=other.version, outcome=Outcome.UNFOUNDED, reason="x"
        )
    assert complaint.sanction.kind == Outcome.WARNING


def test_a_revocation_ends_the_membership_once_final_and_recommends_the_str_to_the_dpp():
    judge, member, dpp = council(), member_with_card(), make_staff(Role.DPP_OFFICER)
    complaint = decided(member, judge, Outcome.REVOCATION)
    member.refresh_from_db()
    assert member.status == Member.Status.ACTIVE  # not before the appeal time is over
    services.run_nightly(today=complaint.appeal_until)
    member.refresh_from_db()
    assert member.status == Member.Status.ACTIVE
    services.run_nightly(today=complaint.appeal_until + datetime.timedelta(days=1))
    member.refresh_from_db()
    complaint.refresh_from_db()
    assert member.status == Member.Status.ENDED and member.status_category == "ethics_council"
    assert Credential.objects.get(pk=member.credential_id).status == Credential.Status.REVOKED
    assert complaint.status == Complaint.State.CLOSED
    recommendation = StrRecommendation.objects.get(complaint=complaint)
    assert Notification.objects.filter(user=dpp, subject__contains=complaint.reference).exists()
    # The STR is the DPP's to revoke: nothing is done to it here, only the worklist entry.
    assert recommendation.handled_at is None
    services.handle_str_recommendation(actor=dpp, recommendation=recommendation, note="STR dicabut dengan SK DPP.")
    with pytest.raises(DomainError):
        services.handle_str_recommendation(actor=dpp, recommendation=recommendation, note="lagi")
