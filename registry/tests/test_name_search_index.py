import pytest
from django.db import connection

from registry.models import Person
from registry.name_index import name_contains
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


def test_the_suffix_index_answers_the_search():
    from django.test.utils import CaptureQueriesContext

    rare = PersonFactory(full_name="Siti Rahmawati")
    PersonFactory(full_name="Budi Santoso")
    with CaptureQueriesContext(connection) as queries:
        found = Person.objects.filter(name_contains("hmawati"))
    # Sized in the suffix index, then the people it found read by their key, not by reading
    # every person.
    assert any("FROM registry_person_name_suffix" in q["sql"] for q in queries.captured_queries)
    assert list(found) == [rare]
    if connection.vendor == "sqlite":
        assert "SCAN" not in found.explain().replace("SCAN CONSTANT", "")


def suffixes_of(person):
    with connection.cursor() as cursor:
        cursor.execute("SELECT suffix FROM registry_person_name_suffix WHERE person_id = %s ORDER BY suffix", [person.pk])
        return [row[0] for row in cursor.fetchall()]


def test_the_suffix_index_follows_new_renamed_and_removed_people():
    person = PersonFactory(full_name="Ani Sri")
    # From each letter, none from the space.
    assert suffixes_of(person) == ["ani sri", "i", "i sri", "ni sri", "ri", "sri"]
    person.full_name = "Ani Sri Wahyuni"
    person.save()
    assert "sri wahyuni" in suffixes_of(person) and "sri" not in suffixes_of(person)
    assert found("ri wahyu") == {"Ani Sri Wahyuni"}
    person.delete()
    assert suffixes_of(person) == []
    assert found("wahyu") == set()


def test_the_first_people_in_name_order_are_found_with_everyone_sharing_the_last_name():
    from registry.name_index import name_matches

    for name in ["Dewi Wati", "Ani Wati", "Citra Wati", "Budi Wati", "Budi Wati", "Eko Wati"]:
        PersonFactory(full_name=name)
    named = name_matches("wati", first=3)
    first = list(Person.objects.filter(named.q).order_by("name_key").values_list("full_name", flat=True))
    # The third in name order is one of two Budi Watis: both are found, and no one after them.
    assert named.cut and first == ["Ani Wati", "Budi Wati", "Budi Wati"]
    everyone = name_matches("wati", first=6)
    assert not everyone.cut and Person.objects.filter(everyone.q).count() == 6


def test_people_loaded_in_bulk_are_indexed_at_the_end_and_the_index_follows_changes_again():
    from django.db import transaction

    from registry.name_index import filled_afterwards

    with transaction.atomic(), filled_afterwards():
        loaded = [PersonFactory(full_name=name) for name in ["Zaenal Mutaqin", "Yuyun Mutaqin"]]
    assert found("mutaqin") == {"Zaenal Mutaqin", "Yuyun Mutaqin"}
    assert suffixes_of(loaded[0])[:2] == ["aenal mutaqin", "al mutaqin"]
    PersonFactory(full_name="Xaverius Mutaqin")  # one at a time again, through the trigger
    assert found("mutaqin") == {"Zaenal Mutaqin", "Yuyun Mutaqin", "Xaverius Mutaqin"}


def test_a_failed_bulk_load_leaves_the_index_following_new_people():
    from django.db import transaction

    from registry.name_index import filled_afterwards

    with pytest.raises(RuntimeError), transaction.atomic(), filled_afterwards():
        PersonFactory(full_name="Zaenal Mutaqin")
        raise RuntimeError("the load failed half-way")
    PersonFactory(full_name="Yuyun Mutaqin")
    assert found("mutaqin") == {"Yuyun Mutaqin"}


def test_a_name_counted_before_others_joined_or_left_is_still_found_exactly():
    from registry.name_index import name_matches

    for name in ["Ani Wati", "Budi Wati", "Citra Wati"]:
        PersonFactory(full_name=name)
    assert name_matches("wati", first=2).cut  # three counted: only the first two are read
    Person.objects.filter(full_name="Citra Wati").delete()
    Person.objects.filter(full_name="Budi Wati").delete()
    # The count is kept for a while, so a cut is asked for again: it reaches everyone there is.
    stale = name_matches("wati", first=2)
    assert set(Person.objects.filter(stale.q).values_list("full_name", flat=True)) == {"Ani Wati"}
    PersonFactory(full_name="Dewi Wati")
    PersonFactory(full_name="Eko Wati")
    PersonFactory(full_name="Fajar Wati")
    fewer = name_matches("wati", first=2)
    assert set(Person.objects.filter(fewer.q).order_by("name_key").values_list("full_name", flat=True)[:2]) == {
        "Ani Wati",
        "Dewi Wati",
    }
