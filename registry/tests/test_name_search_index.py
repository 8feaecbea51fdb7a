import pytest
from django.db import connection

from registry.models import Person, name_contains
from registry.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def found(key):
    return set(Person.objects.filter(name_contains(key)).values_list("full_name", flat=True))


def test_part_of_a_name_finds_the_people_who_bear_it_and_follows_renames():
    PersonFactory(full_name="Siti Rahmawati")
    wati = PersonFactory(full_name="Dewi Kurniawati")
    PersonFactory(full_name="Budi Santoso")
    assert found("wati") == {"Siti Rahmawati", "Dewi Kurniawati"}
    assert found("rahma") == {"Siti Rahmawati"}
    assert found("santo") == {"Budi Santoso"}
    assert found("bu") == {"Budi Santoso"}  # shorter than a trigram: read the table, same answer
    wati.full_name = "Dewi Lestari"
    wati.save()
    assert found("wati") == {"Siti Rahmawati"} and found("lestari") == {"Dewi Lestari"}


def test_on_sqlite_the_trigram_index_answers_the_search():
    if connection.vendor != "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'registry_person' AND indexname = 'registry_person_name_key_trgm'")
            assert cursor.fetchone() is not None
        return
    from django.test.utils import CaptureQueriesContext

    rare = PersonFactory(full_name="Siti Rahmawati")
    PersonFactory(full_name="Budi Santoso")
    with CaptureQueriesContext(connection) as queries:
        found = Person.objects.filter(name_contains("rahma"))
    # Looked up in the trigram index, then the people it found fetched by their key, not by
    # reading every person.
    assert any("FROM registry_person_name_fts" in q["sql"] for q in queries.captured_queries)
    assert list(found) == [rare]
    assert "SCAN" not in found.explain().replace("SCAN CONSTANT", "")

