"""The benchmark functions. Each returns result rows

    {"name", "value", "unit", "target", "baseline", "ratio", "meets"} (+ "note" when needed)

`meets` is True/False where the issue sets a target and None for figures shown for context. A
benchmark whose feature does not exist yet gives a row with value None and meets False: it is
reported, never skipped and never faked.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from importlib.util import find_spec

from .loadgen import Stats, run_load

RATIO_TARGET = 0.8  # of the bare view's throughput
FLOOR_RATIO_TARGET = 0.9  # of the floor view's throughput (one indexed query), on PostgreSQL
P99_TARGET_MS = 50
SEARCH_P95_TARGET_MS = 100
STAFF_LIST_TARGET_MS = 300
DASHBOARD_TARGET_MS = 500
GROWTH_TARGET = 1.5
IMPORT_SECONDS_TARGET = 60  # for 100,000 rows
IMPORT_MEMORY_TARGET_MB = 500
GENERATE_SECONDS_TARGET = 120  # for 100,000 members
ACCREDITATION_SECONDS_TARGET = 10  # for 23,000 LKS
EXPORT_MEMORY_TARGET_MB = 200  # peak while streaming a 100,000-row export


def row(name, value, unit, *, target=None, baseline=None, meets=None, note=None) -> dict:
    ratio = (
        round(value / baseline, 3) if isinstance(value, int | float) and isinstance(baseline, int | float) and baseline else None
    )
    result = {
        "name": name,
        "value": None if value is None else round(value, 2),
        "unit": unit,
        "target": target,
        "baseline": None if baseline is None else round(baseline, 2),
        "ratio": ratio,
        "meets": meets,
    }
    if note:
        result["note"] = note
    return result


def missing(name: str, unit: str, target: str, reason: str) -> dict:
    return row(name, None, unit, target=target, meets=False, note=reason)


def history_rows(*, members: int) -> dict:
    """How many change-history rows the staff pages and the dashboard were measured against."""
    from django.apps import apps

    total = sum(model.objects.count() for model in apps.get_models() if model.__name__.startswith("Historical"))
    return row(f"change-history rows in the database @{size_label(members)}", total, "rows")


def size_label(members: int) -> str:
    return (
        f"{members // 1_000_000}M"
        if members >= 1_000_000 and members % 1_000_000 == 0
        else f"{members // 1000}k"
        if members >= 1000
        else str(members)
    )


# --- What can be measured ---------------------------------------------------------------------


@dataclass
class Endpoint:
    key: str
    label: str
    paths: list[str] = field(default_factory=list)
    staff: bool = False
    missing: str = ""  # why it cannot be measured (empty when it can)


def _resolves(path: str) -> bool:
    from django.urls import Resolver404, resolve

    try:
        resolve(path.split("?", 1)[0])
    except Resolver404:
        return False
    return True


def _openapi_paths() -> dict:
    try:
        from config.api import api

        return api.get_openapi_schema().get("paths", {})
    except Exception:  # an app's router that fails to build must not stop the benchmarks
        return {}


def sample_data(*, count: int = 300, seed: int = 1) -> dict:
    """Verification ids, member numbers and names to request, drawn from the database."""
    from credentials.models import Credential
    from registry.models import Member
    from registry.synthetic import FAMILY, FEMALE_FIRST, MALE_FIRST

    rng = random.Random(f"sample:{seed}")  # noqa: S311 (reproducible test data)
    top = Member.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    picks = sorted({rng.randint(1, top) for _ in range(count * 2)}) if top else []
    members = list(Member.objects.filter(pk__in=picks).values_list("number", "credential_id")[:count])
    rng.shuffle(members)
    public_ids = dict(Credential.objects.filter(pk__in=[c for _n, c in members if c]).values_list("pk", "public_id"))
    names = [f"{rng.choice(MALE_FIRST + FEMALE_FIRST)} {rng.choice(FAMILY)}" for _ in range(count // 2)]
    names += [rng.choice(FAMILY) for _ in range(count - len(names))]
    rng.shuffle(names)
    return {
        "numbers": [n for n, _c in members],
        "public_ids": [public_ids[c] for _n, c in members if c in public_ids],
        "names": names,
    }


def discover(samples: dict) -> list[Endpoint]:
    """The endpoints this build has, with the paths to request (or why one is missing)."""
    from urllib.parse import quote

    endpoints = [
        Endpoint("bare", "bare Django view (baseline)", ["/bench/bare/"]),
        Endpoint("health", "health /health/", ["/health/"]),
    ]
    floor = Endpoint("floor", "floor view: one indexed raw query (baseline)")
    if samples["numbers"]:
        floor.paths = [f"/bench/floor/{quote(number, safe='')}" for number in samples["numbers"]]
    else:
        floor.missing = "no members in the database"
    endpoints.append(floor)
    verify = Endpoint("verify", "public verification /v/<id>")
    if not samples["public_ids"]:
        verify.missing = "no credentials in the database"
    elif not _resolves(f"/v/{samples['public_ids'][0]}"):
        verify.missing = "not available: /v/<id> is not routed in this build (credentials app)"
    else:
        verify.paths = [f"/v/{pid}" for pid in samples["public_ids"]]
    endpoints.append(verify)

    api_paths = _openapi_paths()
    search_path = next((p for p in api_paths if p.rstrip("/").endswith("/public/social-workers")), None)
    search = Endpoint("search", "public name search /api/v1/public/social-workers?q=")
    lookup = Endpoint("lookup", "public number look-up")
    if search_path is None:
        search.missing = lookup.missing = "not available: /api/v1/public/social-workers is not in the API yet (portal app)"
    else:
        search.paths = [f"{search_path}?q={quote(name)}" for name in samples["names"]]
        detail = next((p for p in api_paths if p.startswith(search_path.rstrip("/") + "/{")), None)
        if detail:
            lookup.label = f"public number look-up {detail}"
            lookup.paths = [detail.split("{", 1)[0] + quote(number, safe="") for number in samples["numbers"]]
        else:
            lookup.label = "public number look-up /api/v1/public/social-workers?q=<number>"
            lookup.paths = [f"{search_path}?q={quote(number)}" for number in samples["numbers"]]
        if not samples["numbers"]:
            lookup.missing = "no members in the database"
    endpoints += [lookup, search]

    staff_list = Endpoint("staff_list", "staff member list /anggota/daftar/ (DPP, national; pages and filters)", staff=True)
    staff_search = Endpoint("staff_search", "staff member list /anggota/daftar/?q= (DPP, national; name or number)", staff=True)
    if _resolves("/anggota/daftar/"):
        staff_list.paths = [
            "/anggota/daftar/",
            "/anggota/daftar/?page=2",
            "/anggota/daftar/?page=50",
            "/anggota/daftar/?status=active",
            "/anggota/daftar/?status=lapsed&category=rekan",
            "/anggota/daftar/?province=12",
        ]
        staff_search.paths = [f"/anggota/daftar/?q={quote(name)}" for name in samples["names"][:20]]
        staff_search.paths += [f"/anggota/daftar/?q={quote(number)}" for number in samples["numbers"][:10]]
    else:
        staff_list.missing = staff_search.missing = "not available: the registry member list is not routed"
    endpoints += [staff_list, staff_search]

    monitoring = Endpoint("monitoring", "accreditation monitoring /akreditasi/pemantauan/ (BALKS, all LKS; filters)", staff=True)
    if _resolves("/akreditasi/pemantauan/"):
        due = (datetime.date.today() + datetime.timedelta(days=365)).isoformat()
        monitoring.paths = [
            "/akreditasi/pemantauan/",
            "/akreditasi/pemantauan/?page=20",
            "/akreditasi/pemantauan/?provinsi=32",
            "/akreditasi/pemantauan/?peringkat=B",
            "/akreditasi/pemantauan/?sasaran=anak",
            f"/akreditasi/pemantauan/?jatuh_tempo={due}",
            "/akreditasi/pemantauan/?provinsi=35&peringkat=A&sasaran=lanjut_usia",
        ]
    else:
        monitoring.missing = "not available: the accreditation monitoring view is not routed"
    endpoints.append(monitoring)

    dashboard = Endpoint("dashboard", "national dashboard (reports)", staff=True)
    dashboard_path = _dashboard_path()
    if dashboard_path:
        dashboard.label = f"national dashboard {dashboard_path}"
        dashboard.paths = [dashboard_path]
    else:
        dashboard.missing = "not built yet: the reports app has no dashboard page"
    endpoints.append(dashboard)
    return endpoints


def _dashboard_path() -> str | None:
    from django.urls import NoReverseMatch, reverse

    try:
        from reports import urls as report_urls
    except ImportError:
        return None
    names = [p.name for p in getattr(report_urls, "urlpatterns", []) if getattr(p, "name", None)]
    for wanted in ("national", "dashboard", "index", "home"):
        for name in names:
            if wanted in name:
                try:
                    return reverse(f"reports:{name}")
                except NoReverseMatch:
                    continue
    return None


# --- HTTP benchmarks --------------------------------------------------------------------------


def measure(endpoint: Endpoint, *, transport, duration: float, concurrency: int, warmup: float = 0.5) -> Stats:
    return run_load(endpoint.paths, transport=transport, duration=duration, concurrency=concurrency, warmup=warmup)


# Compared with the bare view measured in turns with them (the throughput ratio's baseline).
COMPARED_WITH_BARE = ("health", "verify", "lookup")
# Held to the floor view on PostgreSQL, where every query is a round trip to a server on the
# same cores: the bare view, which makes none, is no fair bar there (shown beside, no target).
HELD_TO_FLOOR = ("verify", "lookup")


def baselines_for(key: str, vendor: str) -> tuple[str, ...]:
    """The baselines an endpoint is measured in turns with: the bare view always; the floor where
    it is the target's baseline (the look-ups on PostgreSQL) and with the health check everywhere,
    which shows the floor on SQLite too at the cost of one endpoint's turns."""
    if key == "health" or (key in HELD_TO_FLOOR and vendor == "postgresql"):
        return ("bare", "floor")
    return ("bare",)


