"""An imported number another person already holds is a reported row problem, never a silent
change: the row imports nothing."""

import pytest

from registry.models import Member, Person
from registry.tests.member_lists import person_row, problems, run_import

pytestmark = pytest.mark.django_db


def test_a_number_held_by_a_member_in_the_register_rejects_the_row(tmp_path):
    run_import(tmp_path, [person_row(1, nomor_anggota="IPSPI.32.2010.00001")], name="pertama.csv")

    report = run_import(tmp_path, [person_row(2, nomor_anggota="IPSPI.32.2010.00001")], name="kedua.csv")

    assert (report["created"], report["rejected"], report["members"]) == (0, 1, 0)
    message = problems(report)[(2, "nomor_anggota")]
    assert "IPSPI.32.2010.00001" in message and "anggota di register" in message
    assert not Person.objects.filter(full_name="Peserta Kongres 2").exists()
    assert Member.objects.get(number="IPSPI.32.2010.00001").person.full_name == "Peserta Kongres 1"


def test_two_people_of_one_list_with_the_same_number_keep_the_first_and_report_the_second(tmp_path):
    report = run_import(
        tmp_path, [person_row(1, nomor_anggota="017/2011"), person_row(2, nomor_anggota="017/2011"), person_row(3)]
    )

    assert (report["created"], report["rejected"], report["members"]) == (2, 1, 2)
    assert "baris 2" in problems(report)[(3, "nomor_anggota")]
    assert Member.objects.get(number="017/2011").person.full_name == "Peserta Kongres 1"


def test_a_member_listed_with_another_number_than_the_one_they_hold_is_reported_and_unchanged(tmp_path):
    run_import(tmp_path, [person_row(1, nomor_anggota="017/2011")], name="pertama.csv")

    report = run_import(tmp_path, [person_row(1, nomor_anggota="018/2011")], name="kedua.csv")

    assert report["rejected"] == 1
    assert "017/2011" in problems(report)[(2, "nomor_anggota")]
    assert list(Member.objects.values_list("number", flat=True)) == ["017/2011"]
