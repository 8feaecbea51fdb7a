"""The congress-list import benchmark (issue 21, performance): `import_members --source-kind
kongres` of a list as the 2010 congress list would look (bench/legacy.py's rows, most with an
existing IPSPI number in the current or an older format), where every valid row becomes a member
at once with a number and a signed member card.

    python -m bench.kongres_import                  # 100,000 rows (targets: < 120 s, < 500 MB)
    python -m bench.kongres_import --rows 5000      # a short run

A database of its own (SQLite bench/.data/kongres-import.sqlite3, or DATABASE_URL whose name
contains "bench"), migrated, holding only the reference data and the DPP officer the list is
imported under; the import runs in a process of its own (bench/legacy.py) so its peak memory is
its own. Results in bench/results/<date>-kongres-import-<database>.json and a table on stdout.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

SECONDS_TARGET = 120
PRIVATE_MB_TARGET = 500
OFFICER_EMAIL = "dpp-kongres@bench.peksos.invalid"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Congress-list import benchmark (import_members --source-kind kongres)")
    parser.add_argument("--rows", type=int, default=100_000, help="Rows in the congress list (default 100000).")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default="", help="Results file (default bench/results/<date>-kongres-import-<database>.json).")
    return parser.parse_args(argv)


def dpp_officer() -> str:
    """A DPP officer, who may import member lists; the e-mail `--by` names."""
    from accounts.demo import demo_user, grant
    from accounts.roles import Role

    grant(demo_user(OFFICER_EMAIL, "Petugas DPP (benchmark)"), Role.DPP_OFFICER)
    return OFFICER_EMAIL


def members_and_cards() -> tuple[int, int]:
    """How many members the register holds, and how many of them hold a signed card."""
    from registry.models import Member

    return Member.objects.count(), Member.objects.filter(credential__jwt__gt="").count()


def result_rows(rows: int, result: dict, members: int, cards: int) -> list[dict]:
    from .benchmarks import row, size_label

    at = size_label(rows)
    seconds, private = result["seconds"], result["peak_private_mb"]
    return [
        row(
            f"import_members --source-kind kongres, {rows:,} rows: time",
            seconds,
            "s",
            target=f"< {SECONDS_TARGET} s",
            meets=seconds < SECONDS_TARGET,
            note=result["summary"].splitlines()[0] if result["summary"] else "",
        ),
        row(f"import_members --source-kind kongres @{at}: rate", rows / seconds if seconds else None, "rows/s"),
        row(
            f"import_members --source-kind kongres @{at}: peak private memory (RssAnon, sampled every 10 ms)",
            private,
            "MB",
            target=f"< {PRIVATE_MB_TARGET} MB",
            meets=private < PRIVATE_MB_TARGET,
        ),
        row(f"import_members --source-kind kongres @{at}: members made", members, "members"),
        row(
            f"import_members --source-kind kongres @{at}: members with a signed card",
            cards,
            "members",
            target="every member",
            meets=cards == members and members > 0,
        ),
    ]


def main(argv=None) -> int:
    from .legacy import add_member_numbers, write_legacy_csv
    from .run import DATA, own_database, say, write_results

    args = parse_args(argv)
    started = time.perf_counter()
    env, vendor = own_database("kongres-import.sqlite3")

    import django

    django.setup()
    from django.db import connections

    officer = dpp_officer()
    plain, listed = DATA / f"kongres-plain-{args.rows}.csv", DATA / f"kongres-{args.rows}.csv"
    kinds = write_legacy_csv(plain, args.rows, seed=args.seed)
    add_member_numbers(plain, listed)
    plain.unlink()
    connections.close_all()
    say(f"congress list of {args.rows:,} rows ({kinds}); importing as {officer} on {vendor}")
    out = subprocess.run(
        [sys.executable, "-m", "bench.legacy", str(listed), "Kongres 2010 (benchmark)", "kongres", officer],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    say(f"  … {result['seconds']:.1f} s, peak private {result['peak_private_mb']:.0f} MB: {result['summary'].splitlines()[:1]}")

    rows = result_rows(args.rows, result, *members_and_cards())
    return write_results(rows, "kongres-import", vendor, started, args.out)


if __name__ == "__main__":
    raise SystemExit(main())