def measure_beside(
    endpoint: Endpoint,
    baseline: Endpoint,
    *,
    transport,
    duration: float,
    concurrency: int,
    warmup: float = 0.5,
    slices: int = 6,
    settle: float = 0.2,
) -> tuple[Stats, Stats]:
    """`endpoint` and the bare view in turns (`slices` stretches each, `duration` seconds in all
    for each), so that both meet the same moments of this shared machine. Its speed swings within
    seconds (the same two views, one second each in turns: ratios from 0.70 to 1.26, median
    0.98), so one stretch of each, or three of two seconds, compared whichever the swings hit.
    Each stretch opens its connections during `settle` seconds that are not counted."""
    measured, [bare] = measure_in_turns(
        endpoint,
        [baseline],
        transport=transport,
        duration=duration,
        concurrency=concurrency,
        warmup=warmup,
        slices=slices,
        settle=settle,
    )
    return measured, bare


def measure_in_turns(
    endpoint: Endpoint,
    baselines: list[Endpoint],
    *,
    transport,
    duration: float,
    concurrency: int,
    warmup: float = 0.5,
    slices: int = 6,
    settle: float = 0.2,
) -> tuple[Stats, list[Stats]]:
    """`endpoint` and each of `baselines` in turns, as `measure_beside` does with one."""
    run_load(endpoint.paths, transport=transport, duration=0, concurrency=concurrency, warmup=warmup)
    measured, beside = Stats(), [Stats() for _ in baselines]
    for _ in range(slices):
        for stats, paths in ((measured, endpoint.paths), *((b, e.paths) for b, e in zip(beside, baselines, strict=True))):
            stats.add(run_load(paths, transport=transport, duration=duration / slices, concurrency=concurrency, warmup=settle))
    return measured, beside


