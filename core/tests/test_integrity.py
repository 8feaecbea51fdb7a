import threading

import pytest
from django.db import connection, transaction

from core.errors import DomainError, StaleObject
from core.integrity import NeverDeletedModel, VersionedModel
from core.models import Counter


class _Versioned(VersionedModel):
    # Borrow an existing table: the Counter table has an id and we add no columns the
    # migration lacks, so only `version` logic is exercised through a real UPDATE.
    class Meta:
        managed = False
        app_label = "core"
        db_table = "core_counter"


def _versioned_counter_table():
    """Counter has no version column; use its `value` column as the version for this test."""
    field = _Versioned._meta.get_field("version")
    field.column = "value"
    return _Versioned


@pytest.mark.django_db
def test_a_stale_version_is_refused_and_a_fresh_one_applies():
    model = _versioned_counter_table()
    Counter.objects.create(series="v", value=1)
    obj = model.objects.get()
    obj.claim_version(1)
    assert model.objects.get().version == 2
    with pytest.raises(StaleObject):
        model.objects.get().claim_version(1)  # a form opened at version 1 is now stale


@pytest.mark.django_db(transaction=True)
def test_of_fifty_concurrent_approvals_of_one_object_exactly_one_wins():
    if connection.vendor != "postgresql":
        pytest.skip("threads need a real server; SQLite test databases live in one connection's memory")
    model = _versioned_counter_table()
    Counter.objects.create(series="race", value=1)
    pk = model.objects.get().pk
    wins, stale = [], []

    def approve():
        try:
            with transaction.atomic():
                model.objects.get(pk=pk).claim_version(1)
                wins.append(1)
        except StaleObject:
            stale.append(1)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve) for _ in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(wins) == 1 and len(stale) == 49


def test_numbered_records_refuse_deletion():
    class Issued(NeverDeletedModel):
        class Meta:
            app_label = "core"
            managed = False

    with pytest.raises(DomainError):
        Issued(pk=1).delete()
