import threading

import pytest
from django.db import connection, transaction

from core import numbering


@pytest.mark.django_db
def test_numbers_in_a_series_follow_each_other_without_gaps():
    with transaction.atomic():
        first = [numbering.allocate("member:32:2026") for _ in range(3)]
    with transaction.atomic():
        other = numbering.allocate("member:31:2026")
    assert first == [1, 2, 3]
    assert other == 1


@pytest.mark.django_db
def test_a_rolled_back_issue_gives_its_number_back():
    with transaction.atomic():
        assert numbering.allocate("s") == 1
    try:
        with transaction.atomic():
            assert numbering.allocate("s") == 2
            raise RuntimeError("approval failed")
    except RuntimeError:
        pass
    with transaction.atomic():
        assert numbering.allocate("s") == 2


@pytest.mark.django_db(transaction=True)
def test_allocating_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError):
        numbering.allocate("s")


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_allocations_never_share_a_number():
    if connection.vendor != "postgresql":
        pytest.skip("threads need a real server; SQLite test databases live in one connection's memory")
    results, errors = [], []

    def worker():
        try:
            with transaction.atomic():
                results.append(numbering.allocate("concurrent"))
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(results) == list(range(1, 51))