def _failure_note(stats: Stats) -> str | None:
    if stats.errors == 0 and stats.ok:
        return None
    codes = ", ".join(f"HTTP {code or 'connection error'} ×{n}" for code, n in sorted(stats.statuses.items()) if code != 200)
    first = f"; e.g. {stats.failures[0]}" if stats.failures else ""
    return f"{stats.errors} of {stats.requests} requests failed ({codes or 'no response'}){first}"


def http_rows(
    endpoint: Endpoint,
    stats: Stats,
    baseline: Stats | None,
    *,
    members: int,
    throughput_target: bool = True,
    p95_target: float | None = None,
    p99_target: float | None = P99_TARGET_MS,
) -> list[dict]:
    """Throughput and p50/p95/p99 of one endpoint, each against the bare view in the same run."""
    at = size_label(members)
    note = _failure_note(stats)
    clean = note is None
    rows = []
    base_rps = baseline.rps if baseline else None
    ratio_ok = None
    if throughput_target and base_rps:
        ratio_ok = clean and stats.rps / base_rps >= RATIO_TARGET
    rows.append(
        row(
            f"{endpoint.label} @{at}: throughput",
            stats.rps,
            "req/s",
            baseline=base_rps,
            target=f">= {RATIO_TARGET} x bare" if throughput_target else None,
            meets=ratio_ok,
            note=note,
        )
    )
    for p, target in ((50, None), (95, p95_target), (99, p99_target)):
        value = stats.percentile(p)
        rows.append(
            row(
                f"{endpoint.label} @{at}: p{p}",
                value,
                "ms",
                baseline=baseline.percentile(p) if baseline else None,
                target=f"< {target} ms" if target else None,
                meets=(clean and value is not None and value < target) if target else None,
                note="no successful request to time" if value is None else None,
            )
        )
    return rows


