import datetime

import pytest

from accounts.roles import Role
from accounts.tests.factories import make_staff, sign_in_with_second_factor
from accreditation import services
from accreditation.models import Accreditation, AccreditationApplication
from accreditation.tests.factories import LKSFactory
from accreditation.tests.test_accreditation_journey import scored
from core.errors import DomainError
from core.models import AuditEvent


def validated(world):
    application = scored(world)
    services.validate_result(actor=world["balks"], application=application, version=application.version)
    application.refresh_from_db()
    return application


def two_in_a_batch(world):
    first = validated(world)
    other_lks = LKSFactory(name="LKS Lansia Sejahtera")
    second = validated({**world, "lks": other_lks, "operator": make_staff(Role.LKS_OPERATOR, organisation=other_lks)})
    batch = services.send_to_minister(actor=world["balks"], applications=[first, second])
    return batch, first, second


def test_the_minister_takes_one_lks_out_of_a_batch_and_determines_the_rest(client, world):
    batch, first, second = two_in_a_batch(world)
    sign_in_with_second_factor(client, world["ministry"])

    response = client.post(
        f"/akreditasi/penetapan/{batch.pk}/keluarkan/{first.pk}/", {"reason": "Menunggu klarifikasi pengaduan masyarakat."}
    )

    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == AccreditationApplication.Status.VALIDATED
    assert first.batch is None
    event = AuditEvent.objects.get(object_type="accreditation.accreditationapplication", object_id=str(first.pk))
    assert "klarifikasi" in event.summary and event.actor == world["ministry"]
    [accreditation] = services.determine(
        actor=world["ministry"], batch=batch, decree_number="30/HUK/2026", decree_date=datetime.date(2026, 11, 1)
    )
    assert accreditation.application == second
    assert not Accreditation.objects.filter(application=first).exists()
    # Back among the validated results, it can go to the Minister in a later batch.
    later = services.send_to_minister(actor=world["balks"], applications=[first])
    first.refresh_from_db()
    assert first.batch == later


def test_removing_without_a_reason_changes_nothing(world):
    batch, first, _ = two_in_a_batch(world)
    with pytest.raises(DomainError):
        services.remove_from_batch(actor=world["ministry"], batch=batch, application=first, reason=" ")
    first.refresh_from_db()
    assert first.batch == batch and first.status == AccreditationApplication.Status.SUBMITTED_TO_MINISTER


def test_nothing_is_taken_out_of_a_determined_batch(world):
    batch, first, _ = two_in_a_batch(world)
    services.determine(actor=world["ministry"], batch=batch, decree_number="31/HUK/2026", decree_date=datetime.date(2026, 11, 1))
    with pytest.raises(DomainError):
        services.remove_from_batch(actor=world["ministry"], batch=batch, application=first, reason="Terlambat")
    first.refresh_from_db()
    assert first.status == AccreditationApplication.Status.DETERMINED


def test_only_the_ministry_takes_an_lks_out_of_a_batch(world):
    batch, first, _ = two_in_a_batch(world)
    with pytest.raises(DomainError):
        services.remove_from_batch(actor=world["balks"], batch=batch, application=first, reason="Salah kirim")
    first.refresh_from_db()
    assert first.batch == batch
