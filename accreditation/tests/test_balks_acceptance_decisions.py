import pytest

from accounts.models import Notification
from accounts.tests.factories import sign_in_with_second_factor
from accreditation import services
from accreditation.models import AccreditationApplication
from accreditation.tests.test_accreditation_journey import submitted
from core.errors import DomainError


def recommended(world):
    application = submitted(world)
    services.recommend(actor=world["dinsos"], application=application, version=application.version, note="Layak")
    return application


def test_balks_returns_an_application_for_correction_and_the_lks_submits_it_again(client, world):
    application = recommended(world)
    sign_in_with_second_factor(client, world["balks"])

    response = client.post(
        f"/akreditasi/permohonan/{application.pk}/balks/",
        {"version": application.version, "decision": "return", "text": "Surat permohonan belum ditandatangani."},
    )

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == AccreditationApplication.Status.RETURNED_BY_BALKS
    assert application.return_reason == "Surat permohonan belum ditandatangani."
    assert Notification.objects.filter(user=world["operator"], body__contains="belum ditandatangani").exists()
    services.submit_application(
        actor=world["operator"],
        application=application,
        version=application.version,
        self_assessment=application.self_assessment,
    )
    application.refresh_from_db()
    assert application.status == AccreditationApplication.Status.SUBMITTED


def test_balks_refuses_an_application_with_a_reason_and_the_refusal_is_final(world):
    application = recommended(world)

    services.refuse_application(
        actor=world["balks"], application=application, version=application.version, reason="LKS tidak berbadan hukum."
    )

    application.refresh_from_db()
    assert application.status == AccreditationApplication.Status.REFUSED
    assert application.refusal_reason == "LKS tidak berbadan hukum."
    assert Notification.objects.filter(user=world["operator"], body__contains="tidak berbadan hukum").exists()
    with pytest.raises(DomainError):
        services.accept(actor=world["balks"], application=application, version=application.version)
    with pytest.raises(DomainError):
        services.submit_application(
            actor=world["operator"], application=application, version=application.version, self_assessment={}
        )
    # The LKS may start again with a new application.
    fresh = services.start_application(actor=world["operator"], lks=world["lks"])
    assert fresh.pk != application.pk and fresh.status == AccreditationApplication.Status.DRAFT


@pytest.mark.parametrize("decision", ["return", "refuse"])
def test_a_return_or_refusal_without_a_reason_changes_nothing(world, decision):
    application = recommended(world)
    action = services.return_by_balks if decision == "return" else services.refuse_application

    with pytest.raises(DomainError):
        action(actor=world["balks"], application=application, version=application.version, reason="  ")

    application.refresh_from_db()
    assert application.status == AccreditationApplication.Status.RECOMMENDED


def test_only_balks_returns_or_refuses_at_acceptance(world):
    application = recommended(world)
    with pytest.raises(DomainError):
        services.refuse_application(actor=world["dinsos"], application=application, version=application.version, reason="x")
    application.refresh_from_db()
    assert application.status == AccreditationApplication.Status.RECOMMENDED
