import datetime

import pytest

from accounts.tests.factories import sign_in_with_second_factor
from accreditation import services
from accreditation.models import AssessorProposal
from accreditation.tests.factories import assessor
from core.errors import DomainError, NotAllowed


@pytest.mark.django_db
def test_balks_proposes_an_appointment_and_the_ministers_approval_takes_the_assessor_into_the_pool(client, world):
    candidate = assessor("Calon Asesor", active_until=datetime.date(2020, 12, 31))
    sign_in_with_second_factor(client, world["balks"])

    client.post(
        "/akreditasi/asesor/",
        {"assessor": candidate.pk, "kind": "appoint", "reason": "Lulus pelatihan asesor 2026", "letter_number": "12/BALKS/2026"},
    )
    proposal = AssessorProposal.objects.get(assessor=candidate)
    assert proposal.status == "proposed" and proposal.criteria == {"education": True, "trained": True, "experience": True}
    assert proposal.proposed_by == world["balks"] and not candidate.is_active()

    client.post(
        f"/akreditasi/asesor/usulan/{proposal.pk}/",
        {"approved": "1", "decree": "Kepmensos 9/HUK/2026", "decided_on": "2026-02-01"},
    )

    proposal.refresh_from_db()
    candidate.refresh_from_db()
    assert proposal.status == "approved" and proposal.decree == "Kepmensos 9/HUK/2026"
    assert candidate.active_from == datetime.date(2026, 2, 1) and candidate.active_until is None
    assert candidate.history.first().history_change_reason == "appoint by Kepmensos 9/HUK/2026"


@pytest.mark.django_db
def test_an_appointment_is_not_proposed_for_someone_who_misses_a_criterion(world):
    untrained = assessor("Belum Terlatih", trained=False, active_until=datetime.date(2020, 12, 31))

    with pytest.raises(DomainError, match="Belum Terlatih"):
        services.propose_assessor(actor=world["balks"], assessor=untrained, kind="appoint", reason="Usulan")

    assert not AssessorProposal.objects.exists()


@pytest.mark.django_db
def test_a_dismissal_approved_by_the_minister_ends_the_assessors_time_in_the_pool(world):
    proposal = services.propose_assessor(actor=world["balks"], assessor=world["a1"], kind="dismiss", reason="Konflik kepentingan")

    with pytest.raises(DomainError):
        services.propose_assessor(actor=world["balks"], assessor=world["a1"], kind="dismiss", reason="Lagi")
    services.record_minister_decision(
        actor=world["balks"],
        proposal=proposal,
        approved=True,
        decree="Kepmensos 10/HUK/2026",
        decided_on=datetime.date(2026, 3, 1),
    )

    world["a1"].refresh_from_db()
    assert world["a1"].active_until == datetime.date(2026, 3, 1)
    with pytest.raises(DomainError):
        services.record_minister_decision(
            actor=world["balks"], proposal=proposal, approved=False, decree="x", decided_on=datetime.date(2026, 3, 2)
        )


@pytest.mark.django_db
def test_a_rejected_proposal_leaves_the_pool_unchanged(world):
    proposal = services.propose_assessor(actor=world["balks"], assessor=world["a2"], kind="dismiss", reason="Usulan")

    services.record_minister_decision(
        actor=world["balks"], proposal=proposal, approved=False, decree="Surat 3/2026", decided_on=datetime.date(2026, 3, 1)
    )

    world["a2"].refresh_from_db()
    assert world["a2"].active_until is None and proposal.assessor.proposals.get().status == "rejected"


@pytest.mark.django_db
def test_only_balks_keeps_the_pool(world):
    with pytest.raises(NotAllowed):
        services.propose_assessor(actor=world["ministry"], assessor=world["a1"], kind="dismiss", reason="x")
