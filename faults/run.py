"""The fault suite:  make faults   (python -m faults.run [--quick] [--only 4,6] [--import-rows N])

Starts the topology of faults/stack.py (nginx round robin over two gunicorn app servers with
DEBUG=0 and one REDIS_URL, a db_worker, its own PostgreSQL cluster and Redis, a small tmpfs as
PEKSOS_VAR_DIR), seeds a synthetic register, and runs the scenarios of issue 26 in order, each
printing its pass condition and figure:

1. two app servers: a session signed in with TOTP works on both; a revocation made on A reads
   revoked on B at once (page, API, and the bit of its status list); public rate limits and
   sign-in lockouts are counted across servers; the public and staff load of `make soak` gets
   zero 5xx;
2. PostgreSQL restarts under that load: only 503 "cannot check" answers while it is down, every
   server answers again within 5 s after it is back (not restarted), no half-done write;
3. Redis stops for --redis-outage seconds: the site keeps serving, the direction in which the
   rate limits fail is measured and printed, and it recovers when Redis is back;
4. workers killed with kill -9 mid-import, mid-PDF task and mid-run_scheduled (faults/worker_faults.py);
5. the private-file disk full (faults/disk.py);
6. clock edges of the nightly run (faults/clock.py, on a database of its own);
and the memory of each app server over the run (flat: its growth between the second and the last
quarter of the run under a bound).

Results: bench/results/<date>-faults.json. Exit 1 when a pass condition fails.
"""

from __future__ import annotations

import argparse
import base64
import datetime
import gzip
import json
import os
import random
import subprocess
import sys
import threading
import time
from collections import Counter

from . import stack
from .stack import DATA, NGINX_PORT, PORT_A, PORT_B, ROOT, say

RESULTS = ROOT / "bench" / "results"
PASSWORD = "peksos-demo-2026"
SCENARIOS = (1, 2, 3, 4, 5, 6)
# Memory is flat when the median RSS of the last quarter of the run is at most this much above
# the median of the second quarter (the first quarter is warm-up: imports, caches filling).
MEMORY_GROWTH_BOUND = 0.15


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="Small register, short loads, a 10 s Redis outage.")
    parser.add_argument("--members", type=int, default=10000)
    parser.add_argument("--load-seconds", type=float, default=60.0, help="Seconds of soak load in scenario 1.")
    parser.add_argument("--redis-outage", type=float, default=30.0, help="Seconds Redis stays stopped in scenario 3.")
    parser.add_argument(
        "--keep-database",
        action="store_true",
        help="Reuse the database of an earlier run (no drop, migrate or generate): for trying the suite, not for results.",
    )
    parser.add_argument(
        "--only", default="", help="Comma-separated scenario numbers to run (e.g. 4 or 4,6); the others are skipped."
    )
    parser.add_argument("--import-rows", type=int, default=100_000, help="Rows of the congress list killed mid-import (4).")
    parser.add_argument(
        "--staff-list-rows", type=int, default=5_000, help="Rows of the staff-page list whose worker is killed (4)."
    )
    parser.add_argument("--clock-members", type=int, default=400, help="Members of the small register of scenario 6.")
    parser.add_argument("--out", default="")
    args = parser.parse_args(argv)
    if args.quick:
        args.members, args.load_seconds, args.redis_outage = 2000, 15.0, 10.0
        args.import_rows, args.staff_list_rows = 10_000, 2_000
    args.scenarios = {int(n) for n in args.only.split(",") if n.strip()} or set(SCENARIOS)
    return args


def environment() -> dict:
    env = dict(os.environ)
    env.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": "faults-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "PEKSOS_SIGNING_SECRET": "faults-only-signing-secret-9876543210-zyxwvutsrqponmlkjihgfedcba",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": f"http://127.0.0.1:{NGINX_PORT}",
            "DATABASE_URL": stack.DATABASE_URL,
            "REDIS_URL": stack.REDIS_URL,
            "PEKSOS_PROXY_COUNT": "1",
            "PEKSOS_VAR_DIR": str(DATA / "var"),
            "PEKSOS_DEMO": "0",
            # No mail server in the suite: notifications' e-mails are accepted and dropped.
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "LOG_LEVEL": "ERROR",
        }
    )
    env.pop("SQLITE_PATH", None)
    return env


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


