"""Load and soak test:  python -m bench.soak [--minutes 10] [--members 10000]   (or make soak)

A synthetic register in its own SQLite file (bench/.data/soak.sqlite3), gunicorn as in the
benchmarks, and for the given time on loopback: public look-ups (verification, number look-up,
name search) from several connections, while DPP officers sign in through the real login form
with password and authenticator code and verify membership applications through the staff page,
one after another. Every error is counted; the memory of each gunicorn worker is sampled every
30 s. It passes when nothing failed and the workers' memory did not grow by more than 20% from
the first sample after warm-up to the last. Results: bench/results/<date>-soak-sqlite.json.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import re
import sys
import threading
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from .loadgen import PROXY_HEADERS
from .run import DATA, RESULTS, ROOT, bench_env, fresh_database, manage, say

GROWTH_LIMIT = 1.2
OFFICERS = 8
PASSWORD = "peksos-demo-2026"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--members", type=int, default=10000)
    parser.add_argument("--concurrency", type=int, default=4, help="Connections of the public load (default 4).")
    return parser.parse_args(argv)


class Browser:
    """One staff member's cookies and CSRF token over plain HTTP to the loopback server."""

    def __init__(self, port: int):
        self.port, self.cookies = port, {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {**PROXY_HEADERS, "Host": "127.0.0.1", "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode({**form, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")})
            headers.update({"Content-Type": "application/x-www-form-urlencoded", "Referer": "https://127.0.0.1/"})
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        connection.close()
        return response.status, response.headers.get("Location", ""), text


def _code(at: float) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    from accounts.demo import DEMO_TOTP_SECRET

    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, int(at) // 30))


def staff_work(port: int, officers: list[str], applications: list[tuple[int, int]], stop: threading.Event, log: dict) -> None:
    """Sign in (password, then authenticator code) and verify one application, officer after
    officer; an officer signs in again only in a later 30-second period (a code counts once)."""
    last_period: dict[str, int] = {}
    turn = 0
    while not stop.is_set() and applications:
        email = officers[turn % len(officers)]
        turn += 1
        if last_period.get(email) == int(time.time()) // 30:
            stop.wait(1)
            continue
        browser = Browser(port)
        try:
            steps = [browser.request("GET", "/akun/login/")]
            steps.append(browser.request("POST", "/akun/login/", {"login": email, "password": PASSWORD}))
            if "/2fa/" not in steps[-1][1]:
                raise RuntimeError(f"password step went to {steps[-1][1]!r} ({steps[-1][0]})")
            browser.request("GET", steps[-1][1])
            # The period of the code sent, not of the start of the sign-in: a new period may have
            # begun in between, and that code may not be given twice.
            at = time.time()
            last_period[email] = int(at) // 30
            steps.append(browser.request("POST", steps[-1][1], {"code": _code(at)}))
            if steps[-1][0] != 302 or "/2fa/" in steps[-1][1]:
                raise RuntimeError(f"code step answered {steps[-1][0]} {steps[-1][1]!r}")
            pk, version = applications.pop()
            status, _where, page = browser.request("GET", f"/anggota/permohonan/{pk}/")
            if status != 200:
                raise RuntimeError(f"application page answered {status}")
            match = re.search(r'name="version" value="(\d+)"', page)
            status, where, _page = browser.request(
                "POST",
                f"/anggota/permohonan/{pk}/",
                {
                    "decision": "verify",
                    "version": match.group(1) if match else version,
                    "category": "biasa",
                    "reason": "",
                },
            )
            if status != 302 or "/akun/login" in where:
                raise RuntimeError(f"verification answered {status} {where!r}")
            browser.request("POST", "/akun/logout/", {})
            log["approvals"] += 1
            log["logins"] += 1
        except Exception as exc:  # every failure is counted and reported, the soak goes on
            log["errors"].append(f"{email}: {exc}")
        stop.wait(0.5)


