"""Bad input gets a clear Indonesian message and changes nothing."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from accounts.tests.factories import UserFactory, sign_in_with_second_factor
from registry.models import Education, Person
from registry.tests.factories import PersonFactory, nik_for, png_upload

pytestmark = pytest.mark.django_db


def _profile(user, **overrides):
    birth = datetime.date(1990, 3, 12)
    data = {
        "nik": nik_for(birth, "L"),
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
    data.update(overrides)
    return data


def _post_profile(client, user, **overrides):
    sign_in_with_second_factor(client, user)
    return client.post(reverse("registry:profile_edit"), _profile(user, **overrides))


def test_an_invalid_nik_is_refused_with_the_reason(client):
    user = UserFactory()
    response = _post_profile(client, user, nik="1234")
    assert response.status_code == 200
    assert "NIK" in response.content.decode() and "16 digit" in response.content.decode()
    assert not Person.objects.exists()


def test_a_nik_that_disagrees_with_the_birth_date_is_refused(client):
    user = UserFactory()
    response = _post_profile(client, user, nik=nik_for(datetime.date(1991, 3, 12), "L"))
    assert response.status_code == 200
    assert "Tanggal lahir dalam NIK" in response.content.decode()
    assert not Person.objects.exists()


def test_a_womans_nik_with_male_sex_is_refused(client):
    user = UserFactory()
    response = _post_profile(client, user, nik=nik_for(datetime.date(1990, 3, 12), "P"))
    assert "NIK ini milik perempuan" in response.content.decode()
    assert not Person.objects.exists()


def test_a_birth_date_in_the_future_or_impossible_is_refused(client):
    user = UserFactory()
    future = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    response = _post_profile(client, user, nik="", birth_date=future)
    assert "Tanggal lahir tidak boleh di masa depan." in response.content.decode()
    response = _post_profile(client, user, nik="", birth_date="1990-02-31")
    assert response.status_code == 200
    assert not Person.objects.exists()


def test_a_duplicate_nik_points_to_claiming_the_existing_record(client):
    existing = PersonFactory(user=None, source="Kongres 2010", email="")
    user = UserFactory()
    response = _post_profile(client, user, nik=existing.nik, birth_date=existing.birth_date.isoformat(), sex=existing.sex)
    assert "NIK ini sudah terdaftar" in response.content.decode()
    assert Person.objects.count() == 1


def test_a_duplicate_email_is_refused(client):
    other = PersonFactory()
    user = UserFactory()
    response = _post_profile(client, user, email=other.email)
    assert "Alamat e-mail ini sudah dipakai" in response.content.decode()
    assert Person.objects.count() == 1


def test_html_in_a_name_is_refused_and_shown_escaped(client):
    user = UserFactory()
    response = _post_profile(client, user, full_name="<script>alert(1)</script>")
    page = response.content.decode()
    assert "Nama tidak boleh mengandung karakter &lt; atau &gt;." in page
    assert "<script>alert(1)</script>" not in page
    assert not Person.objects.exists()


def test_a_photo_that_is_not_an_image_is_refused_by_its_content(client):
    user = UserFactory()
    fake = SimpleUploadedFile("foto.png", b"MZ\x90\x00 this is an executable", content_type="image/png")
    response = _post_profile(client, user, photo=fake)
    assert "bukan berkas" in response.content.decode()
    assert not Person.objects.exists()


@override_settings(PEKSOS_UPLOAD_MAX_BYTES=100)
def test_an_oversized_upload_is_refused(client):
    user = UserFactory()
    response = _post_profile(client, user, photo=png_upload())
    assert "terlalu besar" in response.content.decode()
    assert not Person.objects.exists()


def test_graduation_before_birth_is_refused(client):
    person = PersonFactory(birth_date=datetime.date(1990, 5, 17))
    sign_in_with_second_factor(client, person.user)
    response = client.post(
        reverse("registry:item_add", args=["education"]),
        {
            "level": "S1",
            "study_programme": "Pekerjaan Sosial",
            "study_field": "pekerjaan_sosial",
            "institution": "STKS",
            "graduation_year": "1985",
        },
    )
    assert "Tahun lulus sebelum tanggal lahir." in response.content.decode()
    assert not Education.objects.exists()


def test_an_end_date_before_the_start_date_is_refused(client):
    person = PersonFactory()
    sign_in_with_second_factor(client, person.user)
    response = client.post(
        reverse("registry:item_add", args=["experience"]),
        {"employer": "LKS", "position": "Pendamping", "started_on": "2020-01-01", "ended_on": "2019-01-01"},
    )
    assert "Tanggal selesai sebelum tanggal mulai." in response.content.decode()
    assert not person.experiences.exists()


def test_an_incomplete_profile_cannot_be_submitted(client, jabar):
    user = UserFactory()
    sign_in_with_second_factor(client, user)
    client.post(reverse("registry:profile_edit"), {"full_name": "Rina", "email": user.email})
    response = client.post(reverse("registry:apply"), {"channel": "dpd", "province": jabar.pk, "submit": "1"}, follow=True)
    page = response.content.decode()
    assert "Lengkapi profil Anda terlebih dahulu: NIK, tempat lahir, tanggal lahir" in page
    assert not Person.objects.get().applications.filter(status="submitted").exists()


def test_a_dpd_application_needs_a_province(client):
    user = UserFactory()
    sign_in_with_second_factor(client, user)
    client.post(reverse("registry:profile_edit"), {"full_name": "Rina", "email": user.email})
    response = client.post(reverse("registry:apply"), {"channel": "dpd", "province": "", "submit": "1"}, follow=True)
    assert "Pilih provinsi DPD Anda" in response.content.decode()
    assert not Person.objects.get().applications.exists()


def test_someone_else_cannot_edit_or_delete_my_education(client):
    from registry.tests.factories import EducationFactory

    education = EducationFactory()
    intruder = PersonFactory()
    sign_in_with_second_factor(client, intruder.user)
    assert client.get(reverse("registry:item_edit", args=["education", education.pk])).status_code == 404
    assert client.post(reverse("registry:item_delete", args=["education", education.pk])).status_code == 404
    assert client.get(reverse("registry:own_document", args=["education", education.pk])).status_code == 404
    assert Education.objects.filter(pk=education.pk).exists()
