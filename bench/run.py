"""Run the benchmark suite:  make bench   (or  python -m bench.run --help)

1. a database of its own (SQLite bench/.data/bench.sqlite3, or the PostgreSQL database named by
   DATABASE_URL, which must have "bench" in its name: it is dropped and created), migrated;
2. generate_synthetic: the smallest size of --sizes with --lks LKS, then grown to each next size;
3. at each size, gunicorn (DEBUG=0, whitenoise after collectstatic, workers/threads sized to the
   cores) and a loopback load generator: the bare view, health, verification, number look-up
   (these three each in turns with the bare view, their throughput baseline; on PostgreSQL the
   look-ups also in turns with the floor view, one indexed query, which is their baseline there;
   health everywhere, to show it), name search; at
   full scale (100,000 members) also the staff member list and search, the national dashboard,
   the memory of a worker under load, then the accreditation recompute, the legacy import
   (100,000 rows) and import_credentials (23,000 accreditations, 100,000 certificates) into that
   register and the national member export; sizes above full
   scale are grown with --light data, and at the largest the member export runs again (its memory
   must stay flat however many rows);
4. bench/results/<date>-<sqlite|postgresql>.json and a table on stdout.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
RESULTS = ROOT / "bench" / "results"
STAFF_EMAIL = "bench-national@bench.peksos.invalid"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Peksos benchmark suite")
    parser.add_argument(
        "--sizes",
        default="10000,100000,1000000",
        help="Member counts to measure at (default 10000,100000,1000000: the growth target compares 10,000 with 1,000,000).",
    )
    parser.add_argument("--lks", type=int, default=23000, help="LKS to generate (default 23000).")
    parser.add_argument("--import-rows", type=int, default=100000, help="Rows in the legacy import file (default 100000).")
    parser.add_argument(
        "--credential-rows",
        default="23000,100000",
        help="Rows of the import_credentials files: accreditations,certificates (default 23000,100000).",
    )
    parser.add_argument("--duration", type=float, default=8.0, help="Seconds of load per HTTP benchmark (default 8).")
    parser.add_argument(
        "--warmup",
        type=float,
        default=5.0,
        help="Seconds of unrecorded load before each HTTP benchmark, so that each worker's caches are warm (default 5).",
    )
    parser.add_argument("--concurrency", type=int, default=8, help="Connections of the load generator (default 8).")
    parser.add_argument(
        "--full-scale",
        type=int,
        default=100000,
        help="The size at which staff pages are measured and above which growth data is generated light (default 100000).",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="Tiny sizes and short runs, to try the harness (not for results).")
    parser.add_argument("--out", default="", help="Results file (default bench/results/<date>-<database>.json).")
    args = parser.parse_args(argv)
    args.sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())
    if args.quick:
        args.sizes, args.lks, args.import_rows, args.duration, args.full_scale, args.warmup = (
            [1000, 3000, 5000],
            200,
            2000,
            2.0,
            3000,
            0.5,
        )
        args.credential_rows = "300,1000"
    args.credential_rows = dict(
        zip(("accreditation", "certificate"), (int(n) for n in args.credential_rows.split(",")), strict=True)
    )
    if args.full_scale not in args.sizes:
        args.full_scale = max((s for s in args.sizes if s <= args.full_scale), default=args.sizes[0])
    return args


# --- Environment and database -----------------------------------------------------------------


def bench_env() -> dict:
    env = dict(os.environ)
    env.setdefault("DEBUG", "0")
    env.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
    env.setdefault("PEKSOS_SIGNING_SECRET", "bench-only-signing-secret-9876543210-zyxwvutsrqponmlkjihgfedcba")
    env.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    env.setdefault("SITE_URL", "http://127.0.0.1:8000")
    env["PEKSOS_VAR_DIR"] = str(DATA / "var")
    env["PEKSOS_DEMO"] = "0"
    env["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    env.setdefault("LOG_LEVEL", "ERROR")
    if not env.get("DATABASE_URL"):
        env["SQLITE_PATH"] = str(DATA / "bench.sqlite3")
    return env


def fresh_database(env: dict) -> str:
    """Empty the bench database; return the vendor name used in the results file name."""
    url = env.get("DATABASE_URL", "")
    if not url:
        for suffix in ("", "-wal", "-shm"):
            Path(env["SQLITE_PATH"] + suffix).unlink(missing_ok=True)
        return "sqlite"
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    name = config["NAME"]
    if "bench" not in name:
        raise SystemExit(f"Refusing to drop database {name!r}: the bench database's name must contain 'bench'.")
    admin = psycopg.connect(
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    )
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return "postgresql"


def manage(env: dict, *args: str, quiet: bool = True) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL if quiet else None
    )
    return time.perf_counter() - started


def staff_cookies() -> dict:
    """A national staff member (DPP, BALKS, ministry) with TOTP set up, signed in."""
    from django.conf import settings
    from django.db import connections
    from django.test import Client

    from accounts.demo import demo_user, grant
    from accounts.roles import ROLE_SCOPE, Role, Scope
    from accounts.tests.factories import sign_in_with_second_factor  # staff pages need the second factor

    user = demo_user(STAFF_EMAIL, "Petugas Nasional (benchmark)", with_totp=True)
    for role, scope in ROLE_SCOPE.items():
        if scope == Scope.NATIONAL and role != Role.BALKS_ASSESSOR:
            grant(user, role)
    client = Client()
    sign_in_with_second_factor(client, user)
    cookies = {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}
    connections.close_all()
    return cookies


# --- Output -----------------------------------------------------------------------------------


def machine() -> str:
    try:
        memory = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
        mem_gb = int(memory.split()[1]) / 1024 / 1024
    except (OSError, StopIteration):
        mem_gb = 0
    return f"{os.cpu_count()} cores, {mem_gb:.0f} GB RAM, Python {sys.version.split()[0]}"


def table(rows: list[dict]) -> str:
    def fmt(value):
        if value is None:
            return "—"
        return f"{value:,.2f}" if isinstance(value, float) else f"{value:,}" if isinstance(value, int) else str(value)

    lines = [("benchmark", "value", "target", "ratio to baseline", "meets")]
    for r in rows:
        value = "not measured" if r["value"] is None else f"{fmt(r['value'])} {r['unit']}"
        ratio = "—" if r["ratio"] is None else f"{r['ratio']:.2f} (baseline {fmt(r['baseline'])})"
        meets = {True: "yes", False: "NO", None: ""}[r["meets"]]
        lines.append((r["name"], value, r["target"] or "", ratio, meets))
    widths = [max(len(line[i]) for line in lines) for i in range(5)]
    out = []
    for n, line in enumerate(lines):
        out.append("| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)) + " |")
        if n == 0:
            out.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    notes = [f"- {r['name']}: {r['note']}" for r in rows if r.get("note")]
    return "\n".join(out + ([""] + notes if notes else []))


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S', time.gmtime())} UTC] {message}", flush=True)


# --- The run ----------------------------------------------------------------------------------


def own_database(file_name: str, *, client_in_process: bool = False, **extra: str) -> tuple[dict, str]:
    """For a benchmark run on a database of its own (bench/.data/<file_name>, or DATABASE_URL
    whose name contains "bench"): the environment, applied to this process too, and the
    database's vendor, after emptying and migrating it. Call before django.setup().
    `client_in_process`: requests come from Django's test client (host "testserver")."""
    DATA.mkdir(parents=True, exist_ok=True)
    env = bench_env()
    if not env.get("DATABASE_URL"):
        env["SQLITE_PATH"] = str(DATA / file_name)  # not the main run's database
    if client_in_process:
        env["ALLOWED_HOSTS"] += ",testserver"
    env.update(extra)
    os.environ.update(env)
    vendor = fresh_database(env)
    manage(env, "migrate", "--noinput", "-v0")
    return env, vendor


