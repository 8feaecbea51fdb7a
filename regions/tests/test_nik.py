import datetime

import pytest
from django.core.exceptions import ValidationError

from regions.nik import NikError, mismatches, parse_nik, validate_nik

TODAY = datetime.date(2026, 11, 25)


def test_a_mans_nik_gives_area_birth_date_and_sex():
    info = parse_nik("3273011708850001", today=TODAY)
    assert info.province_code == "32"
    assert info.regency_code == "32.73"
    assert info.district_code == "32.73.01"
    assert info.birth_date == datetime.date(1985, 8, 17)
    assert info.sex == "L"


def test_a_womans_day_of_birth_has_forty_added():
    info = parse_nik("3273015708850002", today=TODAY)
    assert info.birth_date == datetime.date(1985, 8, 17)
    assert info.sex == "P"


def test_two_digit_years_after_this_year_belong_to_the_last_century():
    assert parse_nik("3273011708300001", today=TODAY).birth_date.year == 1930
    assert parse_nik("3273011708050001", today=TODAY).birth_date.year == 2005


@pytest.mark.parametrize(
    "nik, fragment",
    [
        ("327301170885", "16 digit"),
        ("32730117088500A1", "hanya berisi angka"),
        ("9973011708850001", "bukan kode provinsi"),
        ("3200011708850001", "tidak boleh 00"),
        ("3273003508850001", "bukan tanggal lahir"),
        ("3273011713850001", "bukan bulan"),
        ("3273013102850001", "bukan tanggal yang ada"),
        ("3273011708850000", "0001"),
    ],
)
def test_each_fault_is_explained_in_indonesian(nik, fragment):
    with pytest.raises(NikError) as excinfo:
        parse_nik(nik, today=TODAY)
    assert any(fragment in problem for problem in excinfo.value.problems)


def test_a_nik_from_another_area_than_the_address_is_still_valid():
    # Issued in Kota Bandung (32.73), the person now lives in Papua Pegunungan: still valid,
    # and so is an old Papua (91) code of a regency that has since moved to a new province.
    bandung = parse_nik("3273011708850001", today=TODAY)
    old_papua = parse_nik("9117011708850001", today=TODAY)
    assert (bandung.regency_code, bandung.birth_date) == ("32.73", datetime.date(1985, 8, 17))
    assert (old_papua.regency_code, old_papua.birth_date) == ("91.17", datetime.date(1985, 8, 17))


def test_differences_from_stated_birth_date_and_sex_are_named():
    info = parse_nik("3273015708850002", today=TODAY)
    assert mismatches(info, birth_date=datetime.date(1985, 8, 17), sex="P") == []
    problems = mismatches(info, birth_date=datetime.date(1985, 8, 18), sex="L")
    assert len(problems) == 2


def test_the_form_validator_lists_every_problem():
    with pytest.raises(ValidationError) as excinfo:
        validate_nik("3200003508850000")
    assert len(excinfo.value.messages) >= 3
