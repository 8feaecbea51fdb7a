"""Issue 22 (state): the accreditation application walked through every state; for each person
who takes part, the steps offered on the application page are exactly the transitions the state
machine allows them (`steps_for`), and each offered step is carried out by its service."""

import datetime
import re

import pytest
from django.db import transaction
from django.urls import reverse

from accounts.tests.factories import sign_in_with_second_factor
from accreditation import services
from accreditation.models import AccreditationApplication, Score
from accreditation.tests.factories import uniform_scores
from accreditation.tests.test_accreditation_journey import pdf, scored, submitted
from accreditation.tests.test_batch_removal import validated
from core.errors import DomainError

pytestmark = pytest.mark.django_db
S = AccreditationApplication.Status
# Steps taken on the Minister's batch pages, not on the application page.
BATCH_STEPS = {"send_to_minister", "remove_from_batch", "determine"}
PEOPLE = ("operator", "dinsos", "dinsos_kab", "balks", "ministry", "a1")


def _draft(world):
    application = services.start_application(actor=world["operator"], lks=world["lks"])
    application.request_letter, application.evidence = pdf(), pdf()
    application.save()
    return application


def _recommended(world):
    application = submitted(world)
    return services.recommend(actor=world["dinsos"], application=application, version=application.version, note="Layak")


def _returned(world):
    application = submitted(world)
    return services.return_application(
        actor=world["dinsos"], application=application, version=application.version, reason="Lengkapi"
    )


def _returned_by_balks(world):
    application = _recommended(world)
    return services.return_by_balks(actor=world["balks"], application=application, version=application.version, reason="Lengkapi")


def _refused(world):
    application = _recommended(world)
    return services.refuse_application(
        actor=world["balks"], application=application, version=application.version, reason="Tidak memenuhi"
    )


def _accepted(world):
    application = _recommended(world)
    return services.accept(actor=world["balks"], application=application, version=application.version)


def _assigned(world):
    application = _accepted(world)
    services.assign_assessors(
        actor=world["balks"], application=application, version=application.version, assessors=[world["a1"], world["a2"]]
    )
    application.refresh_from_db()
    return application


def _desk_reviewed(world):
    application = _assigned(world)
    for key in ("a1", "a2"):
        services.record_scores(
            actor=world[key].user, application=application, phase=Score.Phase.DESK, values=uniform_scores(application, 3)
        )
    application.refresh_from_db()
    return application


def _with_the_minister(world):
    application = validated(world)
    services.send_to_minister(actor=world["balks"], applications=[application])
    application.refresh_from_db()
    return application


def _determined(world):
    application = _with_the_minister(world)
    services.determine(
        actor=world["ministry"], batch=application.batch, decree_number="31/HUK/2026", decree_date=datetime.date(2026, 11, 2)
    )
    application.refresh_from_db()
    return application


STATES = {
    S.DRAFT: _draft,
    S.SUBMITTED: submitted,
    S.RETURNED: _returned,
    S.RECOMMENDED: _recommended,
    S.RETURNED_BY_BALKS: _returned_by_balks,
    S.REFUSED: _refused,
    S.ACCEPTED: _accepted,
    S.ASSIGNED: _assigned,
    S.DESK_REVIEWED: _desk_reviewed,
    S.SCORED: scored,
    S.VALIDATED: validated,
    S.SUBMITTED_TO_MINISTER: _with_the_minister,
    S.DETERMINED: _determined,
}


def offered(html: str) -> set[str]:
    return set(re.findall(r'data-action="(\w+)"', html))


def _user(world, who):
    return world[who].user if who == "a1" else world[who]


def test_every_state_of_the_application_is_walked():
    assert set(STATES) == set(S.values)


@pytest.mark.parametrize("state", list(STATES))
def test_the_page_offers_each_person_exactly_the_steps_the_state_machine_allows(client, world, state):
    application = STATES[state](world)
    assert application.status == state
    url = reverse("accreditation:application", args=[application.pk])
    for who in PEOPLE:
        user = _user(world, who)
        allowed = application.steps_for(user) - BATCH_STEPS
        client.logout()
        sign_in_with_second_factor(client, user)
        response = client.get(url)
        if response.status_code != 200:
            assert allowed == set(), (state, who, response.status_code)
            continue
        assert offered(response.content.decode()) == allowed, (state, who)


FINAL = {S.REFUSED, S.DETERMINED}


@pytest.mark.parametrize("state", sorted(FINAL))
def test_a_final_state_offers_no_step_to_anyone(world, state):
    application = STATES[state](world)
    assert all(application.steps_for(_user(world, who)) == set() for who in PEOPLE)


def test_a_step_the_page_does_not_offer_is_refused_by_its_service_and_changes_nothing(world):
    application = _recommended(world)
    assert "recommend" not in application.steps_for(world["dinsos"])
    with pytest.raises(DomainError), transaction.atomic():
        services.recommend(actor=world["dinsos"], application=application, version=application.version, note="Lagi")
    application.refresh_from_db()
    assert application.status == S.RECOMMENDED
