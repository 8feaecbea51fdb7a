"""Membership status, category and dues columns as lists write them; a value that is not one of
them rejects the row (a member's status is never guessed)."""

import datetime

import pytest
from django.utils import timezone

from registry.models import DuesInvoice, Member
from registry.tests.member_lists import person_row, problems, run_import

pytestmark = pytest.mark.django_db


def test_status_and_category_values_in_any_case_and_spelling(tmp_path):
    run_import(
        tmp_path,
        [
            person_row(1, status_keanggotaan="Aktif", kategori="Anggota Biasa"),
            person_row(2, status_keanggotaan="TIDAK AKTIF", kategori="rekan"),
            person_row(3, status_keanggotaan="Berhenti", kategori="BIASA"),
            person_row(4),  # no status: active; no category: from the education (S1 kesejahteraan sosial)
            person_row(5, pendidikan_terakhir="SMA", program_studi=""),
        ],
    )

    found = {
        name: (status, category)
        for name, status, category in Member.objects.values_list("person__full_name", "status", "category")
    }
    assert found == {
        "Peserta Kongres 1": ("active", "biasa"),
        "Peserta Kongres 2": ("lapsed", "rekan"),
        "Peserta Kongres 3": ("ended", "biasa"),
        "Peserta Kongres 4": ("active", "biasa"),
        "Peserta Kongres 5": ("active", "rekan"),
    }


def test_unknown_values_and_impossible_dates_reject_the_row_with_the_reason(tmp_path):
    report = run_import(
        tmp_path,
        [
            person_row(1, status_keanggotaan="pensiun"),
            person_row(2, kategori="kehormatan"),
            person_row(3, tanggal_bergabung="31/02/2012"),
            person_row(4, iuran_lunas_sampai="dua ribu"),
            person_row(5, tanggal_bergabung="01/01/2015", kartu_berlaku_sampai="01/01/2014"),
            person_row(6, nomor_anggota="<b>1</b>"),
        ],
    )

    assert (report["created"], report["rejected"]) == (0, 6)
    assert set(problems(report)) == {
        (2, "status_keanggotaan"),
        (3, "kategori"),
        (4, "tanggal_bergabung"),
        (5, "iuran_lunas_sampai"),
        (6, "kartu_berlaku_sampai"),
        (7, "nomor_anggota"),
    }
    assert "aktif, tidak aktif, atau berhenti" in problems(report)[(2, "status_keanggotaan")]


def test_dues_paid_through_a_year_are_paid_invoices_and_an_inactive_members_later_years_are_owed(tmp_path):
    year = timezone.localdate().year
    run_import(
        tmp_path,
        [
            person_row(1, iuran_lunas_sampai=str(year), tanggal_bergabung="01/01/2015"),
            person_row(2, status_keanggotaan="tidak aktif", iuran_lunas_sampai="2024", tanggal_bergabung="01/01/2015"),
        ],
    )

    paid_up = Member.objects.get(person__full_name="Peserta Kongres 1")
    behind = Member.objects.get(person__full_name="Peserta Kongres 2")
    # Fee schedules start in 2024: earlier years have no invoices, the history keeps the year.
    assert set(paid_up.invoices.values_list("year", "status")) == {(y, "paid") for y in range(2024, year + 1)}
    assert set(behind.invoices.values_list("year", "status")) == {(2024, "paid"), *((y, "open") for y in range(2025, year))}
    assert paid_up.history.get().history_change_reason.endswith(f"iuran lunas sampai {year}")
    assert not DuesInvoice.objects.filter(member=paid_up, status="open").exists()
    assert behind.arrears(today=datetime.date(year, 12, 31)) > 0
