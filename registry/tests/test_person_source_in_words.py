import pytest
from django.utils import translation

from registry.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_a_self_registered_person_s_source_is_shown_in_words_not_as_the_stored_code():
    person = PersonFactory()
    assert person.source == "self"
    with translation.override("id"):
        assert person.source_display == "didaftarkan sendiri oleh yang bersangkutan melalui Peksos"
    person.source = "Kongres III 2010"
    assert person.source_display == "Kongres III 2010"
