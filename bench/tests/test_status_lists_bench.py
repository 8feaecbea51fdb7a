"""Smoke test of the status-list benchmark: its steps run on a few credentials over three small
lists, in process, and give well-formed rows that would catch a wrong bit. The real figures come
from `python -m bench.status_lists`."""

import pytest

from bench import status_lists
from bench.tests.test_bench_smoke import assert_well_formed
from credentials.models import Credential, StatusList


@pytest.mark.django_db
def test_the_status_list_benchmark_issues_one_by_one_then_in_bulk_over_several_lists_and_checks_every_credential(
    monkeypatch,
):
    monkeypatch.setattr(StatusList, "SIZE", 16)  # 14 credentials a list
    monkeypatch.setattr(status_lists, "BULK_BATCH", 7)
    issued = status_lists.issue_many(10, seed=3)
    bulk = status_lists.issue_in_bulk(20, first=10, seed=3)
    changed = status_lists.change_some(0.1, seed=3)
    cold = status_lists.cold_checks(10, seed=3)
    every = status_lists.check_every_credential()

    assert issued["count"] == 10 and bulk["count"] == 20 and Credential.objects.count() == 30
    assert Credential.objects.filter(number="BENCH.3.0000029").exists()
    assert set(Credential.objects.values_list("status_list_number", flat=True)) == {1, 2, 3}
    assert changed["changed"] == 6
    assert cold["wrong"] == 0 and cold["entries"] and len(cold["entries"]) == 2 * len(cold["credentials"])
    assert every == every | {"checked": 30, "wrong": 0, "shared_positions": 0, "lists": 3}
    rows = status_lists.result_rows(issued, bulk, changed, cold, every)
    assert_well_formed(rows)
    assert [r["meets"] for r in rows if r["target"] == "0"] == [True, True, True]


@pytest.mark.django_db
def test_a_bit_out_of_place_is_counted_as_a_wrong_answer(monkeypatch):
    status_lists.issue_many(3, seed=4)
    Credential.objects.filter(pk=Credential.objects.first().pk).update(status=Credential.Status.REVOKED)  # no bit set
    assert status_lists.check_every_credential()["wrong"] == 1