def floor_row(endpoint: Endpoint, stats: Stats, floor: Stats, *, members: int, target: bool) -> dict:
    """Throughput against the floor view measured in turns with it; `target`: held to
    FLOOR_RATIO_TARGET of it (the look-ups on PostgreSQL)."""
    floor_note = _failure_note(floor)
    note = _failure_note(stats) or (f"floor view: {floor_note}" if floor_note else None)
    meets = None
    if target:
        meets = note is None and bool(floor.rps) and stats.rps / floor.rps >= FLOOR_RATIO_TARGET
    return row(
        f"{endpoint.label} @{size_label(members)}: throughput vs floor view",
        stats.rps,
        "req/s",
        baseline=floor.rps,
        target=f">= {FLOOR_RATIO_TARGET} x floor" if target else None,
        meets=meets,
        note=note,
    )


def missing_http_rows(endpoint: Endpoint, *, members: int, targets: list[tuple[str, str]]) -> list[dict]:
    return [
        missing(f"{endpoint.label} @{size_label(members)}: {what}", unit, target, endpoint.missing)
        for what, unit, target in targets
    ]


def growth_rows(label: str, small: tuple[int, Stats], large: tuple[int, Stats], *, wanted_members: int = 1_000_000) -> list[dict]:
    (n_small, s_small), (n_large, s_large) = small, large
    p_small, p_large = s_small.percentile(95), s_large.percentile(95)
    name = f"growth {label}: p95 @{size_label(n_large)} / p95 @{size_label(n_small)}"
    if p_small is None or p_large is None:
        return [missing(name, "x", f"<= {GROWTH_TARGET}", "no successful requests to compare")]
    ratio = p_large / p_small
    note = None
    if n_large < wanted_members:
        note = f"measured up to {n_large:,} members; {wanted_members:,} does not fit the 15-minute budget on this machine"
    result = row(name, ratio, "x", target=f"<= {GROWTH_TARGET}", baseline=None, meets=ratio <= GROWTH_TARGET, note=note)
    result["baseline"], result["ratio"] = round(p_small, 2), round(ratio, 3)
    return [result]


# --- Batch benchmarks -------------------------------------------------------------------------


def generation_rows(seconds: float, members: int) -> list[dict]:
    scaled = seconds * 100_000 / members if members else None
    return [
        row(f"generate_synthetic: {members:,} members", seconds, "s"),
        row(
            "generate_synthetic: time for 100,000 members",
            scaled,
            "s",
            target=f"< {GENERATE_SECONDS_TARGET} s",
            meets=scaled is not None and scaled < GENERATE_SECONDS_TARGET,
            note=None if members == 100_000 else f"scaled from {members:,} members",
        ),
        row("generate_synthetic: rate", members / seconds if seconds else None, "members/s"),
    ]


def import_rows(result: dict, rows: int, *, members: int | None = None) -> list[dict]:
    seconds = result["seconds"]
    scaled = seconds * 100_000 / rows
    note = result.get("summary") or ""
    if members:
        note = f"into a register of {members:,} members; {note}"
    return [
        row(f"legacy import {rows:,} rows: time", seconds, "s", note=note or None),
        row(
            "legacy import: time for 100,000 rows",
            scaled,
            "s",
            target=f"< {IMPORT_SECONDS_TARGET} s",
            meets=scaled < IMPORT_SECONDS_TARGET,
            note=None if rows == 100_000 else f"scaled from {rows:,} rows",
        ),
        row("legacy import: rate", rows / seconds if seconds else None, "rows/s"),
        *_memory_rows(f"legacy import {rows:,} rows", result, IMPORT_MEMORY_TARGET_MB),
    ]


