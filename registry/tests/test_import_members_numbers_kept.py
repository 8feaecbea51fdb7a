"""Members of a congress list keep the numbers they already hold, in whatever format the
consortium used before; members without one get the next number of their series."""

import pytest

from registry.models import Member
from registry.tests.member_lists import person_row, run_import

pytestmark = pytest.mark.django_db


def test_existing_numbers_are_kept_exactly_as_the_list_gives_them(tmp_path):
    report = run_import(
        tmp_path,
        [
            person_row(1, nomor_anggota="IPSPI/DKI/2011/017", province="DKI Jakarta"),
            person_row(2, nomor_anggota="0321-2010"),
            person_row(3, nomor_anggota="IPSPI.32.2010.00042"),
        ],
    )

    assert (report["created"], report["members"], report["numbers_kept"], report["rejected"]) == (3, 3, 3, 0)
    numbers = dict(Member.objects.values_list("person__full_name", "number"))
    assert numbers == {
        "Peserta Kongres 1": "IPSPI/DKI/2011/017",
        "Peserta Kongres 2": "0321-2010",
        "Peserta Kongres 3": "IPSPI.32.2010.00042",
    }
    assert Member.objects.get(number="IPSPI/DKI/2011/017").province.code == "31"


def test_a_member_without_a_number_gets_the_next_one_of_the_series_after_the_lists_highest(tmp_path):
    # The row without a number comes first: numbers are allocated once the whole list is read.
    report = run_import(
        tmp_path,
        [
            person_row(1, tanggal_bergabung="15/03/2010"),
            person_row(2, nomor_anggota="IPSPI.32.2010.00042", tanggal_bergabung="15/03/2010"),
        ],
    )

    assert (report["numbers_kept"], report["numbers_new"]) == (1, 1)
    member = Member.objects.get(person__full_name="Peserta Kongres 1")
    assert member.number == "IPSPI.32.2010.00043"
    assert member.joined_on.isoformat() == "2010-03-15"
