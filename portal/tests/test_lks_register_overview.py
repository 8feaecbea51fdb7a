import pytest

from accreditation.tests.factories import LKSFactory
from regions.models import Regency

from .test_lks_register import accredited

pytestmark = pytest.mark.django_db


def test_before_a_search_the_lks_register_shows_recent_accreditations_and_counts_by_grade_and_province(client):
    accredited("LKS Anak Harapan Bangsa", grade="B")
    accredited("LKS Lansia Sejahtera", grade="A")
    LKSFactory(name="LKS Belum Terakreditasi")
    html = client.get("/register/lks/").content.decode()
    assert "Baru terakreditasi" in html
    assert "LKS Anak Harapan Bangsa" in html and "LKS Lansia Sejahtera" in html
    assert "LKS Belum Terakreditasi" not in html
    assert "Lembaga terakreditasi saat ini: 2" in html
    assert "Jawa Barat" in html


def test_the_overview_costs_the_same_queries_for_many_institutions(client, django_assert_max_num_queries):
    for n in range(8):
        accredited(f"LKS Harapan {n}")
    with django_assert_max_num_queries(8):
        assert client.get("/register/lks/").status_code == 200


def test_the_regency_list_follows_the_chosen_province_instead_of_listing_all_regencies(client):
    untouched = client.get("/register/lks/").content.decode()
    assert "Kota Surabaya" not in untouched and "Pilih provinsi terlebih dahulu" in untouched
    jabar = client.get("/register/lks/", {"provinsi": "32"}).content.decode()
    assert "Kota Bandung" in jabar and "Kota Surabaya" not in jabar
    assert jabar.count('<option value="32.') == Regency.objects.filter(province__code="32").count()


def test_htmx_gets_only_the_regency_select_of_the_province(client):
    response = client.get("/register/lks/", {"provinsi": "35"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="kabupaten")
    html = response.content.decode()
    assert html.lstrip().startswith("<select") and "Kota Surabaya" in html and "Kota Bandung" not in html
    assert "HX-Target" in response["Vary"]


def test_searching_by_province_alone_finds_the_province_s_institutions(client):
    accredited("LKS Anak Harapan Bangsa")
    assert "LKS Anak Harapan Bangsa" in client.get("/register/lks/", {"provinsi": "32"}).content.decode()
    assert "LKS Anak Harapan Bangsa" not in client.get("/register/lks/", {"provinsi": "35"}).content.decode()


def test_a_regency_from_another_province_is_ignored_not_trusted(client):
    accredited("LKS Anak Harapan Bangsa")
    html = client.get("/register/lks/", {"provinsi": "35", "kabupaten": "32.73"}).content.decode()
    assert "LKS Anak Harapan Bangsa" not in html


def test_register_tables_turn_into_cards_on_a_phone(client):
    accredited("LKS Anak Harapan Bangsa")
    html = client.get("/register/lks/", {"q": "harapan"}).content.decode()
    assert 'class="table align-middle table-cards"' in html and 'data-label="Peringkat"' in html
    from django.contrib.staticfiles import finders

    css = open(finders.find("peksos/app.css")).read()
    assert "@media (max-width: 575.98px)" in css and ".table-cards td[data-label]::before" in css
