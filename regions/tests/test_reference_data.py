import pytest

from regions.lookup import province_from_text, regency_from_text
from regions.models import Province, Regency


@pytest.mark.django_db
def test_all_38_provinces_and_514_regencies_are_loaded():
    assert Province.objects.count() == 38
    assert Regency.objects.count() == 514


@pytest.mark.django_db
def test_kemendagri_codes_and_readable_names():
    assert Province.objects.get(code="31").name == "DKI Jakarta"
    assert Province.objects.get(code="34").name == "Daerah Istimewa Yogyakarta"
    kota_bandung = Regency.objects.get(code="32.73")
    assert kota_bandung.name == "Kota Bandung"
    assert kota_bandung.kind == Regency.Kind.KOTA
    assert Regency.objects.get(code="32.04").name == "Kabupaten Bandung"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text, code",
    [
        ("DKI Jakarta", "31"),
        ("Jakarta", "31"),
        ("DIY", "34"),
        ("D.I. Yogyakarta", "34"),
        ("Jabar", "32"),
        ("jawa barat", "32"),
        ("Provinsi Jawa Timur", "35"),
        ("  SUMATERA   UTARA ", "12"),
    ],
)
def test_provinces_are_found_from_common_spellings(text, code):
    assert province_from_text(text).code == code


@pytest.mark.django_db
def test_kota_and_kabupaten_of_the_same_name_are_different_places():
    jabar = Province.objects.get(code="32")
    assert regency_from_text("Kota Bandung", jabar).code == "32.73"
    assert regency_from_text("Kab. Bandung", jabar).code == "32.04"
    assert regency_from_text("Kabupaten Bandung", jabar).code == "32.04"
    # "Bandung" alone is ambiguous (Kota and Kabupaten): not guessed.
    assert regency_from_text("Bandung", jabar) is None
    assert regency_from_text("Kota Atlantis", jabar) is None
