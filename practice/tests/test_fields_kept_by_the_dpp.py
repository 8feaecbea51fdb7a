import pytest
from django.urls import reverse

from practice.models import PracticeField
from practice.tests.factories import field

pytestmark = pytest.mark.django_db


def test_the_fields_of_seed_002_are_seeded_as_data_with_their_source():
    codes = set(PracticeField.objects.values_list("code", flat=True))
    assert {
        "anak",
        "lanjut-usia",
        "disabilitas",
        "rehabilitasi-napza",
        "koreksional",
        "bencana",
        "kesehatan",
        "sekolah",
        "komunitas",
        "kebijakan-sosial",
        "keluarga",
        "perempuan-perlindungan",
        "kemiskinan-pemberdayaan",
    } <= codes
    assert all("DPP IPSPI" in source for source in PracticeField.objects.values_list("source", flat=True))
    assert field("rehabilitasi-napza").scheme_field == "napza" and field("sekolah").scheme_field == ""


def test_the_dpp_adds_a_field_and_retires_one_with_a_reason(dpp, signed_in):
    client = signed_in(dpp)
    client.post(
        reverse("practice:field_list"),
        {
            "code": "hiv-aids",
            "name_id": "HIV/AIDS",
            "name_en": "HIV/AIDS",
            "keywords": "hiv, odha",
            "order": "200",
            "source": "SK DPP",
        },
    )
    added = PracticeField.objects.get(code="hiv-aids")
    assert added.active and added.keyword_list() == ["hiv", "odha"]

    refused = client.post(reverse("practice:field_retire", args=[added.pk]), {"reason": ""}, follow=True)
    assert "Sebutkan alasan" in refused.content.decode()
    added.refresh_from_db()
    assert added.active

    client.post(reverse("practice:field_retire", args=[added.pk]), {"reason": "Digabung ke bidang kesehatan"})
    added.refresh_from_db()
    assert (added.active, added.retired_by, added.retired_reason) == (False, dpp, "Digabung ke bidang kesehatan")
    assert added.history.count() == 2


def test_a_duplicate_code_is_refused_and_nothing_is_added(dpp, signed_in):
    before = PracticeField.objects.count()
    response = signed_in(dpp).post(
        reverse("practice:field_list"), {"code": "anak", "name_id": "Anak lagi", "name_en": "Children", "order": "1"}
    )
    assert response.status_code == 200
    assert PracticeField.objects.count() == before
