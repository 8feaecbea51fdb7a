"""Member lists for the import_members tests: rows written as a CSV, run through the command."""

import csv
import datetime
import io
import json

from django.core.management import call_command

from registry.tests.factories import nik_for

HEADER = [
    "nama_lengkap",
    "nik",
    "tanggal_lahir",
    "jenis_kelamin",
    "provinsi",
    "pendidikan_terakhir",
    "program_studi",
    "nomor_anggota",
    "status_keanggotaan",
    "kategori",
    "tanggal_bergabung",
    "iuran_lunas_sampai",
    "kartu_berlaku_sampai",
]


def person_row(serial: int, *, name=None, province="Jawa Barat", **membership) -> dict:
    birth = datetime.date(1980, 1 + serial % 12, 1 + serial % 27)
    row = {
        "nama_lengkap": name or f"Peserta Kongres {serial}",
        "nik": nik_for(birth, "L", serial=serial),
        "tanggal_lahir": birth.strftime("%d/%m/%Y"),
        "jenis_kelamin": "L",
        "provinsi": province,
        "pendidikan_terakhir": "S1",
        "program_studi": "Kesejahteraan Sosial",
    }
    row.update(membership)
    return row


def write_list(path, rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.DictWriter(handle, fieldnames=HEADER)
        out.writeheader()
        for row in rows:
            out.writerow(row)


def run_import(tmp_path, rows: list[dict], *, kind="kongres", source="Kongres 2010", name="daftar.csv", dry_run=False, by=None):
    """Run the command on the rows; a congress list is imported under a DPP officer (`--by`, made
    here when not given), as the command requires."""
    path = tmp_path / name
    write_list(path, rows)
    report = tmp_path / f"{name}.report.json"
    extra = ["--dry-run"] if dry_run else []
    if kind == "kongres" and by is None:
        from accounts.roles import Role
        from accounts.tests.factories import make_staff

        by = make_staff(Role.DPP_OFFICER)
    if by is not None:
        extra += ["--by", by.email]
    out = io.StringIO()
    call_command(
        "import_members",
        str(path),
        "--source",
        source,
        "--source-kind",
        kind,
        "--report",
        str(report),
        *extra,
        stdout=out,
        stderr=io.StringIO(),
    )
    return json.loads(report.read_text(encoding="utf-8"))


def problems(report) -> dict:
    return {(p["row"], p["field"]): p["message"] for p in report["problems"]}
