"""A NIK tells whether its holder is on the register (the profile form must refuse a NIK that is
taken): one account or network may try only a few NIKs an hour, whether or not they are taken."""

import datetime

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory, sign_in_with_second_factor
from registry.models import Person
from registry.tests.factories import PersonFactory, nik_for

pytestmark = pytest.mark.django_db


def _profile(user, nik, birth):
    return {
        "nik": nik,
        "full_name": "Andi Wijaya",
        "birth_place": "Bogor",
        "birth_date": birth.isoformat(),
        "sex": "L",
        "phone": "081234567890",
        "email": user.email,
        "address": "",
        "province": "",
        "regency": "",
        "workforce_category": "",
    }


def test_an_account_trying_nik_after_nik_is_stopped_whether_or_not_they_are_taken(client, settings):
    user = UserFactory()
    sign_in_with_second_factor(client, user)
    taken = [PersonFactory(user=None, source="Kongres 2010", email="") for _ in range(3)]
    url = reverse("registry:profile_edit")
    answers = []
    for i in range(10):
        person = taken[i % 3]
        answers.append(client.post(url, _profile(user, person.nik, person.birth_date) | {"sex": person.sex}).status_code)
    assert answers == [200] * 10  # each refused with the form's message
    free_birth = datetime.date(1990, 3, 12)
    response = client.post(url, _profile(user, nik_for(free_birth, "L"), free_birth))
    assert response.status_code == 429
    assert "Terlalu banyak percobaan NIK" in response.content.decode()
    assert not Person.objects.filter(user=user).exists()


def test_editing_a_profile_without_changing_its_nik_is_never_counted(client):
    user = UserFactory()
    sign_in_with_second_factor(client, user)
    birth = datetime.date(1990, 3, 12)
    nik = nik_for(birth, "L")
    url = reverse("registry:profile_edit")
    assert client.post(url, _profile(user, nik, birth)).status_code == 302
    for i in range(15):
        assert client.post(url, _profile(user, nik, birth) | {"birth_place": f"Bogor {i}"}).status_code == 302
    assert Person.objects.get(user=user).birth_place == "Bogor 14"
