"""The legacy import takes messy real-world spreadsheets, reports honestly, and re-running the
same file creates nothing new."""

import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.tests.factories import sign_in_with_second_factor
from registry.models import Education, ImportBatch, Person
from registry.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).parent / "fixtures" / "legacy_messy.csv"


def _run(path, tmp_path, *extra, source="Kongres 2010"):
    report = tmp_path / f"report-{len(list(tmp_path.iterdir()))}.json"
    out = io.StringIO()
    call_command(
        "import_members", str(path), "--source", source, "--report", str(report), *extra, stdout=out, stderr=io.StringIO()
    )
    return json.loads(report.read_text(encoding="utf-8")), out.getvalue()


def _problems(report):
    return {(p["row"], p["field"]) for p in report["problems"]}


def test_a_messy_csv_is_imported_with_an_honest_report_and_a_rerun_creates_nothing(tmp_path):
    report, out = _run(FIXTURE, tmp_path)
    assert (report["rows"], report["created"], report["merged"], report["unchanged"], report["rejected"]) == (13, 7, 2, 0, 4)
    assert "13 rows: 7 created, 2 merged, 0 unchanged, 4 rejected" in out
    assert Person.objects.count() == 7

    # Rejected rows name their row, field and reason, in Indonesian.
    assert {(11, "nik"), (12, "tanggal_lahir"), (13, "nama_lengkap"), (15, "nik")} <= _problems(report)
    messages = {(p["row"], p["field"]): p["message"] for p in report["problems"]}
    assert "16 digit" in messages[(11, "nik")]
    assert messages[(12, "tanggal_lahir")] == "“31/02/1980” bukan tanggal yang ada di kalender."
    assert "Tanggal lahir dalam NIK" in messages[(15, "nik")]
    assert not Person.objects.filter(full_name__contains="Hacker").exists()
    assert not Person.objects.filter(full_name__in=["Joko Susilo", "Agus Salim", "Hendra Gunawan"]).exists()

    # Faulty optional fields are reported and left empty; the rest of the row is imported.
    assert {
        (14, "email"),
        (14, "no_hp"),
        (14, "kabupaten_kota"),
        (14, "tahun_lulus"),
        (16, "jenis_kelamin"),
        (16, "provinsi"),
    } <= _problems(report)
    wati = Person.objects.get(full_name="Wati Suryani")
    assert (wati.email, wati.phone, wati.regency, wati.province.code, wati.sex) == ("", "", None, "32", "P")
    assert wati.educations.get().graduation_year is None
    yuli = Person.objects.get(full_name="Yuliana Putri")
    assert yuli.sex == "" and yuli.province.code == "32" and yuli.regency.code == "32.73"
    assert yuli.educations.get().level == "S1" and yuli.educations.get().study_field == "kesejahteraan_sosial"

    # Spreadsheet variants: dates, sex words, phone forms, area names.
    siti = Person.objects.get(nik="3273055708850001")
    assert siti.birth_date == datetime.date(1985, 8, 17) and siti.email == "siti.aminah@example.id"  # merged from row 8
    assert siti.phone == "+6281234567890" and siti.regency.code == "32.73"
    assert siti.import_sources == ["Kongres 2010", "Jaringan Peksos"]
    budi = Person.objects.get(nik="3578010201790002")
    assert (budi.sex, budi.province.code, budi.regency.code, budi.phone) == ("L", "35", "35.78", "+6281211112222")
    rina = Person.objects.get(nik="3471017112900003")
    assert (rina.birth_date, rina.sex, rina.province.code, rina.phone) == (
        datetime.date(1990, 12, 31),
        "P",
        "34",
        "+6285711112222",
    )
    ahmad = Person.objects.get(nik="3171010506820004")
    assert (ahmad.birth_date, ahmad.province.code, ahmad.regency.code) == (datetime.date(1982, 6, 5), "31", "31.74")
    dewi = Person.objects.get(full_name="Dewi Sartika")
    assert dewi.regency.code == "32.04" and dewi.phone == "+6281299998888" and dewi.nik is None
    merges = {m["row"]: m for m in report["merges"]}
    assert merges[8]["into_row"] == 2 and "email" in merges[8]["fields"]
    assert merges[10]["into_row"] == 7
    assert all(p.user_id is None and p.source == "Kongres 2010" for p in Person.objects.all())
    educations = Education.objects.count()

    again, _ = _run(FIXTURE, tmp_path)
    assert (again["created"], again["merged"], again["unchanged"], again["rejected"]) == (0, 0, 9, 4)
    assert Person.objects.count() == 7
    assert Education.objects.count() == educations


