import datetime

import pytest
from django.urls import reverse

from practice.models import MemberPracticeField, PracticeField
from practice.selectors import suggested_fields
from practice.tests.factories import member_in
from registry.tests.factories import ExperienceFactory

pytestmark = pytest.mark.django_db


def _with_experience(**experience):
    person = member_in("32")
    ExperienceFactory(person=person, **experience)
    return person


def test_experience_in_child_protection_at_an_lks_suggests_the_children_field_with_its_setting_and_years():
    today = datetime.date(2026, 12, 1)
    person = _with_experience(
        employer="LKS Anak Harapan Bandung",
        position="Pekerja Sosial",
        practice_field="perlindungan anak",
        started_on=datetime.date(2018, 1, 2),
    )
    suggestions = {s.field.code: s for s in suggested_fields(person, today=today)}
    assert "anak" in suggestions
    assert suggestions["anak"].setting == "LKS"
    assert suggestions["anak"].years == 8
    assert "lanjut-usia" not in suggestions


def test_a_word_inside_another_word_does_not_match():
    person = _with_experience(employer="PT Industrialis", position="Staf", practice_field="")
    assert "industri" not in {s.field.code for s in suggested_fields(person)}


def test_a_field_the_member_already_keeps_is_not_suggested_again():
    person = _with_experience(employer="Panti Sosial Tresna Werdha", position="Pekerja Sosial", practice_field="lanjut usia")
    assert "lanjut-usia" in {s.field.code for s in suggested_fields(person)}
    MemberPracticeField.objects.create(person=person, field=PracticeField.objects.get(code="lanjut-usia"))
    kept = set(person.practice_fields.values_list("field__code", flat=True))
    assert not kept & {s.field.code for s in suggested_fields(person)}


def test_the_suggestion_is_shown_but_saved_only_when_the_member_confirms_it(client):
    person = _with_experience(employer="RSUD Kota Bandung", position="Pekerja Sosial Medis", practice_field="")
    client.force_login(person.user)
    page = client.get(reverse("practice:my_fields")).content.decode()
    assert "Disarankan dari pengalaman kerja Anda" in page and "Kesehatan / medis" in page
    assert not MemberPracticeField.objects.filter(person=person).exists()

    form = client.get(reverse("practice:field_add"), {"bidang": "kesehatan", "setting": "rumah sakit", "tahun": "8"})
    assert 'value="rumah sakit"' in form.content.decode()
    assert not MemberPracticeField.objects.filter(person=person).exists()

    field_pk = form.context["form"].initial["field"]
    client.post(reverse("practice:field_add"), {"field": field_pk, "setting": "rumah sakit", "years": "8"})
    assert list(person.practice_fields.values_list("field__code", "setting")) == [("kesehatan", "rumah sakit")]
