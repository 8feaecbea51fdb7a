import threading

import pytest
from django.db import connection

from registry import services
from registry.models import Member, MembershipApplication
from registry.tests.factories import submitted_application

# No serialized_rollback: Django restores the serialized database at set-up, and when a
# transactional test without it ran first, its flush re-ran post_migrate, which recreated the
# content types under new ids, so restoring them collides (duplicate key on django_content_type;
# Django tickets #23727, #25251). The threads commit for real, so this test needs a transactional
# database; what the data migrations loaded and a flush removed, `reference_data` puts back.
pytestmark = pytest.mark.usefixtures("reference_data")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_officers_verifying_at_once_get_gapless_unique_member_numbers(dpd_jabar, dpp):
    if connection.vendor != "postgresql":
        pytest.skip("threads need a real server; SQLite test databases live in one connection's memory")
    applications = [submitted_application() for _ in range(12)]
    officers = [dpd_jabar, dpp]
    numbers, errors = [], []
    barrier = threading.Barrier(len(applications))

    def verify(index, application):
        try:
            barrier.wait()
            member = services.verify_application(actor=officers[index % 2], application=application, version=application.version)
            numbers.append(member.number)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=verify, args=(i, a)) for i, a in enumerate(applications)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    serials = sorted(int(n.rsplit(".", 1)[1]) for n in numbers)
    assert serials == list(range(1, 13))
    assert Member.objects.count() == 12
    assert MembershipApplication.objects.filter(status="verified").count() == 12


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_officers_deciding_the_same_application_at_once_make_one_member(dpd_jabar, dpp):
    if connection.vendor != "postgresql":
        pytest.skip("threads need a real server; SQLite test databases live in one connection's memory")
    application = submitted_application()
    results, barrier = [], threading.Barrier(2)

    def decide(officer):
        try:
            barrier.wait()
            results.append(
                services.verify_application(actor=officer, application=application, version=application.version).number
            )
        except Exception as exc:  # the loser is refused
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=(o,)) for o in (dpd_jabar, dpp)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Member.objects.count() == 1
    assert sum(isinstance(r, str) for r in results) == 1