def test_a_dry_run_reports_the_same_and_changes_nothing(tmp_path):
    report, out = _run(FIXTURE, tmp_path, "--dry-run")
    assert (report["created"], report["merged"], report["rejected"]) == (7, 2, 4)
    assert report["dry_run"] is True and out.startswith("[dry run]")
    assert not Person.objects.exists()


def _messy_xlsx(path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append([])
    sheet.append(
        [
            "NAMA_LENGKAP",
            " nik ",
            "Tempat_Lahir",
            "TANGGAL LAHIR",
            "jenis kelamin",
            "email",
            "no_hp",
            "PROVINSI",
            "kabupaten_kota",
            "pendidikan_terakhir",
            "program_studi",
            "perguruan_tinggi",
            "tahun_lulus",
            "sumber_data",
        ]
    )
    sheet.append(
        [
            "Siti Aminah",
            3273055708850001,
            "Bandung",
            datetime.datetime(1985, 8, 17),
            "Perempuan",
            "siti.aminah@example.id",
            81234567890,
            "Jawa Barat",
            "Kota Bandung",
            "S1",
            "Kesejahteraan Sosial",
            "Universitas Padjadjaran",
            2008,
            "Jaringan Peksos",
        ]
    )
    sheet.append([None] * 14)
    sheet.append(
        [
            "Made Wirawan",
            "5171010707770009",
            "Denpasar",
            28313,
            "L",
            "made@example.id",
            "+62 361 222333",
            "Bali",
            "Kota Denpasar",
            "S 1",
            "Pekerjaan Sosial",
            "Universitas Udayana",
            "1999",
            "Jaringan Peksos",
        ]
    )
    sheet.append(["Kosong Tanggal", None, "Ambon", "kemarin", "L", "", "", "Maluku", "", "", "", "", "", ""])
    workbook.save(path)


def test_an_xlsx_with_excel_dates_and_numbers_merges_with_the_register_twice_without_duplicates(tmp_path):
    _run(FIXTURE, tmp_path)
    path = tmp_path / "jaringan.xlsx"
    _messy_xlsx(path)
    report, _ = _run(path, tmp_path, source="Jaringan Peksos 2015")
    assert (report["rows"], report["created"], report["merged"], report["unchanged"], report["rejected"]) == (3, 1, 1, 0, 1)
    assert report["merges"][0]["into_person"] == Person.objects.get(nik="3273055708850001").pk
    assert (6, "tanggal_lahir") in _problems(report)
    made = Person.objects.get(nik="5171010707770009")
    assert made.birth_date == datetime.date(1977, 7, 7) and made.regency.code == "51.71" and made.phone == "+62361222333"
    again, _ = _run(path, tmp_path, source="Jaringan Peksos 2015")
    assert (again["created"], again["merged"], again["unchanged"], again["rejected"]) == (0, 0, 2, 1)


def test_the_import_never_overwrites_a_persons_own_registered_data(tmp_path):
    own = PersonFactory(
        nik="3273055708850001", birth_date=datetime.date(1985, 8, 17), sex="P", phone="+6281100000000", regency=None
    )
    report, _ = _run(FIXTURE, tmp_path)
    own.refresh_from_db()
    assert own.phone == "+6281100000000" and own.regency is None and own.source == "self"
    assert report["created"] == 6


def test_a_file_without_a_header_row_is_refused(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    with pytest.raises(CommandError, match="nama_lengkap"):
        call_command("import_members", str(path), "--source", "x", stdout=io.StringIO(), stderr=io.StringIO())
    assert not Person.objects.exists()


def test_staff_upload_shows_a_preview_then_imports_on_confirmation(client, dpp, dpd_jabar, django_capture_on_commit_callbacks):
    sign_in_with_second_factor(client, dpd_jabar)
    assert client.get(reverse("registry:import_upload")).status_code == 403
    sign_in_with_second_factor(client, dpp)
    upload = SimpleUploadedFile("daftar.csv", FIXTURE.read_bytes(), content_type="text/csv")
    response = client.post(reverse("registry:import_upload"), {"source": "Kongres 2010", "source_kind": "lain", "file": upload})
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    page = client.get(reverse("registry:import_detail", args=[batch.pk])).content.decode()
    assert "Ini pratinjau" in page and "Tanggal lahir dalam NIK" in page
    assert "<b>Hacker" not in page and "Nama mengandung karakter &lt; atau &gt;." in page
    assert not Person.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        queued = client.post(reverse("registry:import_detail", args=[batch.pk]), follow=True)
    assert "Daftar sedang diimpor" in queued.content.decode()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.IMPORTED and batch.report["created"] == 7
    assert batch.imported_by == dpp and batch.source_kind == "lain"
    assert dpp.notifications.get().subject == "Daftar “Kongres 2010” sudah diimpor"
    assert Person.objects.count() == 7
    response = client.post(reverse("registry:import_detail", args=[batch.pk]), follow=True)
    assert "Daftar ini sudah diimpor." in response.content.decode()
    assert Person.objects.count() == 7


def test_an_upload_that_only_pretends_to_be_xlsx_is_refused(client, dpp):
    sign_in_with_second_factor(client, dpp)
    upload = SimpleUploadedFile("daftar.xlsx", b"nama_lengkap\nBudi\n", content_type="application/vnd.ms-excel")
    response = client.post(reverse("registry:import_upload"), {"source": "x", "file": upload})
    assert "Ini bukan berkas XLSX yang sebenarnya" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_a_congress_list_uploaded_on_the_page_makes_members_who_keep_their_numbers(
    client, dpp, django_capture_on_commit_callbacks
):
    from registry.models import Member

    sign_in_with_second_factor(client, dpp)
    nik = "3273014508900002"
    rows = (
        "nama_lengkap;nik;tanggal_lahir;email;provinsi;nomor_anggota\n"
        f"Siti Rahmawati;{nik};05/08/1990;siti@contoh.id;Jawa Barat;IPSPI-2010-0042\n"
    )
    upload = SimpleUploadedFile("kongres.csv", rows.encode(), content_type="text/csv")
    client.post(reverse("registry:import_upload"), {"source": "Kongres III 2010", "source_kind": "kongres", "file": upload})
    batch = ImportBatch.objects.get()
    assert batch.source_kind == "kongres" and batch.preview_report["created"] == 1
    page = client.get(reverse("registry:import_detail", args=[batch.pk])).content.decode()
    assert "Peserta kongres" in page and not Member.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("registry:import_detail", args=[batch.pk]))
    member = Member.objects.get()
    assert member.number == "IPSPI-2010-0042" and member.person.nik == nik


def test_an_unknown_list_kind_is_refused_and_nothing_is_kept(client, dpp):
    sign_in_with_second_factor(client, dpp)
    upload = SimpleUploadedFile("daftar.csv", FIXTURE.read_bytes(), content_type="text/csv")
    response = client.post(reverse("registry:import_upload"), {"source": "x", "source_kind": "semua", "file": upload})
    assert response.status_code == 200 and "bukan salah satu dari pilihan yang tersedia" in response.content.decode()
    assert not ImportBatch.objects.exists() and not Person.objects.exists()


def test_a_member_import_that_stops_half_way_can_be_confirmed_again(client, dpp, monkeypatch, django_capture_on_commit_callbacks):
    from registry import importer

    sign_in_with_second_factor(client, dpp)
    upload = SimpleUploadedFile("daftar.csv", FIXTURE.read_bytes(), content_type="text/csv")
    client.post(reverse("registry:import_upload"), {"source": "Kongres 2010", "source_kind": "lain", "file": upload})
    batch = ImportBatch.objects.get()
    real_run = importer.LegacyImporter.run

    def crash(self, rows):
        raise RuntimeError("worker killed")

    monkeypatch.setattr(importer.LegacyImporter, "run", crash)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("registry:import_detail", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PREVIEWED and "Impor berhenti" in batch.report["failure"]
    assert dpp.notifications.get().subject == "Daftar “Kongres 2010” tidak berhasil diimpor"
    monkeypatch.setattr(importer.LegacyImporter, "run", real_run)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("registry:import_detail", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.IMPORTED and Person.objects.count() == 7