def export_rows(result: dict) -> list[dict]:
    rows = result["rows"]
    return [
        row(f"member export CSV, {rows:,} rows: time", result["seconds"], "s", note=f"{result['bytes'] / 1e6:.1f} MB streamed"),
        *_memory_rows(f"member export CSV, {rows:,} rows", result, EXPORT_MEMORY_TARGET_MB),
    ]


def _memory_rows(label: str, result: dict, target_mb: float) -> list[dict]:
    """The target is on the process's own (private) memory; its largest RSS, which also counts
    the pages of the database file SQLite maps (the kernel's shared page cache), is shown beside it."""
    private, peak = result["peak_private_mb"], result["peak_rss_mb"]
    return [
        row(
            f"{label}: peak private memory (RssAnon, sampled every 10 ms)",
            private,
            "MB",
            baseline=result.get("private_before_mb"),
            target=f"< {target_mb} MB",
            meets=private < target_mb,
        ),
        row(
            f"{label}: peak RSS of the process (VmHWM, with the mapped database file)",
            peak,
            "MB",
            baseline=result.get("rss_before_mb"),
        ),
    ]


def accreditation_entry_point() -> tuple[object | None, str]:
    """What accreditation offers to recompute the state of every LKS's accreditation: its nightly
    `expire_accreditations` service (valid accreditations past their end become expired, with
    their credentials). Returns (callable, "") or (None, why not)."""
    if not find_spec("accreditation.services"):
        return None, "not built yet: the accreditation app has no services"
    from accreditation import services

    job = getattr(services, "expire_accreditations", None)
    if job is None:
        return None, "not available: accreditation.services has no expire_accreditations"
    return job, ""


def run_accreditation_recompute(job) -> tuple[float, int]:
    import time

    from django.utils import timezone

    started = time.perf_counter()
    changed = job(today=timezone.localdate())
    return time.perf_counter() - started, changed


def accreditation_rows(lks: int, seconds: float | None, reason: str = "", changed: int | None = None) -> list[dict]:
    name = f"accreditation recompute (expire_accreditations): {lks:,} LKS"
    if seconds is None:
        return [missing(name, "s", f"< {ACCREDITATION_SECONDS_TARGET} s", reason)]
    scaled = seconds * 23_000 / lks if lks else seconds
    note = f"{changed:,} accreditations past their end set to expired, with their credentials" if changed is not None else None
    if lks != 23_000:
        note = f"{note or ''}; scaled to 23,000 LKS: {scaled:.1f} s".lstrip("; ")
    return [
        row(
            name,
            seconds,
            "s",
            target=f"< {ACCREDITATION_SECONDS_TARGET} s (23,000 LKS)",
            meets=scaled < ACCREDITATION_SECONDS_TARGET,
            note=note,
        )
    ]


def rss_rows(rss_mb: list[float], *, members: int, private_mb: list[float] | None = None) -> list[dict]:
    if not rss_mb:
        return [row(f"gunicorn worker RSS under load @{size_label(members)}", None, "MB", note="no worker found")]
    rows = [
        row(
            f"gunicorn worker RSS under load @{size_label(members)} (largest of {len(rss_mb)}; with the mapped database file)",
            max(rss_mb),
            "MB",
        )
    ]
    if private_mb:
        rows.append(
            row(
                f"gunicorn worker private memory under load @{size_label(members)} (RssAnon, largest of {len(private_mb)})",
                max(private_mb),
                "MB",
            )
        )
    return rows


def dashboard_fresh_rows(*, repeats: int = 5) -> list[dict]:
    """The national dashboard's figures counted afresh, in process: what the first officer to open
    the dashboard after PEKSOS_DASHBOARD_SECONDS waits for (the HTTP figure reuses them)."""
    import statistics
    import time

    from reports import queries

    scope = queries.Scope(
        label="national", provinces=None, lsps=None, authorities=None, regencies=None, sections=tuple(queries.SECTIONS)
    )
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        queries.tables_for(scope)
        times.append((time.perf_counter() - started) * 1000)
    median = statistics.median(times)
    return [
        row(
            f"national dashboard figures counted afresh (in process, median of {repeats})",
            median,
            "ms",
            target=f"< {DASHBOARD_TARGET_MS} ms",
            meets=median < DASHBOARD_TARGET_MS,
        )
    ]
