"""Smoke test of the congress-list import benchmark: a short list with existing numbers imported
as a congress list, in process; every valid row becomes a member with a signed card, and the
rows are well formed. The real figures come from `python -m bench.kongres_import`."""

import pytest

from bench import kongres_import
from bench.legacy import add_member_numbers, measure_import, write_legacy_csv
from bench.tests.test_bench_smoke import assert_well_formed
from registry.models import Member


@pytest.mark.django_db
def test_the_kongres_import_benchmark_makes_every_valid_row_a_member_with_a_card(tmp_path):
    officer = kongres_import.dpp_officer()
    kinds = write_legacy_csv(tmp_path / "plain.csv", 60, seed=5)
    add_member_numbers(tmp_path / "plain.csv", tmp_path / "kongres.csv")

    result = measure_import(tmp_path / "kongres.csv", source="Kongres (smoke)", source_kind="kongres", by=officer)
    members, cards = kongres_import.members_and_cards()

    assert members > 0 and members == cards
    assert members <= 60 - kinds.get("broken", 0)
    # Existing numbers are kept as the consortium wrote them, in the current and an older format.
    assert Member.objects.filter(number__startswith="IPSPI.32.2010.").exists()
    assert Member.objects.filter(number__startswith="LAMA/").exists()
    rows = kongres_import.result_rows(60, result, members, cards)
    assert_well_formed(rows)
    assert rows[-1]["meets"] is True
