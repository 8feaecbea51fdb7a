"""The legacy-import benchmark: a spreadsheet as the 2010 congress list would look (mixed date
and phone formats, some duplicates inside the file, some people already in the register, a few
broken rows), imported with registry's `import_members` command; time and peak memory."""

from __future__ import annotations

import csv
import datetime
import json
import random
import sys
import time
from pathlib import Path

from .memory import PrivatePeak, peak_rss_mb, private_mb

HEADER = [
    "Nama Lengkap",
    "NIK",
    "Tempat Lahir",
    "Tgl Lahir",
    "JK",
    "Email",
    "No HP",
    "Provinsi",
    "Kabupaten/Kota",
    "Pendidikan Terakhir",
    "Prodi",
    "Perguruan Tinggi",
    "Tahun Lulus",
    "Sumber",
]


def write_legacy_csv(path: Path, rows: int, *, seed: int = 1) -> dict:
    """Write `rows` data rows; return how many of each kind were written."""
    from regions.models import Regency
    from registry.models import Person
    from registry.synthetic import FAMILY, FEMALE_FIRST, MALE_FIRST, UNIVERSITIES, _nik

    rng = random.Random(f"legacy:{seed}:{rows}")  # noqa: S311 (reproducible test data)
    regencies = list(Regency.objects.select_related("province"))
    taken = set(Person.objects.exclude(nik=None).values_list("nik", flat=True).iterator(chunk_size=10000))
    existing = list(Person.objects.exclude(nik=None).values_list("full_name", "nik", "birth_date")[:5000])
    kinds = {"new": 0, "in_register": 0, "repeated_in_file": 0, "broken": 0}
    written: list[list] = []
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        for index in range(rows):
            roll = rng.random()
            if roll < 0.03 and existing:
                name, nik, birth = rng.choice(existing)
                out.writerow(
                    [
                        name,
                        nik,
                        "",
                        birth.strftime("%d/%m/%Y"),
                        "",
                        "",
                        "",
                        "",
                        "",
                        "S1",
                        "Kesejahteraan Sosial",
                        rng.choice(UNIVERSITIES),
                        "",
                        "Kongres 2010",
                    ]
                )
                kinds["in_register"] += 1
                continue
            if roll < 0.05 and written:
                out.writerow(rng.choice(written))
                kinds["repeated_in_file"] += 1
                continue
            regency = rng.choice(regencies)
            sex = rng.choice("LP")
            birth = datetime.date(rng.randint(1955, 1995), rng.randint(1, 12), rng.randint(1, 28))
            name = f"{rng.choice(MALE_FIRST if sex == 'L' else FEMALE_FIRST)} {rng.choice(FAMILY)}"
            nik = _nik(rng, regency.code, birth, sex, taken)
            date_text = rng.choice([birth.strftime("%d/%m/%Y"), birth.strftime("%d-%m-%Y"), birth.isoformat()])
            phone = rng.choice(["0812-{0}-{1}", "+62 812 {0} {1}", "62812{0}{1}", "812{0}{1}"]).format(
                rng.randint(1000, 9999), rng.randint(1000, 9999)
            )
            row = [
                name,
                nik,
                regency.name,
                date_text,
                "Laki-laki" if sex == "L" else "Perempuan",
                f"peserta{index}@contoh.id",
                phone,
                regency.province.name,
                regency.name,
                rng.choice(["S1", "D4", "S2", "SMA", "D-IV"]),
                "Kesejahteraan Sosial",
                rng.choice(UNIVERSITIES),
                str(birth.year + rng.randint(22, 28)),
                "Kongres 2010",
            ]
            if roll > 0.98:
                row[1] = nik[:10]  # a NIK cut short by a spreadsheet: the row is rejected
                row[3] = "31/02/1980"
                kinds["broken"] += 1
            else:
                kinds["new"] += 1
                if len(written) < 2000:
                    written.append(row)
            out.writerow(row)
    return kinds


def add_member_numbers(source: Path, target: Path) -> None:
    """A copy of a benchmark list with a `nomor_anggota` column (an existing number on most
    rows, in the current or an older format), for `--source-kind kongres` runs."""
    with source.open(newline="", encoding="utf-8") as handle, target.open("w", newline="", encoding="utf-8") as out:
        reader, writer = csv.reader(handle), csv.writer(out)
        writer.writerow([*next(reader), "Nomor Anggota"])
        for index, row in enumerate(reader):
            number = "" if index % 10 == 0 else f"IPSPI.32.2010.{index:05d}" if index % 3 else f"LAMA/{index:06d}"
            writer.writerow([*row, number])


def measure_import(path: Path, *, source: str, source_kind: str = "lain", by: str | None = None) -> dict:
    """Run `import_members` in this process; seconds, peak memory (max RSS) and the summary.
    A congress list is imported under a DPP officer's e-mail (`by`), as the command requires."""
    from io import StringIO

    from django.core.management import call_command

    before, private_before = peak_rss_mb(), private_mb()
    out = StringIO()
    started = time.perf_counter()
    with PrivatePeak() as private:
        call_command(
            "import_members",
            str(path),
            source=source,
            source_kind=source_kind,
            verbosity=0,
            stdout=out,
            stderr=StringIO(),
            **({"by": by} if by else {}),
        )
    seconds = time.perf_counter() - started
    peak = peak_rss_mb()
    return {
        "seconds": seconds,
        "peak_rss_mb": peak,
        "rss_before_mb": before,
        "peak_private_mb": private.peak,
        "private_before_mb": private_before,
        "summary": out.getvalue().strip(),
    }


if __name__ == "__main__":  # python -m bench.legacy FILE SOURCE  (the harness runs this in its own process)
    import django

    django.setup()
    # python -m bench.legacy FILE SOURCE [SOURCE_KIND [DPP_EMAIL]]
    print(
        json.dumps(
            measure_import(
                Path(sys.argv[1]),
                source=sys.argv[2],
                source_kind=(sys.argv[3:] or ["lain"])[0],
                by=(sys.argv[4:] or [None])[0],
            )
        )
    )
