"""The bulk-verification and status-alert benchmark (issue 23, sections 4 and 5).

    python -m bench.bulk_verification                              # a small run: 20,000 credentials
    python -m bench.bulk_verification --credentials 1000000        # the issue's scale (long)

Two figures:

- bulk verification: `POST /api/v1/public/verifications` with 100 numbers (nine in ten held by
  someone, drawn at random over every kind; one in ten unknown), through the whole middleware
  stack in process (Django's test client), p50 and p95 over `--runs` requests. Target: p95
  < 300 ms at 1,000,000 members. The public limit (each number counted) is lifted for the run:
  it is what is measured, not what refuses.
- status alert fan-out: 10,000 verifier accounts follow one number; the time from the officer's
  `change_status` (revocation) until its transaction has committed the 10,000 outbox rows.
  Target < 10 s. Task delivery (e-mails, webhooks) is left to the worker and not timed: the
  bench runs with the dummy task backend.

A database of its own (SQLite bench/.data/bulk-verification.sqlite3, or DATABASE_URL whose name
contains "bench"), migrated; results in bench/results/<date>-bulk-verification-<database>.json
and a table on stdout.
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import time

BULK_TARGET_MS = 300
FANOUT_TARGET_S = 10
KIND_PREFIX = {
    "member_card": "IPSPI.32.2025.",
    "str": "STR.IPSPI.2025.",
    "certificate": "LSP-PS.PSG.2025.",
    "licence": "503/SIPPS/32.73/2025/",
    "accreditation": "BALKS/B/2025/",
}


def issue_credentials(count: int, *, batch: int = 5000, progress=None) -> tuple[list[str], float]:
    """`count` credentials of every kind, written in batches as a go-live import does."""
    from django.db import transaction

    from credentials.bulk import BulkIssuer, CredentialSpec
    from regions.models import Province

    province = Province.objects.get(code="32")
    issuer = BulkIssuer(change_reason="benchmark")
    kinds = list(KIND_PREFIX)
    numbers: list[str] = []
    started = time.perf_counter()
    for start in range(0, count, batch):
        specs = []
        for n in range(start, min(count, start + batch)):
            kind = kinds[n % len(kinds)]
            number = f"{KIND_PREFIX[kind]}{n:07d}"
            numbers.append(number)
            specs.append(
                CredentialSpec(
                    kind=kind,
                    subject_model=type(province),
                    subject_id=province.pk,
                    number=number,
                    holder_name=f"Pemegang {n}",
                    issuer_name="Peksos (benchmark)",
                    valid_from=datetime.date(2025, 1, 1),
                    valid_until=datetime.date(2030, 1, 1),
                )
            )
        with transaction.atomic():
            issuer.issue(specs)
        if progress:
            progress(len(numbers), time.perf_counter() - started)
    return numbers, time.perf_counter() - started


def time_bulk_checks(numbers: list[str], runs: int, *, seed: int = 1) -> list[float]:
    from django.test import Client

    from verifiers import api

    api.BULK_LIMIT.limit = 10**12  # measured, not refused
    rng = random.Random(f"bulk:{seed}")  # noqa: S311 (reproducible test data)
    client = Client()
    timings = []
    for run in range(runs + 10):
        asked = rng.sample(numbers, 90) + [f"TIDAK.ADA.{run}.{i}" for i in range(10)]
        rng.shuffle(asked)
        started = time.perf_counter()
        # secure: with DEBUG=0 (bench_env) a plain-http request is redirected to https, not answered.
        response = client.post("/api/v1/public/verifications", {"numbers": asked}, content_type="application/json", secure=True)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200 or len(response.json()["items"]) != 100:
            raise RuntimeError(f"bulk check answered {response.status_code}")
        if run >= 10:  # the first requests import and compile
            timings.append(elapsed)
    return timings


def time_fanout(number: str, subscribers: int) -> tuple[float, int]:
    """Seconds from the revocation's start to its commit with one outbox row per subscription."""
    from django.db import transaction

    from accounts.models import User
    from credentials.models import Credential
    from credentials.services import change_status
    from verifiers.models import Alert, Subscription, Verifier

    with transaction.atomic():
        User.objects.bulk_create(
            [User(email=f"verifikator{n}@bench.example", name=f"Verifikator {n}") for n in range(subscribers)], batch_size=2000
        )
        users = list(User.objects.filter(email__endswith="@bench.example").values_list("pk", flat=True))
        Verifier.objects.bulk_create([Verifier(user_id=pk, organisation=f"Organisasi {pk}") for pk in users], batch_size=2000)
        verifiers = Verifier.objects.values_list("pk", flat=True)
        Subscription.objects.bulk_create([Subscription(verifier_id=pk, number=number) for pk in verifiers], batch_size=2000)
    credential = Credential.objects.get(number=number)
    started = time.perf_counter()
    change_status(actor=None, credential=credential, status="revoked", reason="benchmark", category="other")
    seconds = time.perf_counter() - started
    return seconds, Alert.objects.filter(credential=credential).count()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else 0.0


