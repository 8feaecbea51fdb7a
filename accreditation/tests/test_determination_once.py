import datetime
import threading

import pytest
from django.db import connection

from accreditation import services
from accreditation.models import Accreditation, AccreditationApplication, DeterminationBatch
from accreditation.tests.test_accreditation_journey import scored
from core.errors import DomainError


def batch_of_one(world):
    application = scored(world)
    services.validate_result(actor=world["balks"], application=application, version=application.version)
    return services.send_to_minister(actor=world["balks"], applications=[application])


def test_a_second_officer_determining_a_batch_the_first_just_determined_is_refused(world):
    batch = batch_of_one(world)
    stale = DeterminationBatch.objects.get(pk=batch.pk)  # the second officer's page, read before the first decided
    services.determine(actor=world["ministry"], batch=batch, decree_number="10/HUK/2026", decree_date=datetime.date(2026, 11, 1))

    with pytest.raises(DomainError, match="sudah ditetapkan"):
        services.determine(
            actor=world["ministry"], batch=stale, decree_number="11/HUK/2026", decree_date=datetime.date(2026, 11, 2)
        )

    batch.refresh_from_db()
    assert batch.decree_number == "10/HUK/2026"
    assert Accreditation.objects.filter(decree_number="10/HUK/2026").count() == 1
    assert not Accreditation.objects.filter(decree_number="11/HUK/2026").exists()


def test_a_batch_left_without_applications_cannot_be_determined(world):
    batch = DeterminationBatch.objects.create(created_by=world["balks"])
    with pytest.raises(DomainError):
        services.determine(
            actor=world["ministry"], batch=batch, decree_number="12/HUK/2026", decree_date=datetime.date(2026, 11, 1)
        )
    batch.refresh_from_db()
    assert batch.decree_number == ""


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_ministry_officers_determining_the_same_batch_at_once_make_one_decision(reference_data, world):
    if connection.vendor != "postgresql":
        pytest.skip("threads need a real server; SQLite test databases live in one connection's memory")
    from accounts.roles import Role
    from accounts.tests.factories import make_staff

    batch = batch_of_one(world)
    officers = [world["ministry"], make_staff(Role.MINISTRY_OFFICER)]
    results, barrier = [], threading.Barrier(2)

    def decide(index, officer):
        try:
            stale = DeterminationBatch.objects.get(pk=batch.pk)
            barrier.wait()
            services.determine(
                actor=officer, batch=stale, decree_number=f"{20 + index}/HUK/2026", decree_date=datetime.date(2026, 11, 1)
            )
            results.append("determined")
        except DomainError as exc:
            results.append(exc)
        except Exception as exc:  # anything else is a failure, asserted below
            results.append(("crash", exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=(i, o)) for i, o in enumerate(officers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count("determined") == 1
    assert sum(isinstance(r, DomainError) for r in results) == 1
    assert Accreditation.objects.count() == 1
    assert AccreditationApplication.objects.get(batch=batch).status == AccreditationApplication.Status.DETERMINED
