"""Smoke test of the import_credentials benchmark: it writes files the command imports, measures
both runs and gives well-formed rows (the real figures come from `make bench`)."""

import pytest
from django.core.management import call_command

from bench.credential_import import measure, result_rows, write_accreditations, write_certificates
from bench.run import parse_args
from bench.tests.test_bench_smoke import assert_well_formed


@pytest.fixture
def tiny_register(db):
    call_command("generate_synthetic", members=40, lks=2, seed=7, verbosity=0)


@pytest.mark.parametrize(("kind", "write"), [("accreditation", write_accreditations), ("certificate", write_certificates)])
def test_the_benchmark_imports_its_file_then_finds_nothing_new_in_it(tiny_register, tmp_path, kind, write):
    path = tmp_path / f"{kind}.csv"
    write(path, 30)
    first, again = measure(path, kind), measure(path, kind)
    assert first["summary"].startswith("30 rows: 30 created") and " 0 rejected" in first["summary"]
    assert again["summary"].startswith("30 rows: 0 created, 0 merged, 30 unchanged")
    rows = result_rows({"kind": kind, "rows": 30, "first": first, "again": again})
    assert_well_formed(rows)
    assert rows[1]["target"] and rows[1]["meets"] in (True, False)


def test_a_quick_run_imports_small_files():
    assert parse_args(["--quick"]).credential_rows == {"accreditation": 300, "certificate": 1000}
    assert parse_args([]).credential_rows == {"accreditation": 23000, "certificate": 100000}
