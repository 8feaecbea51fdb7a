"""Numbering series continue after the highest imported number of each series: an application
verified after the import never receives a number a member already holds."""

import pytest
from django.utils import timezone

from core import numbering
from registry import services
from registry.models import member_number_series
from registry.tests.factories import submitted_application
from registry.tests.member_lists import person_row, run_import

pytestmark = pytest.mark.django_db


def test_a_verification_after_the_import_continues_after_the_highest_imported_number(tmp_path, dpd_jabar):
    year = timezone.localdate().year
    run_import(
        tmp_path,
        [
            person_row(1, nomor_anggota=f"IPSPI.32.{year}.00007"),
            person_row(2, nomor_anggota=f"IPSPI.32.{year}.00003"),
            person_row(3, nomor_anggota=f"IPSPI.35.{year}.00020", province="Jawa Timur"),
            person_row(4, nomor_anggota="IPSPI/JABAR/099"),  # an older format belongs to no series
        ],
        kind="lain",
    )

    assert numbering.peek(member_number_series("32", year)) == 7
    assert numbering.peek(member_number_series("35", year)) == 20
    application = submitted_application()
    member = services.verify_application(actor=dpd_jabar, application=application, version=application.version)
    assert member.number == f"IPSPI.32.{year}.00008"


def test_a_list_with_lower_numbers_never_moves_a_series_back(tmp_path, dpd_jabar):
    year = timezone.localdate().year
    run_import(tmp_path, [person_row(1, nomor_anggota=f"IPSPI.32.{year}.00009")], name="a.csv")
    run_import(tmp_path, [person_row(2, nomor_anggota=f"IPSPI.32.{year}.00002")], name="b.csv")

    assert numbering.peek(member_number_series("32", year)) == 9


def test_lain_lists_make_members_only_of_the_rows_with_a_number(tmp_path):
    report = run_import(tmp_path, [person_row(1, nomor_anggota="017/2011"), person_row(2)], kind="lain")

    assert (report["created"], report["members"], report["numbers_kept"], report["numbers_new"]) == (2, 1, 1, 0)