def result_rows(
    count: int, issue_seconds: float, timings: list[float], fanout: tuple[float, int], subscribers: int
) -> list[dict]:
    from .benchmarks import row, size_label

    at = size_label(count)
    p95 = _percentile(timings, 0.95)
    seconds, written = fanout
    return [
        row(f"bulk verification @{at} credentials: credentials issued in batches", issue_seconds, "s"),
        row(f"bulk verification @{at}: 100 numbers p50", statistics.median(timings), "ms", note=f"{len(timings)} requests"),
        row(
            f"bulk verification @{at}: 100 numbers p95",
            p95,
            "ms",
            target=f"< {BULK_TARGET_MS} ms (at 1,000,000 members)",
            meets=p95 < BULK_TARGET_MS,
        ),
        row(
            f"status alerts @{at}: revocation to {subscribers:,} outbox rows committed",
            seconds,
            "s",
            target=f"< {FANOUT_TARGET_S} s",
            meets=seconds < FANOUT_TARGET_S and written == subscribers,
            note=f"{written:,} alerts written",
        ),
    ]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Bulk verification and status-alert fan-out benchmark")
    parser.add_argument("--credentials", type=int, default=20_000, help="Credentials issued (default 20000).")
    parser.add_argument("--runs", type=int, default=200, help="Bulk checks of 100 numbers timed (default 200).")
    parser.add_argument("--subscribers", type=int, default=10_000, help="Verifier accounts following one number (default 10000).")
    parser.add_argument(
        "--out", default="", help="Results file (default bench/results/<date>-bulk-verification-<database>.json)."
    )
    return parser.parse_args(argv)


def main(argv=None) -> int:
    from .run import own_database, say, write_results

    args = parse_args(argv)
    started = time.perf_counter()
    env, vendor = own_database(
        "bulk-verification.sqlite3",
        client_in_process=True,
        TASKS_BACKEND="django_tasks.backends.dummy.DummyBackend",
    )
    say(f"bulk verification: {vendor}, {args.credentials:,} credentials")

    import django

    django.setup()
    numbers, issue_seconds = issue_credentials(args.credentials, progress=lambda n, s: say(f"  issued {n:,} in {s:.0f} s"))
    timings = time_bulk_checks(numbers, args.runs)
    say(f"bulk checks: p95 {_percentile(timings, 0.95):.1f} ms over {len(timings)}")
    fanout = time_fanout(numbers[0], args.subscribers)
    say(f"fan-out: {fanout[1]:,} alerts in {fanout[0]:.2f} s")
    rows = result_rows(args.credentials, issue_seconds, timings, fanout, args.subscribers)
    return write_results(rows, "bulk-verification", vendor, started, args.out)


if __name__ == "__main__":
    raise SystemExit(main())
