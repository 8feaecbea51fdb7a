import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import make_staff, sign_in_with_second_factor
from regions.models import Regency
from reports.tests.factories import members

pytestmark = pytest.mark.django_db


def test_a_dpd_officer_s_map_shows_their_province_by_regency_not_the_nation(client, officers):
    made = members(officers["jabar"], "32", 2)
    regency = made[0].person.regency
    sign_in_with_second_factor(client, officers["jabar"])
    response = client.get(reverse("reports:dashboard"))
    keys = [m["table"].key for m in response.context["maps"]]
    assert "anggota-kabupaten" in keys and "anggota-provinsi" not in keys
    [member_map] = [m for m in response.context["maps"] if m["table"].key == "anggota-kabupaten"]
    names = {t.name for t in member_map["tiles"]}
    assert set(Regency.objects.filter(province__code="32").values_list("name", flat=True)) <= names
    assert "Kota Surabaya" not in names
    if regency is not None and regency.province.code == "32":
        assert next(t for t in member_map["tiles"] if t.name == regency.name).value >= 1
    assert sum(t.value for t in member_map["tiles"]) == 2


def test_the_dpp_keeps_the_national_map(client, officers):
    sign_in_with_second_factor(client, officers["dpp"])
    keys = [m["table"].key for m in client.get(reverse("reports:dashboard")).context["maps"]]
    assert "anggota-provinsi" in keys and "anggota-kabupaten" not in keys


def test_a_dinas_sosial_officer_sees_only_their_regency_s_lks_on_the_map(client):
    officer = make_staff(Role.DINSOS_OFFICER, regency=Regency.objects.get(code="32.73"))
    sign_in_with_second_factor(client, officer)
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200
    maps = {m["table"].key: m for m in response.context["maps"]}
    assert "lks-provinsi" not in maps
    assert [t.name for t in maps["lks-kabupaten"]["tiles"]] == ["Kota Bandung"]
