import pytest
from django.utils import timezone

from accounts.models import Notification
from accounts.tests.factories import sign_in_with_second_factor
from accreditation import services
from accreditation.models import AccreditationApplication, Indicator
from accreditation.tests.factories import pdf
from core.errors import DomainError


def _indicators():
    return list(Indicator.objects.filter(standard__instrument=services.instrument_on(timezone.localdate())))


def test_the_operator_saves_part_of_the_self_assessment_as_a_draft_and_finds_it_again(client, world):
    sign_in_with_second_factor(client, world["operator"])
    application = services.start_application(actor=world["operator"], lks=world["lks"])
    indicators = _indicators()
    assert len(indicators) == 19
    answered = {f"ind_{i.pk}": "2" for i in indicators[:5]}

    response = client.post(
        f"/akreditasi/permohonan/{application.pk}/", {**answered, "version": application.version, "action": "draft"}
    )

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == AccreditationApplication.Status.DRAFT
    assert application.self_assessment == {str(i.pk): 2 for i in indicators[:5]}
    assert application.submitted_at is None
    assert not Notification.objects.filter(user=world["dinsos"]).exists()
    page = client.get(f"/akreditasi/permohonan/{application.pk}/").content.decode()
    assert f'name="ind_{indicators[0].pk}"' in page
    assert 'value="2" selected' in page


def test_a_draft_is_submitted_later_once_every_indicator_is_scored(client, world):
    sign_in_with_second_factor(client, world["operator"])
    application = services.start_application(actor=world["operator"], lks=world["lks"])
    indicators = _indicators()
    services.save_self_assessment_draft(
        actor=world["operator"],
        application=application,
        version=application.version,
        self_assessment={str(i.pk): 3 for i in indicators[:10]},
    )
    application.refresh_from_db()
    data = {f"ind_{i.pk}": "3" for i in indicators}
    data.update(version=application.version, request_letter=pdf("surat.pdf"), evidence=pdf("formulir-b.pdf"), action="submit")

    response = client.post(f"/akreditasi/permohonan/{application.pk}/", data)

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == AccreditationApplication.Status.SUBMITTED
    assert len(application.self_assessment) == 19


def test_a_draft_score_outside_the_scale_is_refused_and_the_draft_is_unchanged(world):
    application = services.start_application(actor=world["operator"], lks=world["lks"])
    [first, *_] = _indicators()

    with pytest.raises(DomainError):
        services.save_self_assessment_draft(
            actor=world["operator"], application=application, version=application.version, self_assessment={str(first.pk): 9}
        )

    application.refresh_from_db()
    assert application.self_assessment == {}


def test_only_the_lks_operator_saves_its_draft(world):
    application = services.start_application(actor=world["operator"], lks=world["lks"])
    with pytest.raises(DomainError):
        services.save_self_assessment_draft(
            actor=world["dinsos"], application=application, version=application.version, self_assessment={}
        )