def write_results(rows: list[dict], name: str, vendor: str, started: float, out: str = "") -> int:
    """Write the rows to `out` (default bench/results/<date>-<name>-<vendor>.json), print the
    table; exit status 1 when a target is missed."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = Path(out) if out else RESULTS / f"{datetime.date.today().isoformat()}-{name}-{vendor}.json"
    path.write_text(json.dumps(rows, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    print(table(rows))
    say(f"{machine()}; {time.perf_counter() - started:.0f} s in all; results in {path}")
    return 0 if all(r["meets"] is not False for r in rows) else 1


def batch_benchmarks(args, env, members: int) -> list[dict]:
    """The accreditation recompute, the legacy import and the member export, on the full-scale register."""
    from django.db import connections

    from . import benchmarks as b
    from .legacy import write_legacy_csv

    rows: list[dict] = b.dashboard_fresh_rows()
    say(f"national dashboard figures counted afresh: {rows[0]['value']} ms")
    connections.close_all()
    job, reason = b.accreditation_entry_point()
    if job:
        seconds, changed = b.run_accreditation_recompute(job)
        connections.close_all()
        say(f"accreditation recompute: {seconds:.1f} s, {changed} changed")
        rows += b.accreditation_rows(args.lks, seconds, changed=changed)
    else:
        say(f"accreditation recompute: {reason}")
        rows += b.accreditation_rows(args.lks, None, reason)

    csv_path = DATA / f"legacy-{args.import_rows}.csv"
    kinds = write_legacy_csv(csv_path, args.import_rows, seed=args.seed)
    connections.close_all()
    say(f"legacy import of {args.import_rows:,} rows ({kinds})")
    out = subprocess.run(
        [sys.executable, "-m", "bench.legacy", str(csv_path), "Kongres 2010 (benchmark)"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["summary"] = result["summary"].splitlines()[0] if result["summary"] else ""
    say(
        f"  … {result['seconds']:.1f} s, peak private {result['peak_private_mb']:.0f} MB (RSS {result['peak_rss_mb']:.0f} MB): {result['summary']}"
    )
    rows += b.import_rows(result, args.import_rows, members=members)

    rows += credential_import_benchmark(args, env)
    rows += export_benchmark(env)
    return rows


def credential_import_benchmark(args, env: dict) -> list[dict]:
    """import_credentials of accreditations and certificates (issue 21), each file twice."""
    from .credential_import import result_rows

    rows: list[dict] = []
    for kind, count in args.credential_rows.items():
        say(f"import_credentials --kind {kind}, {count:,} rows, then the same file again")
        out = subprocess.run(
            [sys.executable, "-m", "bench.credential_import", kind, str(count)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        result = json.loads(out.stdout.strip().splitlines()[-1])
        first, again = result["first"], result["again"]
        say(
            f"  … {first['seconds']:.1f} s (CPU {first['cpu_seconds']:.1f} s): {first['summary']}; again {again['seconds']:.1f} s: {again['summary']}"
        )
        rows += result_rows(result)
    return rows


def export_benchmark(env: dict) -> list[dict]:
    from . import benchmarks as b

    say("member export (CSV, national)")
    out = subprocess.run(
        [sys.executable, "-m", "bench.export", STAFF_EMAIL], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    say(
        f"  … {result['rows']:,} rows in {result['seconds']:.1f} s, peak private {result['peak_private_mb']:.0f} MB (RSS {result['peak_rss_mb']:.0f} MB)"
    )
    return b.export_rows(result)


def main(argv=None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    DATA.mkdir(parents=True, exist_ok=True)
    env = bench_env()
    os.environ.update(
        {
            k: v
            for k, v in env.items()
            if k
            in {
                "DEBUG",
                "SECRET_KEY",
                "PEKSOS_SIGNING_SECRET",
                "ALLOWED_HOSTS",
                "SITE_URL",
                "PEKSOS_VAR_DIR",
                "PEKSOS_DEMO",
                "SQLITE_PATH",
                "DJANGO_SETTINGS_MODULE",
                "LOG_LEVEL",
            }
        }
    )
    vendor = fresh_database(env)
    say(
        f"database: {vendor} ({env.get('SQLITE_PATH') or 'DATABASE_URL'}); sizes {args.sizes}, {args.lks:,} LKS, import {args.import_rows:,} rows"
    )
    migrate_s = manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    say(f"migrated in {migrate_s:.1f} s, static files collected")

    import django

    django.setup()
    from django.db import connections

    from . import benchmarks as b
    from .loadgen import HttpTransport
    from .server import Gunicorn, server_shape

    rows: list[dict] = []
    workers, threads = server_shape()
    by_size: dict[int, dict] = {}
    generated, gen_members, gen_seconds = 0, 0, 0.0
    for size in args.sizes:
        add = size - generated
        lks = args.lks if generated == 0 else 0
        light = size > args.full_scale
        say(f"generate_synthetic --members {add:,} --lks {lks:,}{' --light' if light else ''}")
        seconds = manage(
            env,
            "generate_synthetic",
            "--members",
            str(add),
            "--lks",
            str(lks),
            "--seed",
            str(args.seed),
            "-v0",
            *(["--light"] if light else []),
        )
        say(f"  … {seconds:.1f} s")
        if light:
            rows.append(b.row(f"generate_synthetic --light: {add:,} more members (growth data)", seconds, "s"))
        else:
            gen_members, gen_seconds = size, gen_seconds + seconds
        generated = size
        full_scale = size == args.full_scale
        samples = b.sample_data(seed=args.seed)
        if full_scale:
            rows.append(b.history_rows(members=size))
        endpoints = b.discover(samples)
        by_key = {endpoint.key: endpoint for endpoint in endpoints}
        cookies = staff_cookies() if full_scale else {}
        connections.close_all()
        stats: dict[str, object] = {}
        beside: dict[str, object] = {}  # the bare view measured in turns with each compared endpoint
        floor: dict[str, object] = {}  # the floor view, where it is measured in turns too
        with Gunicorn(env, workers=workers, threads=threads, log_path=DATA / "gunicorn.log") as server:
            # Each simulated visitor sends 100 requests: under the public rate limits (per address and minute).
            public = HttpTransport("127.0.0.1", server.port, requests_per_client=100)
            staff = HttpTransport("127.0.0.1", server.port, cookies=cookies)
            say(
                f"gunicorn on :{server.port}, {workers} workers × {threads} threads; {samples and len(samples['public_ids'])} ids sampled"
            )
            rss: list[float] = []
            private: list[float] = []
            for endpoint in endpoints:
                if endpoint.staff and not full_scale:
                    continue
                if endpoint.missing:
                    say(f"  {endpoint.label}: {endpoint.missing}")
                    continue
                concurrency = 1 if endpoint.staff else args.concurrency
                if endpoint.key == "floor":
                    continue  # a baseline: measured in turns with the endpoints compared with it
                if endpoint.key in b.COMPARED_WITH_BARE:
                    wanted = [by_key[key] for key in b.baselines_for(endpoint.key, vendor) if not by_key[key].missing]
                    stats[endpoint.key], turns = b.measure_in_turns(
                        endpoint,
                        wanted,
                        transport=public,
                        duration=args.duration * 3 / 4,
                        concurrency=concurrency,
                        warmup=args.warmup,
                    )
                    say(f"  {endpoint.label}: {stats[endpoint.key].summary()}")
                    for baseline, measured in zip(wanted, turns, strict=True):
                        (beside if baseline.key == "bare" else floor)[endpoint.key] = measured
                        say(f"    {baseline.key} view in turns with it: {measured.summary()}")
                else:
                    stats[endpoint.key] = b.measure(
                        endpoint,
                        transport=staff if endpoint.staff else public,
                        duration=args.duration,
                        concurrency=concurrency,
                        warmup=args.warmup,
                    )
                    say(f"  {endpoint.label}: {stats[endpoint.key].summary()}")
                latest, latest_private = (
                    server.worker_rss_mb(),
                    server.worker_private_mb(),
                )  # right after the load, before workers could shrink
                rss = [max(old, new) for old, new in zip(rss, latest, strict=True)] if len(rss) == len(latest) else latest
                private = (
                    [max(old, new) for old, new in zip(private, latest_private, strict=True)]
                    if len(private) == len(latest_private)
                    else latest_private
                )
            bare_single = (
                b.measure(endpoints[0], transport=public, duration=max(2.0, args.duration / 2), concurrency=1)
                if full_scale
                else None
            )
        by_size[size] = stats
        bare = stats.get("bare")
        for endpoint in endpoints:
            if endpoint.key == "floor":
                continue  # its figures are the baseline of the rows below
            if endpoint.key == "bare":
                rows += b.http_rows(endpoint, stats["bare"], None, members=size, throughput_target=False, p99_target=None)
            elif endpoint.staff:
                if not full_scale:
                    continue
                target = (
                    b.DASHBOARD_TARGET_MS if endpoint.key == "dashboard" else b.STAFF_LIST_TARGET_MS
                )  # monitoring: 300 ms too
                if endpoint.missing:
                    rows += b.missing_http_rows(endpoint, members=size, targets=[("p95", "ms", f"< {target} ms")])
                else:
                    rows += b.http_rows(
                        endpoint,
                        stats[endpoint.key],
                        bare_single,
                        members=size,
                        throughput_target=False,
                        p95_target=target,
                        p99_target=None,
                    )
            elif endpoint.key == "health":
                # No target: a view that does next to nothing, to show how much two runs of the
                # same work differ on this machine.
                rows += b.http_rows(
                    endpoint, stats["health"], beside["health"], members=size, throughput_target=False, p99_target=None
                )
                if "health" in floor:
                    rows.append(b.floor_row(endpoint, stats["health"], floor["health"], members=size, target=False))
            elif endpoint.key == "search":
                # The target for the name search is its p95 alone.
                if endpoint.missing:
                    rows += b.missing_http_rows(endpoint, members=size, targets=[("p95", "ms", f"< {b.SEARCH_P95_TARGET_MS} ms")])
                else:
                    rows += b.http_rows(
                        endpoint,
                        stats["search"],
                        bare,
                        members=size,
                        throughput_target=False,
                        p95_target=b.SEARCH_P95_TARGET_MS,
                        p99_target=None,
                    )
            elif endpoint.missing:
                targets = [("throughput", "req/s", f">= {b.RATIO_TARGET} x bare"), ("p99", "ms", f"< {b.P99_TARGET_MS} ms")]
                rows += b.missing_http_rows(endpoint, members=size, targets=targets)
            elif endpoint.key in floor:
                # PostgreSQL: held to the floor view; the bare-view ratio is shown beside it.
                rows += b.http_rows(endpoint, stats[endpoint.key], beside[endpoint.key], members=size, throughput_target=False)
                rows.insert(
                    len(rows) - 3, b.floor_row(endpoint, stats[endpoint.key], floor[endpoint.key], members=size, target=True)
                )
            else:
                rows += b.http_rows(endpoint, stats[endpoint.key], beside[endpoint.key], members=size)
        if full_scale:
            rows += b.rss_rows(rss, members=size, private_mb=private)
            rows += batch_benchmarks(args, env, size)
        elif size == args.sizes[-1] and size > args.full_scale:
            # The same export over the largest register: its memory must not grow with the rows.
            connections.close_all()
            rows += export_benchmark(env)
    rows += b.generation_rows(gen_seconds, gen_members)

    first, last = args.sizes[0], args.sizes[-1]
    for key, label in (("verify", "verification"), ("lookup", "number look-up"), ("search", "name search")):
        if len(args.sizes) > 1 and key in by_size[first] and key in by_size[last]:
            rows += b.growth_rows(label, (first, by_size[first][key]), (last, by_size[last][key]))
        else:
            rows.append(
                b.missing(
                    f"growth {label}: p95 @1M / p95 @10k",
                    "x",
                    f"<= {b.GROWTH_TARGET}",
                    "the look-up is not available in this build" if len(args.sizes) > 1 else "only one size measured",
                )
            )

    total = time.perf_counter() - started
    rows.append(b.row("whole benchmark run", total, "s", target="< 900 s", meets=total < 900))
    today = datetime.date.today().isoformat()
    path = Path(args.out) if args.out else RESULTS / f"{today}-{vendor}{'-quick' if args.quick else ''}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print()
    print(
        f"Peksos benchmarks, {today}, {vendor}, {machine()}; gunicorn {workers} workers × {threads} threads; "
        f"load: {args.concurrency} keep-alive connections for {args.duration:g} s per public endpoint (after {args.warmup:g} s unrecorded), 1 for staff pages"
    )
    print(table(rows))
    print(f"\nWritten to {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} in {total:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
