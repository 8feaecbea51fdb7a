"""A bulk import on PostgreSQL analyses each table it has grown past twice the size its planner
statistics were taken on, between its committed chunks: at go-live every table's statistics say
"empty", and a plan made for an empty table read every holder of a type for each 500 ids looked
up (an import of 100,000 certificates took 145 s instead of about 50)."""

import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

from certification.importing import import_certificates
from certification.tests.factories import LSPFactory, SchemeFactory
from core.bulkload import raw_insert, refresh_grown_statistics
from core.testing import reference_data
from credentials.models import HolderIdentifier
from registry.models import Person
from registry.tests.factories import PersonFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("planner statistics are PostgreSQL's (SQLite plans without them)")
    reference_data.restore()  # provinces, gone with an earlier transactional test's flush


def statistics_pages(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT relpages FROM pg_class WHERE relname = %s", [table])
        return cursor.fetchone()[0]


def add_identifiers(first: int, count: int) -> None:
    person_type = ContentType.objects.get_for_model(Person).pk
    with transaction.atomic():
        raw_insert(
            HolderIdentifier,
            [
                {"holder_type_id": person_type, "holder_id": holder, "uid": f"00000000-0000-4000-8000-{holder:012d}"}
                for holder in range(first, first + count)
            ],
        )


def test_a_table_is_analysed_when_it_has_grown_past_twice_its_analysed_size_and_not_before():
    table = HolderIdentifier._meta.db_table
    add_identifiers(1, 3000)
    assert table in refresh_grown_statistics()
    analysed = statistics_pages(table)
    assert analysed > 8
    assert table not in refresh_grown_statistics()

    add_identifiers(3001, 1000)  # a third more: the statistics still hold
    assert table not in refresh_grown_statistics()
    assert statistics_pages(table) == analysed

    add_identifiers(4001, 4000)  # now twice
    assert table in refresh_grown_statistics()
    assert statistics_pages(table) > 2 * analysed


def test_nothing_is_analysed_inside_a_transaction_whose_rows_may_yet_be_undone():
    add_identifiers(1, 3000)
    with transaction.atomic():
        assert refresh_grown_statistics() == []
    assert statistics_pages(HolderIdentifier._meta.db_table) == 0


def test_a_chunked_import_leaves_the_tables_it_filled_analysed():
    SchemeFactory(lsp=LSPFactory(code="LSPS", name="LSP Pekerja Sosial"), code="PSG-01", title="Pekerja Sosial Generalis")
    people = [PersonFactory(user=None) for _ in range(40)]
    rows = "".join(f"C.{n};{people[n % len(people)].nik};PSG-01;LSPS;01/02/2020;\n" for n in range(1200))
    report = import_certificates(
        io.BytesIO(("nomor_sertifikat;nik;skema;penerbit;tanggal_terbit;status\n" + rows).encode()),
        "sertifikat.csv",
        source="LSPS 2020",
    )
    assert report["created"] == 1200
    assert statistics_pages("certification_certificate") > 0
    assert statistics_pages("credentials_credential") > 0


def test_a_legacy_member_import_leaves_the_people_it_added_analysed(tmp_path):
    from registry.tests.member_lists import person_row, run_import

    report = run_import(tmp_path, [person_row(serial) for serial in range(1, 401)], kind="lain", source="Daftar DPD 2015")
    assert report["created"] == 400
    assert statistics_pages("registry_person") > 0
