import datetime
import zoneinfo

import pytest
from django.utils import timezone

from accreditation import services
from accreditation.models import Accreditation, BoardMember, DeterminationBatch
from accreditation.tests.test_determination_once import batch_of_one
from core.dates import register_day
from core.errors import DomainError


def tomorrow() -> datetime.date:
    return register_day() + datetime.timedelta(days=1)


def test_a_decree_dated_tomorrow_is_refused_and_nothing_is_determined(world):
    batch = batch_of_one(world)

    with pytest.raises(DomainError, match="masa depan"):
        services.determine(actor=world["ministry"], batch=batch, decree_number="1/HUK/2027", decree_date=tomorrow())

    assert DeterminationBatch.objects.get(pk=batch.pk).decree_number == ""
    assert not Accreditation.objects.exists()


def test_a_decree_dated_today_in_jakarta_is_accepted_while_it_is_still_yesterday_in_utc(world, monkeypatch):
    batch, another = batch_of_one(world), batch_of_one_more(world)
    # 18:30 UTC is already 01:30 of the next day in Jakarta. The moment is after the set-up above and
    # on or after its day in Jakarta (the role assignments start then), so every assignment is in force.
    utc_now = timezone.now().astimezone(datetime.UTC)
    moment = datetime.datetime.combine(register_day(), datetime.time(18, 30), tzinfo=datetime.UTC)
    if moment <= utc_now:
        moment += datetime.timedelta(days=1)
    jakarta_today = moment.date() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: moment)

    with timezone.override(zoneinfo.ZoneInfo("UTC")):
        [accreditation] = services.determine(
            actor=world["ministry"], batch=batch, decree_number="7/HUK/2026", decree_date=jakarta_today
        )
        with pytest.raises(DomainError, match="masa depan"):
            services.determine(
                actor=world["ministry"],
                batch=another,
                decree_number="8/HUK/2026",
                decree_date=jakarta_today + datetime.timedelta(days=1),
            )

    assert accreditation.decree_date == jakarta_today


def batch_of_one_more(world):
    from accreditation.tests.factories import LKSFactory

    world = {**world, "lks": LKSFactory()}
    from accounts.roles import Role
    from accounts.tests.factories import make_staff

    world["operator"] = make_staff(Role.LKS_OPERATOR, organisation=world["lks"], totp=False)
    return batch_of_one(world)


def test_the_ministers_decision_on_an_assessor_proposal_cannot_be_dated_tomorrow(world):
    proposal = services.propose_assessor(actor=world["balks"], assessor=world["a1"], kind="dismiss", reason="Konflik")

    with pytest.raises(DomainError, match="masa depan"):
        services.record_minister_decision(
            actor=world["balks"], proposal=proposal, approved=True, decree="Kepmensos 9/HUK/2026", decided_on=tomorrow()
        )

    proposal.refresh_from_db()
    world["a1"].refresh_from_db()
    assert proposal.status == "proposed" and world["a1"].active_until is None


def test_a_board_member_cannot_be_appointed_tomorrow(world):
    period = services.open_board_period(
        actor=world["balks"], name="2025–2030", decree="Kepmensos 1/HUK/2025", starts_on=datetime.date(2025, 1, 1), ends_on=None
    )
    facts = {"citizen": True, "healthy": True, "good_conduct": True, "drug_free": True}

    with pytest.raises(DomainError, match="masa depan"):
        services.add_board_member(
            actor=world["balks"],
            period=period,
            name="Dr. Budi Santoso",
            position="Anggota",
            education="S2",
            birth_date=datetime.date(1970, 5, 1),
            appointed_on=tomorrow(),
            **facts,
        )

    assert not BoardMember.objects.exists()
