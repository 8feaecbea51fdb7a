import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from accreditation.importing import import_lks
from accreditation.models import LKS
from accreditation.tests.factories import LKSFactory

pytestmark = pytest.mark.django_db

CSV = """\ufeffNama Lembaga;Badan Hukum;No Tanda Daftar;Kepemilikan;Alamat;Provinsi;Kab/Kota;Sasaran;Panti;Daya Tampung;Telp;Email
LKSA Harapan Bunda;Yayasan Harapan Bunda;460/01/Dinsos/2019;Masyarakat;Jl. Cibaduyut 10;Jawa Barat;Kota Bandung;Anak, Disabilitas;ya;40;022-555;harapan@bunda.id
;;;;;;;;;;;
PSTW Budi Mulia;;;Pemerintah;;DKI Jakarta;Kota Adm. Jakarta Timur;Lanjut usia;ya;sekitar 50;;bukan-email
LKSA HARAPAN  bunda;;460/01/DINSOS/2019;;;Jawa Barat;Kota Bandung;NAPZA;;;;
LKS Tanpa Wilayah;;;;;;Kota Antah Berantah;Anak;;;;
<script>alert(1)</script>;;;;;;Kota Bandung;;;;;
"""


def run(data: bytes, name="lks.csv", **kwargs) -> dict:
    return import_lks(io.BytesIO(data), name, **kwargs)


def test_an_lks_list_is_imported_with_problems_reported_and_duplicates_merged():
    report = run(CSV.encode("utf-8"))
    assert (report["rows"], report["created"], report["merged"], report["rejected"]) == (5, 2, 1, 2)
    bunda = LKS.objects.get(name="LKSA Harapan Bunda")
    assert bunda.regency.code == "32.73" and bunda.province.code == "32"
    assert bunda.capacity == 40 and bunda.residential and bunda.email == "harapan@bunda.id"
    assert sorted(bunda.target_groups.values_list("code", flat=True)) == ["anak", "disabilitas", "napza"]
    problems = {(p["row"], p["field"]) for p in report["problems"]}
    assert {(6, "kabupaten_kota"), (7, "nama_lks")} <= problems
    assert LKS.objects.filter(name__contains="Antah").count() == 0
    # Jakarta Timur written the way lists write it is still found; the bad fields are reported.
    budi = LKS.objects.get(name="PSTW Budi Mulia")
    assert budi.regency.code == "31.75" and budi.owner_type == "pemerintah" and budi.capacity == 0 and budi.email == ""
    assert {(4, "kapasitas"), (4, "email")} <= problems


def test_importing_the_same_file_again_creates_nothing():
    run(CSV.encode("utf-8"))
    count = LKS.objects.count()
    again = run(CSV.encode("utf-8"))
    assert again["created"] == 0 and again["merged"] == 0
    assert LKS.objects.count() == count


def test_a_dry_run_reports_the_same_but_writes_nothing():
    dry = run(CSV.encode("cp1252", errors="replace"), dry_run=True)
    assert dry["created"] >= 1 and dry["dry_run"] is True
    assert not LKS.objects.exists()


def test_an_lks_already_registered_only_gets_its_empty_fields_filled():
    existing = LKSFactory(name="LKSA Harapan Bunda", phone="", legal_entity="Yayasan Lama")
    report = run(CSV.encode("utf-8"))
    existing.refresh_from_db()
    assert report["created"] == 0 or not LKS.objects.filter(name="LKSA Harapan Bunda").exclude(pk=existing.pk).exists()
    assert existing.legal_entity == "Yayasan Lama" and existing.phone == "022-555"
    assert LKS.objects.filter(name_key="lksa harapan bunda").count() == 1


def test_an_xlsx_list_is_read_from_its_first_sheet():
    book = Workbook()
    sheet = book.active
    sheet.append(["nama_lks", "kabupaten_kota", "provinsi", "sasaran"])
    sheet.append(["LKS Lansia Sejahtera", "Kota Surabaya", "Jawa Timur", "lanjut usia"])
    data = io.BytesIO()
    book.save(data)
    report = run(data.getvalue(), name="daftar.xlsx")
    assert report["created"] == 1
    assert LKS.objects.get(name="LKS Lansia Sejahtera").target_groups.get().code == "lanjut_usia"


def test_the_command_refuses_a_file_without_the_header_and_changes_nothing(tmp_path):
    bad = tmp_path / "lks.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(CommandError, match="nama_lks"):
        call_command("import_lks", str(bad), stdout=io.StringIO())
    good = tmp_path / "baik.csv"
    good.write_text(CSV, encoding="utf-8")
    out = io.StringIO()
    call_command("import_lks", str(good), "--dry-run", stdout=out, verbosity=0)
    assert out.getvalue().startswith("[dry run] 5 rows: 2 created")
    assert not LKS.objects.exists()
