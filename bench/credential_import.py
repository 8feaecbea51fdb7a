"""The credential-import benchmark (issue 21): `import_credentials --kind accreditation` of 23,000
rows (targets: under 60 s, credentials signed) and `--kind certificate` of 100,000 rows (under
120 s), each followed by the same file again (which must create nothing).

Run against a register that already holds the people (the benchmark database at full scale):

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.credential_import accreditation 23000
    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.credential_import certificate 100000

bench/run.py runs both at full scale (with --quick: 300 accreditations and 1,000 certificates).
It prints one JSON line: seconds (wall and CPU: on a shared machine the wall clock also counts
the time other processes held the cores) and peak memory of each run, and the command's summary.
"""

from __future__ import annotations

import csv
import datetime
import json
import random
import sys
import time
from io import StringIO
from pathlib import Path

from .memory import PrivatePeak, peak_rss_mb

DATA = Path(__file__).resolve().parent / ".data"


def write_accreditations(path: Path, rows: int, *, seed: int = 1) -> None:
    from regions.models import Regency

    rng = random.Random(f"accreditations:{seed}:{rows}")  # noqa: S311 (reproducible test data)
    regencies = list(Regency.objects.values_list("name", flat=True))
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["Nama LKS", "Nomor AHU", "Kabupaten/Kota", "Peringkat", "Nomor SK", "Tanggal SK", "Berlaku Sampai"])
        for index in range(rows):
            day = datetime.date(2016, 1, 4) + datetime.timedelta(days=rng.randrange(3000))
            grade = rng.choice("AABBBC")
            end = "" if rng.random() < 0.9 else (day + datetime.timedelta(days=5 * 365)).strftime("%d/%m/%Y")
            out.writerow(
                [
                    f"LKS Impor {index:05d}",
                    f"AHU-{index:07d}.AH.01.04.{day.year}",
                    rng.choice(regencies),
                    grade,
                    f"{index}/HUK/{day.year}",
                    day.strftime("%d/%m/%Y"),
                    end,
                ]
            )


def write_certificates(path: Path, rows: int, *, seed: int = 1) -> None:
    from certification.models import Scheme
    from registry.models import Person

    rng = random.Random(f"certificates:{seed}:{rows}")  # noqa: S311 (reproducible test data)
    schemes = list(Scheme.objects.values_list("code", "lsp__code"))
    niks = list(Person.objects.exclude(nik=None).values_list("nik", flat=True)[:rows])
    if not schemes or not niks:
        raise SystemExit("The register needs schemes and people with a NIK (generate_synthetic first).")
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["nomor_sertifikat", "nik", "skema", "penerbit", "tanggal_terbit", "status"])
        for index in range(rows):
            code, lsp = rng.choice(schemes)
            day = datetime.date(2012, 1, 2) + datetime.timedelta(days=rng.randrange(4500))
            out.writerow(
                [f"BENCH/{lsp}/{index:06d}", niks[index % len(niks)], code, lsp, day.isoformat(), rng.choice(["", "", "berlaku"])]
            )


def measure(path: Path, kind: str) -> dict:
    from django.core.management import call_command

    out = StringIO()
    started, cpu = time.perf_counter(), time.process_time()
    with PrivatePeak() as private:
        call_command(
            "import_credentials", str(path), kind=kind, source=f"benchmark {kind}", verbosity=0, stdout=out, stderr=StringIO()
        )
    return {
        "seconds": round(time.perf_counter() - started, 2),
        "cpu_seconds": round(time.process_time() - cpu, 2),
        "peak_private_mb": private.peak,
        "peak_rss_mb": peak_rss_mb(),
        "summary": out.getvalue().strip().splitlines()[0],
    }


# What the issue asks of each kind: (rows, seconds).
TARGETS = {"accreditation": (23_000, 60), "certificate": (100_000, 120)}


def result_rows(result: dict) -> list[dict]:
    """The rows bench/run.py reports: time of the first and the second run, the time scaled to
    the issue's size (linearly: each chunk of 500 rows costs the same), the rate, peak memory."""
    from .benchmarks import row

    kind, rows, first, again = result["kind"], result["rows"], result["first"], result["again"]
    size, target = TARGETS[kind]
    scaled = first["seconds"] * size / rows
    label = f"import_credentials --kind {kind}"
    return [
        row(
            f"{label}, {rows:,} rows: time",
            first["seconds"],
            "s",
            note=f"CPU {first['cpu_seconds']:.1f} s; peak private {first['peak_private_mb']:.0f} MB; {first['summary']}",
        ),
        row(
            f"{label}: time for {size:,} rows",
            scaled,
            "s",
            target=f"< {target} s",
            meets=scaled < target,
            note=None if rows == size else f"scaled from {rows:,} rows",
        ),
        row(f"{label}: rate", rows / first["seconds"] if first["seconds"] else None, "rows/s"),
        row(f"{label}: the same file again", again["seconds"], "s", note=again["summary"]),
    ]


if __name__ == "__main__":  # python -m bench.credential_import KIND ROWS
    import django

    django.setup()
    kind, rows = sys.argv[1], int(sys.argv[2])
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"credentials-{kind}-{rows}.csv"
    {"accreditation": write_accreditations, "certificate": write_certificates}[kind](path, rows)
    first = measure(path, kind)
    again = measure(path, kind)
    print(json.dumps({"kind": kind, "rows": rows, "first": first, "again": again}))
