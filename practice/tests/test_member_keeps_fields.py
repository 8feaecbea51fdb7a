import pytest
from django.urls import reverse

from practice.models import MemberPracticeField
from practice.tests.factories import field, member_in

pytestmark = pytest.mark.django_db


def test_a_member_adds_a_field_on_their_own_page_and_it_is_listed(client):
    person = member_in("32")
    client.force_login(person.user)
    response = client.post(
        reverse("practice:field_add"),
        {"field": field("anak").pk, "setting": "LKS", "years": "6", "is_main": "on"},
    )
    assert response.status_code == 302
    entry = MemberPracticeField.objects.get(person=person)
    assert (entry.field.code, entry.setting, entry.years, entry.is_main) == ("anak", "LKS", 6, True)
    page = client.get(reverse("practice:my_fields")).content.decode()
    assert "Anak" in page and "LKS" in page


def test_marking_another_field_as_main_unmarks_the_one_before(client):
    person = member_in("32", "anak")
    MemberPracticeField.objects.filter(person=person).update(is_main=True)
    client.force_login(person.user)
    client.post(reverse("practice:field_add"), {"field": field("keluarga").pk, "is_main": "on"})
    mains = list(MemberPracticeField.objects.filter(person=person, is_main=True).values_list("field__code", flat=True))
    assert mains == ["keluarga"]


def test_the_same_field_twice_is_refused_with_a_message_and_nothing_saved(client):
    person = member_in("32", "anak")
    client.force_login(person.user)
    response = client.post(reverse("practice:field_add"), {"field": field("anak").pk})
    assert response.status_code == 200
    assert "Anda sudah mencatat bidang praktik ini." in response.content.decode()
    assert MemberPracticeField.objects.filter(person=person).count() == 1


def test_implausible_years_are_refused_in_indonesian_and_nothing_saved(client):
    person = member_in("32")
    client.force_login(person.user)
    response = client.post(reverse("practice:field_add"), {"field": field("anak").pk, "years": "200"})
    assert response.status_code == 200
    assert "lebih kecil dari atau sama dengan 70" in response.content.decode()
    assert not MemberPracticeField.objects.filter(person=person).exists()


def test_a_retired_field_is_not_offered_and_cannot_be_added(client, dpp):
    from practice import services

    services.retire_field(actor=dpp, practice_field=field("sekolah"), reason="Digabung ke bidang anak")
    person = member_in("32")
    client.force_login(person.user)
    form_page = client.get(reverse("practice:field_add")).content.decode()
    assert "Sekolah" not in form_page
    client.post(reverse("practice:field_add"), {"field": field("sekolah").pk})
    assert not MemberPracticeField.objects.filter(person=person).exists()


def test_a_member_changes_and_removes_only_their_own_fields(client):
    person = member_in("32", "anak")
    other = member_in("32", "bencana")
    entry, others = person.practice_fields.get(), other.practice_fields.get()
    client.force_login(person.user)
    client.post(reverse("practice:field_edit", args=[entry.pk]), {"field": entry.field_id, "setting": "panti", "years": "3"})
    entry.refresh_from_db()
    assert entry.setting == "panti"
    assert client.post(reverse("practice:field_remove", args=[others.pk])).status_code == 404
    client.post(reverse("practice:field_remove", args=[entry.pk]))
    assert not person.practice_fields.exists() and other.practice_fields.exists()