class Check:
    """A scenario's pass conditions and figures."""

    def __init__(self, name: str):
        self.name, self.conditions, self.figures = name, [], {}

    def expect(self, condition: str, ok: bool, figure) -> bool:
        self.conditions.append({"condition": condition, "passed": bool(ok), "figure": figure})
        say(f"  {'PASS' if ok else 'FAIL'}  {condition}: {figure}")
        return ok

    @property
    def passed(self) -> bool:
        return all(c["passed"] for c in self.conditions)

    def result(self) -> dict:
        return {"passed": self.passed, "conditions": self.conditions, "figures": self.figures}


# --- Staff through the web ---------------------------------------------------------------------


def sign_in(browser, email: str) -> str:
    """Password then authenticator code, through whichever server nginx picks; '' when signed in."""
    from bench.soak import _code

    browser.request("GET", "/akun/login/")
    status, where, _ = browser.request("POST", "/akun/login/", {"login": email, "password": PASSWORD})
    if "/2fa/" not in where:
        return f"password step answered {status} {where!r}"
    browser.request("GET", where)
    status, where2, _ = browser.request("POST", where, {"code": _code(time.time())})
    if status != 302 or "/2fa/" in where2:
        return f"code step answered {status} {where2!r}"
    return ""


def status_bit(token: str, index: int) -> int | None:
    """The bit at `index` of a bitstring status list (vc+jwt), or None when it cannot be read."""
    try:
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        subject = (claims.get("vc") or claims).get("credentialSubject")
        encoded = subject["encodedList"][1:]
        bits = gzip.decompress(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
        return (bits[index // 8] >> (7 - index % 8)) & 1
    except (KeyError, ValueError, IndexError, TypeError, OSError):
        return None


# --- Load with a time line ---------------------------------------------------------------------


class Timeline:
    """Public requests through nginx, each recorded as (time, status, path kind, body head), from
    loopback addresses that change every 50 requests (visitors, each under the rate limits)."""

    def __init__(self, paths: list[str], threads: int = 3):
        self.paths, self.threads = paths, threads
        self.records: list[tuple[float, int, str, str, str]] = []
        self.stop = threading.Event()
        self._lock = threading.Lock()
        self._workers: list[threading.Thread] = []

    def __enter__(self):
        for n in range(self.threads):
            worker = threading.Thread(target=self._run, args=(n,), daemon=True)
            worker.start()
            self._workers.append(worker)
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for worker in self._workers:
            worker.join(timeout=30)

    def _run(self, n: int) -> None:
        from bench.loadgen import next_client_address

        rng = random.Random(n)  # noqa: S311 (reproducible load)
        sent, source = 0, next_client_address()
        while not self.stop.is_set():
            if sent >= 50:
                sent, source = 0, next_client_address()
            path = rng.choice(self.paths)
            sent += 1
            try:
                status, _headers, body = stack.get(NGINX_PORT, path, source=source, timeout=15)
            except OSError as exc:
                status, body = 0, repr(exc)
            kind = "api" if path.startswith("/api/") else "health" if path.startswith("/health") else "page"
            with self._lock:
                self.records.append((time.monotonic(), status, kind, body[:300], path))


def answer(body: str) -> str:
    try:
        return str(json.loads(body).get("answer"))
    except ValueError:
        return body[:40]


def recovery_seconds(records, back_at: float) -> float:
    """Seconds from `back_at` to the last answer that was not 200 (0 when none came after it)."""
    bad = [r[0] for r in records if r[1] != 200 and r[0] >= back_at]
    return round(max(bad) - back_at, 2) if bad else 0.0


# --- Scenarios ---------------------------------------------------------------------------------


def dashboard_cache() -> dict[str, bytes]:
    """The dashboard figures held in the shared Redis: key -> stored value."""
    redis = ["redis-cli", "-p", str(stack.REDIS_PORT)]
    names = subprocess.run(
        [*redis, "--scan", "--pattern", "*dashboard-figures:*"], capture_output=True, text=True, check=False
    ).stdout.split()
    return {name: subprocess.run([*redis, "GET", name], capture_output=True, check=False).stdout for name in names}


def as_of(page: str) -> str:
    """The dashboard's "as of HH:MM" line."""
    import re

    found = re.search(r"(?:per pukul|as of)\s+\d{1,2}[.:]\d{2}[^<]*", page)
    return found.group(0).strip() if found else ""


def scenario_two_servers(args, env, servers, seed) -> Check:
    from bench.loadgen import HttpTransport, run_load
    from bench.soak import Browser, staff_work
    from credentials.models import Credential

    check = Check("1-two-app-servers")
    say("scenario 1: two app servers behind nginx")

    # A session signed in with TOTP through nginx, used on both servers.
    browser = Browser(NGINX_PORT)
    failure = sign_in(browser, seed["staff"])
    served, statuses = Counter(), Counter()
    for _ in range(10):
        connection_status, _where, _page = browser.request("GET", seed["certificate_page"])
        statuses[connection_status] += 1
    for port in (PORT_A, PORT_B):
        one = Browser(port)
        one.cookies = dict(browser.cookies)
        status, where, _page = one.request("GET", seed["certificate_page"])
        served[port] = status
    check.expect(
        "a session signed in (password + TOTP) through nginx opens a staff page on A and on B",
        not failure and served[PORT_A] == 200 and served[PORT_B] == 200 and statuses == Counter({200: 10}),
        failure or f"A {served[PORT_A]}, B {served[PORT_B]}, through nginx {dict(statuses)}",
    )

    # The national dashboard counted on A is what B shows: one shared cache, not one per server.
    for name in dashboard_cache():
        subprocess.run(["redis-cli", "-p", str(stack.REDIS_PORT), "DEL", name], capture_output=True, check=False)
    pages = {}
    for port in (PORT_A, PORT_B):
        one = Browser(port)
        one.cookies = dict(browser.cookies)
        status, _where, page = one.request("GET", "/laporan/")
        pages[port] = (status, as_of(page))
        if port == PORT_A:
            counted_on_a = dashboard_cache()
    after_b = dashboard_cache()
    check.figures["dashboard"] = {"pages": {str(k): v for k, v in pages.items()}, "cached_entries": len(after_b)}
    check.expect(
        "the dashboard's figures counted on A are served by B from the shared cache (B counts nothing afresh)",
        pages[PORT_A][0] == pages[PORT_B][0] == 200
        and counted_on_a
        and after_b == counted_on_a
        and pages[PORT_A][1] == pages[PORT_B][1],
        f"A {pages[PORT_A][0]} ({pages[PORT_A][1]!r}), B {pages[PORT_B][0]} ({pages[PORT_B][1]!r}); "
        f"{len(counted_on_a)} cached figure set(s) after A, {'unchanged' if after_b == counted_on_a else 'CHANGED'} after B",
    )

    # A revocation made on A reads revoked on B at once: page, API, status list.
    public_id, page_path, api_path = (
        seed["public_id"],
        f"/v/{seed['public_id']}",
        f"/api/v1/public/credentials/{seed['public_id']}",
    )
    for _ in range(3):  # B's reused answers are warm before the change
        stack.get(PORT_B, page_path, source="127.9.0.1")
        stack.get(PORT_B, api_path, source="127.9.0.1")
    on_a = Browser(PORT_A)
    on_a.cookies = dict(browser.cookies)
    on_a.request("GET", seed["certificate_page"])
    revoked_at = time.monotonic()
    status, where, _page = on_a.request(
        "POST", seed["certificate_page"], {"action": "revoke", "category": seed["category"], "reason": "uji gangguan"}
    )
    _s, _h, page = stack.get(PORT_B, page_path, source="127.9.0.2")
    _s, _h, api = stack.get(PORT_B, api_path, source="127.9.0.2")
    read_after = round(time.monotonic() - revoked_at, 3)
    try:
        api_status = json.loads(api).get("status")
    except ValueError:
        api_status = f"not JSON: {api[:80]!r}"
    credential = Credential.objects.get(public_id=public_id)
    _s, _h, token = stack.get(
        PORT_B,
        f"/credentials/status/revocation{'' if credential.status_list_number in (None, 1) else '/' + str(credential.status_list_number)}",
        source="127.9.0.2",
    )
    bit = status_bit(token, credential.status_list_index) if credential.status_list_index is not None else None
    check.figures["revocation_read_on_b_seconds"] = read_after
    check.figures["status_list"] = {"number": credential.status_list_number, "index": credential.status_list_index, "bit": bit}
    says_revoked = seed["revoked_label"].lower() in page.lower()
    check.expect(
        "revoked on A (302), read on B at once: page says revoked, API status revoked, its bit set in the revocation list B serves",
        status == 302 and says_revoked and api_status == "revoked" and bit == 1,
        f"POST {status}; page {'says' if says_revoked else 'does NOT say'} {seed['revoked_label']!r}; "
        f"API status {api_status!r}; status list {credential.status_list_number} position {credential.status_list_index}: "
        f"bit {bit}; {read_after} s after the POST",
    )

    # Public rate limit counted across servers: one address, the verification page's 240/m.
    while 35 < datetime.datetime.now().second:  # the whole burst inside one minute window
        time.sleep(1)
    answered, upstreams = Counter(), set()
    for _ in range(300):
        status, headers, _body = stack.get(NGINX_PORT, f"/v/{seed['other_public_id']}", source="127.9.1.1")
        answered[status] += 1
        upstreams.add(headers.get("X-Upstream"))
    check.figures["rate_limit"] = {"answers": dict(answered), "servers": sorted(u for u in upstreams if u)}
    check.expect(
        "300 verifications from one address over both servers: 240 answered (the limit once, not once per server), the rest 429",
        answered[200] == 240 and answered[429] == 60 and len(upstreams) == 2,
        f"{dict(answered)} over {len(upstreams)} servers",
    )

    # The soak's public and staff load through nginx: zero 5xx.
    rss_before = {s.name: s.rss() for s in servers}
    stop = threading.Event()
    log = {"approvals": 0, "logins": 0, "errors": []}
    staff = threading.Thread(target=staff_work, args=(NGINX_PORT, seed["officers"], seed["applications"], stop, log), daemon=True)
    staff.start()
    stats = run_load(
        seed["public_paths"],
        transport=HttpTransport("127.0.0.1", NGINX_PORT, requests_per_client=100),
        duration=args.load_seconds,
        concurrency=4,
        expect=(200,),
    )
    stop.set()
    staff.join(timeout=60)
    rss_after = {s.name: s.rss() for s in servers}
    fives = sum(n for status, n in stats.statuses.items() if status >= 500)
    check.figures.update(
        {
            "public_load": stats.summary(),
            "staff": {"approvals": log["approvals"], "errors": log["errors"][:5]},
            "rss_mb_before": rss_before,
            "rss_mb_after": rss_after,
        }
    )
    check.expect(
        f"{args.load_seconds:g} s of soak load through nginx (public look-ups, staff sign-in + verification): zero 5xx, zero staff errors",
        fives == 0 and stats.errors == 0 and not log["errors"] and log["approvals"] > 0,
        f"{stats.requests} public requests ({stats.rps:.0f}/s), statuses {dict(stats.statuses)}, "
        f"{log['approvals']} staff verifications, {len(log['errors'])} staff errors; RSS MB {rss_before} -> {rss_after}",
    )
    # Sign-in lockout counted across servers: 5 wrong passwords through nginx, then the right one.
    wrong = Browser(NGINX_PORT)
    for n in range(5):
        wrong.request("GET", "/akun/login/")
        wrong.request("POST", "/akun/login/", {"login": seed["locked"], "password": f"salah-{n}-xyz"})
    locked = []
    for port in (PORT_A, PORT_B):
        other = Browser(port)
        other.request("GET", "/akun/login/")
        status, where, _page = other.request("POST", "/akun/login/", {"login": seed["locked"], "password": PASSWORD})
        locked.append("/2fa/" not in where and status != 302)
    check.expect(
        "after 5 wrong passwords spread over both servers, the right password is refused on A and on B",
        all(locked),
        f"locked on A: {locked[0]}, on B: {locked[1]}",
    )

    manage(env, "axes_reset")  # the lockout test's address is the staff load's too
    return check


def scenario_postgresql_restart(args, env, seed) -> Check:
    from bench.soak import staff_work

    check = Check("2-postgresql-restart")
    say("scenario 2: PostgreSQL restarts under load (pg_ctlcluster restart)")
    stop = threading.Event()
    log = {"approvals": 0, "logins": 0, "errors": []}
    staff = threading.Thread(target=staff_work, args=(NGINX_PORT, seed["officers"], seed["applications"], stop, log), daemon=True)
    with Timeline(seed["timeline_paths"]) as timeline:
        staff.start()
        time.sleep(5)
        down_at = time.monotonic()
        stack.pg_ctl("restart")
        while not stack.pg_ready():
            time.sleep(0.05)
        back_at = time.monotonic()
        time.sleep(10)
        stop.set()
    staff.join(timeout=60)
    records = timeline.records
    statuses = Counter(r[1] for r in records)
    outside = [r for r in records if (r[0] < down_at or r[0] > back_at + 5) and r[1] >= 500]
    wrong = [r for r in records if r[1] >= 500 and r[1] != 503]
    not_cannot_check = [r for r in records if r[1] == 503 and r[2] == "api" and "cannot_check" not in r[3]]
    before = {r[4]: answer(r[3]) for r in records if r[0] < down_at and r[2] == "api" and r[1] == 200}
    invalid_during = [
        r
        for r in records
        if r[0] >= down_at and r[2] == "api" and r[1] == 200 and r[4] in before and answer(r[3]) != before[r[4]]
    ]
    recovery = recovery_seconds(records, back_at)
    check.figures.update(
        {
            "requests": len(records),
            "statuses": dict(statuses),
            "restart_seconds": round(back_at - down_at, 2),
            "recovery_seconds": recovery,
            "staff": {"approvals": log["approvals"], "errors": len(log["errors"])},
        }
    )
    check.expect(
        "during the restart only 503 (API: answer cannot_check), never 500/502/504, never 'invalid'",
        not wrong and not not_cannot_check and not invalid_during,
        f"{dict(statuses)} in {len(records)} requests; restart took {back_at - down_at:.1f} s"
        + (f"; e.g. {wrong[0][1]} {wrong[0][3][:120]!r}" if wrong else "")
        + (f"; 503 without cannot_check: {not_cannot_check[0][3][:120]!r}" if not_cannot_check else "")
        + (f"; answer changed during the fault: {invalid_during[0][4]} {invalid_during[0][3][:120]!r}" if invalid_during else ""),
    )
    check.expect(
        "every answer 200 again within 5 s after PostgreSQL is back, app servers not restarted; no 5xx outside the fault",
        recovery <= 5 and not outside,
        f"recovered {recovery} s after PostgreSQL was back; {len(outside)} 5xx outside the window",
    )
    check.expect(*half_done_writes(seed))
    return check


def half_done_writes(seed) -> tuple[str, bool, str]:
    """Membership decisions made during the load: each verified application has its member and
    its number once; no number is held twice."""
    from django.db import connections
    from django.db.models import Count

    from registry.models import Member, MembershipApplication

    connections.close_all()
    pks = seed["application_pks"]
    decided = MembershipApplication.objects.filter(pk__in=pks).exclude(status=MembershipApplication.Status.SUBMITTED)
    twice = Member.objects.values("number").annotate(n=Count("pk")).filter(n__gt=1).count()
    people = list(decided.values_list("person_id", flat=True))
    without_member = len(set(people) - set(Member.objects.filter(person_id__in=people).values_list("person_id", flat=True)))
    return (
        "no half-done write: every decided application has its member, no member number held twice",
        twice == 0 and without_member == 0,
        f"{decided.count()} applications decided, {without_member} without a member, {twice} numbers held twice",
    )


def scenario_redis_outage(args, env, seed) -> Check:
    check = Check("3-redis-outage")
    say(f"scenario 3: Redis stopped for {args.redis_outage:g} s")
    with Timeline(seed["timeline_paths"]) as timeline:
        time.sleep(3)
        down_at = time.monotonic()
        stack.stop_redis()
        time.sleep(2)
        burst = Counter()
        for _ in range(300):  # one address, past the verification page's 240/m
            try:
                status, _h, _b = stack.get(NGINX_PORT, f"/v/{seed['other_public_id']}", source="127.9.2.1")
            except OSError:
                status = 0
            burst[status] += 1
        time.sleep(max(0.0, args.redis_outage - (time.monotonic() - down_at)))
        stack.start_redis()
        back_at = time.monotonic()
        time.sleep(8)
    records = timeline.records
    during = [r for r in records if down_at <= r[0] <= back_at]
    during_statuses = Counter(r[1] for r in during)
    recovery = recovery_seconds(records, back_at)
    direction = (
        "open (no limit while Redis is down)"
        if burst[200] == 300
        else "closed (visitors refused)"
        if burst[200] == 0
        else f"partly ({burst[200]} of 300 answered)"
    )
    check.figures.update(
        {
            "outage_seconds": round(back_at - down_at, 1),
            "statuses_during": dict(during_statuses),
            "rate_limit_burst_during": dict(burst),
            "rate_limits_fail": direction,
            "recovery_seconds": recovery,
        }
    )
    fives = sum(n for s, n in during_statuses.items() if s >= 500 or s == 0)
    check.expect(
        "the site keeps serving while Redis is down: public look-ups answer 200, no 5xx",
        fives == 0 and during_statuses.get(200, 0) > 0,
        f"{dict(during_statuses)} in {len(during)} requests over {back_at - down_at:.0f} s",
    )
    check.expect(
        "public rate limits fail open while Redis is down (the documented direction), with no 5xx",
        burst[200] == 300,
        f"300 look-ups from one address: {dict(burst)} -> {direction}",
    )
    check.expect(
        "every answer 200 again within 5 s after Redis is back",
        recovery <= 5,
        f"{recovery} s",
    )
    return check


# --- Seeding -----------------------------------------------------------------------------------


def seed_data(env: dict, members: int, *, keep: bool = False) -> dict:
    timings = {}
    template = stack.migrated_template()
    started = time.monotonic()
    if not stack.database_exists(template):
        # Migrations run once per set of migrations; the migrated database is kept in the
        # suite's cluster and copied by every later run.
        say(f"migrating a fresh database (kept as {template} for the runs after this one)")
        stack.migrate_template(template, lambda url: manage({**env, "DATABASE_URL": url}, "migrate", "--noinput", "-v0"))
        timings["migrate"] = round(time.monotonic() - started, 1)
        started = time.monotonic()
    if not keep:
        stack.copy_database(stack.DATABASE, template=template)
        timings["copy_migrated"] = round(time.monotonic() - started, 1)
    # Freshly migrated copies for scenario 6 (its clock moves to 2028) and 5 (restored into).
    for name in (stack.CLOCK_DATABASE, stack.RESTORE_DATABASE):
        stack.copy_database(name, template=template)
    if keep:
        say(f"reusing database {stack.DATABASE}")
    else:
        say(f"fresh database {stack.DATABASE}: generate_synthetic --members {members:,}")
        started = time.monotonic()
        manage(env, "generate_synthetic", "--members", str(members), "--lks", "100", "--seed", "7", "-v0")
        timings["generate_synthetic"] = round(time.monotonic() - started, 1)
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "axes_reset")  # no lockout left from an earlier run
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connections
    from django.utils import translation

    from accounts.demo import demo_user, grant
    from accounts.roles import ROLE_SCOPE, Role, Scope
    from bench import benchmarks as b
    from certification.models import Certificate
    from credentials.models import DECISION_CATEGORIES, Credential
    from registry.models import MembershipApplication

    certificate = (
        Certificate.objects.filter(status=Certificate.Status.VALID, credential__isnull=False).select_related("credential").first()
    )
    if certificate is None:
        raise SystemExit("generate_synthetic made no valid certificate with a credential: nothing to revoke")
    if certificate.credential.status_list_index is None:
        # Bulk-made synthetic credentials have no status-list position; this one gets one as
        # issuing one by one gives it, so that its revocation can be read in the list.
        from django.db import transaction

        from credentials import signing

        with transaction.atomic():
            signing.on_issue(certificate.credential)
    staff = demo_user("faults.national@faults.peksos.invalid", "Petugas Nasional (uji gangguan)", with_totp=True)
    for role, scope in ROLE_SCOPE.items():
        if scope == Scope.NATIONAL and role != Role.BALKS_ASSESSOR:
            grant(staff, role)
    grant(staff, Role.LSP_OFFICER, organisation=certificate.lsp)
    locked = demo_user("faults.locked@faults.peksos.invalid", "Akun terkunci (uji gangguan)", with_totp=True)
    grant(locked, Role.DPP_OFFICER)
    officers = []
    for i in range(6):
        officer = demo_user(f"faults.dpp{i}@faults.peksos.invalid", f"Petugas DPP {i} (uji gangguan)", with_totp=True)
        grant(officer, Role.DPP_OFFICER)
        officers.append(officer.email)
    applications = list(
        MembershipApplication.objects.filter(status=MembershipApplication.Status.SUBMITTED).values_list("pk", "version")[:3000]
    )
    samples = b.sample_data(seed=7)
    public_paths = [
        path
        for e in b.discover(samples)
        if not e.staff and e.key in {"verify", "lookup", "search"} and not e.missing
        for path in e.paths
    ]
    ids = [p for p in samples["public_ids"] if p != certificate.credential.public_id]
    with translation.override("id"):
        revoked_label = str(Credential.Status.REVOKED.label)
    timeline_paths = [f"/v/{i}" for i in ids[:50]] + [f"/api/v1/public/credentials/{i}" for i in ids[:50]] + ["/health/"] * 10
    seed = {
        "staff": staff.email,
        "locked": locked.email,
        "officers": officers,
        "applications": applications,
        "application_pks": [pk for pk, _v in applications],
        "certificate_page": f"/sertifikasi/sertifikat/{certificate.pk}/",
        "public_id": certificate.credential.public_id,
        "other_public_id": ids[0],
        "category": DECISION_CATEGORIES[-1][0],
        "revoked_label": revoked_label,
        "public_paths": public_paths,
        "timeline_paths": timeline_paths,
        "timings": timings,
    }
    connections.close_all()
    return seed


class MemorySampler:
    """RSS of each app server's workers every few seconds over the run."""

    def __init__(self, servers, every: float = 3.0):
        self.servers, self.every = servers, every
        self.samples: dict[str, list[float]] = {s.name: [] for s in servers}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(timeout=10)

    def _run(self) -> None:
        while not self.stop.is_set():
            for server in self.servers:
                try:
                    self.samples[server.name].append(server.rss())
                except OSError:
                    pass
            self.stop.wait(self.every)

    def judge(self) -> Check:
        from statistics import median

        check = Check("memory-flat")
        for name, samples in self.samples.items():
            quarter = len(samples) // 4
            if quarter < 2:
                check.expect(f"app server {name}: memory flat", False, f"only {len(samples)} samples")
                continue
            second, last = median(samples[quarter : 2 * quarter]), median(samples[-quarter:])
            growth = (last - second) / second
            check.figures[name] = {
                "samples": len(samples),
                "first": samples[0],
                "second_quarter_median": second,
                "last_quarter_median": last,
                "max": max(samples),
                "growth": round(growth, 3),
            }
            check.expect(
                f"app server {name}: memory flat (median RSS of the last quarter of the run at most "
                f"{MEMORY_GROWTH_BOUND:.0%} above the second quarter's)",
                growth <= MEMORY_GROWTH_BOUND,
                f"{second:.0f} MB -> {last:.0f} MB ({growth:+.1%}); first {samples[0]:.0f} MB, max {max(samples):.0f} MB, "
                f"{len(samples)} samples",
            )
        return check


def scenario_clock_edges(args, env) -> Check:
    check = Check("6-clock-edges")
    say("scenario 6: the nightly run at 23:59 and 00:01 Asia/Jakarta: year end, 28 and 29 February 2028")
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "faults.clock"],
        cwd=ROOT,
        env={**env, "DATABASE_URL": stack.database_url(stack.CLOCK_DATABASE), "FAULTS_CLOCK_MEMBERS": str(args.clock_members)},
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        result = json.loads(done.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        check.expect("6 the clock scenario ran", False, f"exit {done.returncode}: {done.stderr[-400:]!r}")
        return check
    check.figures.update(result)
    check.figures["seconds"] = round(time.monotonic() - started, 1)
    read = {run["at"]: run["read"] for run in result["runs"]}
    check.expect(
        "6 card, certificate, STR and licence each end on their day: valid after the 23:59 run, ended (expired, or renewed) "
        "after the 00:01 run, across a year end, 28 and 29 February",
        not result["problems"] and len(result["runs"]) == 6,
        f"{len(result['runs'])} nightly runs, {12 * len(result['runs'])} readings, {len(result['problems'])} wrong"
        + (
            f": {result['problems'][:3]}"
            if result["problems"]
            else f"; e.g. at {result['runs'][1]['at']}: {list(read.values())[1]}"
        ),
    )
    check.expect(
        "6 issued on 29 February 2028: each ends on 28 February of its last year (the day before the anniversary)",
        not result["wrong_leap_ends"],
        "; ".join(f"{kind} ({v['years']} y) ends {v['ends']}" for kind, v in result["issued_on_29_february"].items()),
    )
    return check


def main(argv=None) -> int:
    from . import disk
    from .worker_faults import scenario_worker_killed

    args = parse_args(argv)
    started = time.monotonic()
    subprocess.run([str(ROOT / "scripts" / "system-packages"), "faults"], check=True)
    DATA.mkdir(parents=True, exist_ok=True)
    say(f"own PostgreSQL cluster on :{stack.PG_PORT}, own Redis on :{stack.REDIS_PORT}")
    stack.start_postgresql()
    stack.start_redis()
    why_no_tmpfs = disk.mount_var()
    say(f"PEKSOS_VAR_DIR {disk.VAR}: " + (f"a {disk.TMPFS_MB} MB tmpfs" if not why_no_tmpfs else why_no_tmpfs))
    env = environment()
    try:
        seed = seed_data(env, args.members, keep=args.keep_database)
        timings = dict(seed["timings"], seed=round(time.monotonic() - started, 1))
        results: dict = {}
        with (
            stack.AppServer(env, port=PORT_A, name="a") as a,
            stack.AppServer(env, port=PORT_B, name="b") as b,
            stack.Nginx(),
            stack.Worker(env) as worker,
            MemorySampler([a, b]) as memory,
        ):
            say(f"nginx :{NGINX_PORT} -> gunicorn A :{PORT_A}, B :{PORT_B} (2 workers x 2 threads each), db_worker")
            # 5 before 4: its backup then holds the synthetic register, not the lists 4 imports.
            scenarios = {
                1: lambda: scenario_two_servers(args, env, [a, b], seed),
                2: lambda: scenario_postgresql_restart(args, env, seed),
                3: lambda: scenario_redis_outage(args, env, seed),
                5: lambda: disk.scenario_disk_full(args, env, seed, why_no_tmpfs),
                4: lambda: scenario_worker_killed(args, env, worker, seed),
            }
            for number, scenario in scenarios.items():
                if number not in args.scenarios:
                    continue
                begun = time.monotonic()
                check = scenario()
                timings[check.name] = round(time.monotonic() - begun, 1)
                results[check.name] = check.result()
            pids = {"a": a.process.pid, "b": b.process.pid}
        results["memory-flat"] = memory.judge().result()
        if 6 in args.scenarios:
            begun = time.monotonic()
            check = scenario_clock_edges(args, env)
            timings[check.name] = round(time.monotonic() - begun, 1)
            results[check.name] = check.result()
    finally:
        disk.unmount_var()
    for number in sorted(set(SCENARIOS) - args.scenarios):
        say(f"scenario {number}: skipped (--only)")
    passed = all(r["passed"] for r in results.values())
    seconds = round(time.monotonic() - started, 1)
    report = {
        "date": datetime.date.today().isoformat(),
        "quick": args.quick,
        "members": args.members,
        "import_rows": args.import_rows,
        "scenarios_run": sorted(args.scenarios),
        "topology": {
            "nginx": NGINX_PORT,
            "app_servers": [PORT_A, PORT_B],
            "gunicorn": "2 workers x 2 threads (gthread) each, DEBUG=0, PEKSOS_PROXY_COUNT=1",
            "postgresql": f"own cluster {stack.PG_CLUSTER} :{stack.PG_PORT}",
            "redis": f":{stack.REDIS_PORT}",
            "db_worker": True,
            "var_dir": f"{disk.TMPFS_MB} MB tmpfs" if not why_no_tmpfs else why_no_tmpfs,
        },
        "app_server_pids_unchanged": pids,
        "app_server_rss_mb": memory.samples,
        "timings_seconds": timings,
        "seconds": seconds,
        "budget_seconds": 900,
        "passed": passed,
        "scenarios": results,
    }
    out = args.out or str(RESULTS / f"{report['date']}-faults{'-quick' if args.quick else ''}.json")
    RESULTS.mkdir(parents=True, exist_ok=True)
    with open(out, "w") as f:
        json.dump(report, f, indent=2, ensure_ascii=False, default=str)
    say("timings: " + ", ".join(f"{k} {v:.0f} s" for k, v in timings.items()))
    say(
        f"{'PASSED' if passed else 'FAILED'} in {seconds:.0f} s ({'within' if seconds <= 900 else 'OVER'} the 15-minute budget); "
        f"results in {os.path.relpath(out, ROOT)}"
    )
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