def main(argv=None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    DATA.mkdir(parents=True, exist_ok=True)
    env = bench_env()
    env["SQLITE_PATH"] = str(DATA / "soak.sqlite3")
    env.pop("DATABASE_URL", None)
    import os

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
    fresh_database(env)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    say(f"generate_synthetic --members {args.members:,}")
    manage(env, "generate_synthetic", "--members", str(args.members), "--lks", "200", "--seed", "3", "-v0")

    import django

    django.setup()
    from django.db import connections

    from accounts.demo import demo_user, grant
    from accounts.roles import Role
    from registry.models import MembershipApplication

    from . import benchmarks as b
    from .loadgen import HttpTransport, run_load  # noqa: I001
    from .server import Gunicorn, server_shape

    officers = []
    for i in range(OFFICERS):
        officer = demo_user(f"soak.dpp{i}@bench.peksos.invalid", f"Petugas DPP {i} (uji beban)", with_totp=True)
        grant(officer, Role.DPP_OFFICER)
        officers.append(officer.email)
    applications = list(
        MembershipApplication.objects.filter(status=MembershipApplication.Status.SUBMITTED).values_list("pk", "version")[:5000]
    )
    samples = b.sample_data(seed=3)
    paths = [
        path
        for e in b.discover(samples)
        if not e.staff and e.key in {"verify", "lookup", "search"} and not e.missing
        for path in e.paths
    ]
    connections.close_all()
    workers, threads = server_shape()
    log = {"approvals": 0, "logins": 0, "errors": []}
    rss_samples: list[tuple[float, float]] = []
    public_requests = public_errors = 0
    failures: list[str] = []
    with Gunicorn(env, workers=workers, threads=threads, log_path=DATA / "soak-gunicorn.log") as server:
        say(
            f"gunicorn on :{server.port}; {len(paths)} public look-ups, {len(applications)} applications to verify, {args.minutes:g} minutes"
        )
        stop = threading.Event()
        staff = threading.Thread(target=staff_work, args=(server.port, officers, applications, stop, log), daemon=True)
        staff.start()
        public = HttpTransport("127.0.0.1", server.port, requests_per_client=100)
        deadline = time.monotonic() + args.minutes * 60
        while time.monotonic() < deadline:
            stats = run_load(
                paths, transport=public, duration=min(30.0, max(1.0, deadline - time.monotonic())), concurrency=args.concurrency
            )
            public_requests += stats.summary()["requests"]
            public_errors += stats.errors
            failures += stats.summary().get("failures", [])[:3]
            rss = sum(server.worker_rss_mb())
            rss_samples.append((time.monotonic(), rss))
            say(
                f"  {stats.summary()['requests']} public requests, {stats.errors} errors, p99 {stats.summary()['p99_ms']} ms; "
                f"{log['approvals']} approvals so far; workers {rss:.0f} MB"
            )
        stop.set()
        staff.join(timeout=60)
    connections.close_all()
    recorded = MembershipApplication.objects.filter(
        status=MembershipApplication.Status.VERIFIED, decided_by__email__in=officers
    ).count()
    first = rss_samples[1][1] if len(rss_samples) > 2 else rss_samples[0][1]  # after warm-up
    last = rss_samples[-1][1]
    growth = last / first if first else None
    errors = public_errors + len(log["errors"])
    rows = [
        b.row(f"soak {args.minutes:g} min: public requests", public_requests, "requests"),
        b.row(
            f"soak {args.minutes:g} min: staff sign-ins with authenticator code and verifications",
            log["approvals"],
            "approvals",
            target="all recorded",
            meets=recorded == log["approvals"] > 0,
            note=f"{recorded} applications verified by the soak officers in the database",
        ),
        b.row(
            f"soak {args.minutes:g} min: errors (public and staff)",
            errors,
            "errors",
            target="0",
            meets=errors == 0,
            note="; ".join((log["errors"] + failures)[:5]) or None,
        ),
        b.row(
            f"soak {args.minutes:g} min: memory of the workers, last / after warm-up",
            growth,
            "x",
            target=f"<= {GROWTH_LIMIT}",
            meets=growth is not None and growth <= GROWTH_LIMIT,
            note=f"{first:.0f} MB -> {last:.0f} MB over {len(rss_samples)} samples",
        ),
    ]
    path = RESULTS / f"{datetime.date.today().isoformat()}-soak-sqlite.json"
    path.write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for r in rows:
        say(
            f"{r['name']}: {r['value']} {r['unit']}"
            + (f" (target {r['target']}: {'yes' if r['meets'] else 'NO'})" if r["target"] else "")
        )
    say(f"written to {path.relative_to(ROOT)} in {time.perf_counter() - started:.0f} s")
    return 0 if all(r["meets"] is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
