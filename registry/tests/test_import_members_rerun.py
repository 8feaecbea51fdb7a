"""Importing the same congress list twice creates nothing the second time: no person, member,
number, card or invoice, and the series stay where they were."""

import pytest

from core.models import Counter
from credentials.models import Credential
from registry.models import DuesInvoice, Member, Person
from registry.tests.member_lists import person_row, run_import

pytestmark = pytest.mark.django_db


def _state():
    return (
        Person.objects.count(),
        sorted(Member.objects.values_list("number", flat=True)),
        Credential.objects.count(),
        DuesInvoice.objects.count(),
        sorted(Counter.objects.values_list("series", "value")),
    )


def test_a_second_run_of_a_congress_list_creates_nothing(tmp_path):
    rows = [
        person_row(1, nomor_anggota="IPSPI.32.2010.00005", iuran_lunas_sampai="2025"),
        person_row(2, tanggal_bergabung="01/02/2010"),
        person_row(3, nomor_anggota="lama-003"),
        person_row(1, nomor_anggota="IPSPI.32.2010.00005"),  # the same person twice in the list
    ]
    first = run_import(tmp_path, rows, name="a.csv")
    before = _state()

    second = run_import(tmp_path, rows, name="b.csv")

    assert (first["created"], first["merged"], first["members"]) == (3, 1, 3)
    assert (second["created"], second["merged"], second["unchanged"], second["members"], second["rejected"]) == (0, 0, 4, 0, 0)
    assert _state() == before
    assert before[1] == ["IPSPI.32.2010.00005", "IPSPI.32.2010.00006", "lama-003"]


def test_a_dry_run_reports_the_members_it_would_make_and_changes_nothing(tmp_path):
    report = run_import(tmp_path, [person_row(1, nomor_anggota="017/2011"), person_row(2)], dry_run=True)

    assert (report["created"], report["members"], report["numbers_kept"], report["numbers_new"]) == (2, 2, 1, 1)
    assert not Person.objects.exists() and not Member.objects.exists() and not Counter.objects.exists()
