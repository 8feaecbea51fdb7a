"""The status-list benchmark (issue 21, section 3): issue credentials until they fill several
status lists, revoke and suspend some of them, then check status as a verifier does. The first
`--one-by-one` credentials go through `credentials.services.issue_credential` (each in its own
transaction, as an officer's approval does: its rate is reported); the rest through
`credentials.bulk.BulkIssuer` in transactions of 10,000, as a go-live import issues them. Both
draw positions from the same series, so they fill the same lists in the same way.

    python -m bench.status_lists --credentials 1000000      # the issue's figure
    python -m bench.status_lists --credentials 100000       # a shorter run, on a shared machine

A database of its own (SQLite bench/.data/status-lists.sqlite3, or DATABASE_URL whose name
contains "bench"), migrated; results in bench/results/<date>-status-lists-<database>.json and a
table on stdout. Two figures of a status check are kept apart:

- cold: what a verifier with nothing cached does for one credentialStatus entry (W3C Bitstring
  Status List, "Validate Algorithm"): fetch the list it names (the status-list view through the
  whole middleware stack, in process), check the signature against the published keys, expand
  the bitstring and read the bit. Timed for a random sample of credentials over every list.
- cached: every credential's bits read from lists fetched once, compared with its status in the
  database: a check of all of them, and the proof that every bit is where it belongs.
"""

from __future__ import annotations

import argparse
import base64
import datetime
import gzip
import json
import random
import statistics
import time
from urllib.parse import urlsplit

STATUS_CHECK_TARGET_MS = 5


BULK_BATCH = 10_000


def issue_in_bulk(count: int, *, first: int, seed: int = 1, progress=None) -> dict:
    """Issue `count` more credentials (numbered from `first`) through the bulk issuer, one
    transaction per BULK_BATCH; the seconds it took in all."""
    from django.db import transaction

    from credentials.bulk import BulkIssuer, CredentialSpec
    from credentials.models import Credential
    from regions.models import Province

    rng = random.Random(f"status-lists-bulk:{seed}")  # noqa: S311 (reproducible test data)
    subjects = list(Province.objects.all())
    kinds = list(Credential.Kind.values)
    issuer = BulkIssuer(change_reason="benchmark")
    started = time.perf_counter()
    done = 0
    while done < count:
        batch = min(BULK_BATCH, count - done)
        specs = []
        for n in range(first + done, first + done + batch):
            subject = subjects[n % len(subjects)]
            specs.append(
                CredentialSpec(
                    kind=kinds[n % len(kinds)],
                    subject_model=Province,
                    subject_id=subject.pk,
                    number=f"BENCH.{seed}.{n:07d}",
                    holder_name=f"Pemegang {n}",
                    issuer_name="Peksos (benchmark)",
                    valid_from=datetime.date(2025, 1, 1) + datetime.timedelta(days=rng.randrange(365)),
                    valid_until=datetime.date(2030, 1, 1),
                    claims={"province": subject.name},
                )
            )
        with transaction.atomic():
            issuer.issue(specs)
        done += batch
        if progress:
            progress(first + done, time.perf_counter() - started)
    return {"count": count, "seconds": time.perf_counter() - started}


def issue_many(count: int, *, seed: int = 1, progress=None) -> dict:
    """Issue `count` credentials, each in its own transaction; the seconds it took in all."""
    from credentials.models import Credential
    from credentials.services import issue_credential
    from regions.models import Province

    rng = random.Random(f"status-lists:{seed}")  # noqa: S311 (reproducible test data)
    subjects = list(Province.objects.all())
    kinds = list(Credential.Kind.values)
    started = time.perf_counter()
    step = max(1, count // 10)
    for n in range(count):
        issue_credential(
            actor=None,
            kind=kinds[n % len(kinds)],
            subject=subjects[n % len(subjects)],
            number=f"BENCH.{seed}.{n:07d}",
            holder_name=f"Pemegang {n}",
            issuer_name="Peksos (benchmark)",
            valid_from=datetime.date(2025, 1, 1) + datetime.timedelta(days=rng.randrange(365)),
            valid_until=datetime.date(2030, 1, 1),
            claims={"province": subjects[n % len(subjects)].name},
        )
        if progress and (n + 1) % step == 0:
            progress(n + 1, time.perf_counter() - started)
    return {"count": count, "seconds": time.perf_counter() - started}


def change_some(share: float, *, seed: int = 1) -> dict:
    """Revoke `share` of the credentials and suspend as many others, drawn over every list."""
    from credentials.models import Credential
    from credentials.services import change_status

    rng = random.Random(f"status-changes:{seed}")  # noqa: S311 (reproducible test data)
    ids = list(Credential.objects.filter(status_list_index__isnull=False).values_list("pk", flat=True))
    picked = rng.sample(ids, min(len(ids), max(2, round(len(ids) * share * 2))))
    started = time.perf_counter()
    for n, credential in enumerate(Credential.objects.filter(pk__in=picked).iterator()):
        revoke = n % 2 == 0
        change_status(
            actor=None,
            credential=credential,
            status=Credential.Status.REVOKED if revoke else Credential.Status.SUSPENDED,
            reason="benchmark",
            category=Credential.StatusCategory.OTHER if revoke else Credential.StatusCategory.SUSPENDED_TEMPORARILY,
        )
    return {"changed": len(picked), "seconds": time.perf_counter() - started}


class Verifier:
    """A verifier holding only the published keys (fetched once, as verifiers cache them)."""

    def __init__(self):
        import warnings

        from django.test import Client
        from joserfc import jwk

        warnings.filterwarnings("ignore", message="EdDSA is deprecated")
        self.client = Client(headers={"X-Forwarded-Proto": "https"})
        keys = self.client.get("/.well-known/jwks.json", secure=True)
        assert keys.status_code == 200, keys.status_code
        self.keys = jwk.KeySet.import_key_set(keys.json())

    def fetch(self, url: str) -> tuple[dict, bytes]:
        """The status list at `url`, its signature checked: (payload, expanded bitstring)."""
        from joserfc import jws

        response = self.client.get(urlsplit(url).path, secure=True)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: HTTP {response.status_code}")
        payload = json.loads(jws.deserialize_compact(response.content.decode(), self.keys, algorithms=["EdDSA"]).payload)
        encoded = payload["credentialSubject"]["encodedList"][1:]
        return payload, gzip.decompress(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))

    def check(self, entry: dict) -> bool:
        """One credentialStatus entry, nothing cached: True when its bit is set."""
        payload, bits = self.fetch(entry["statusListCredential"])
        if payload["credentialSubject"]["statusPurpose"] != entry["statusPurpose"]:
            raise RuntimeError(f"{entry['statusListCredential']} is not a {entry['statusPurpose']} list")
        index = int(entry["statusListIndex"])
        return bool(bits[index // 8] & (0x80 >> (index % 8)))


def _entries(jwt: str) -> list[dict]:
    body = jwt.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))["credentialStatus"]


def cold_checks(sample: int, *, seed: int = 1) -> dict:
    """Time a cold check of each entry of `sample` random credentials; count wrong answers."""
    from credentials.models import Credential

    rng = random.Random(f"status-checks:{seed}")  # noqa: S311 (reproducible test data)
    verifier = Verifier()
    # Drawn from the ids there are: ids need not run from 1 without gaps (the bulk issuer reserves
    # them in blocks; PostgreSQL's sequences are not reset between tests).
    ids = list(Credential.objects.filter(jwt__gt="").values_list("pk", flat=True).iterator(chunk_size=50000))
    picks = rng.sample(ids, min(sample, len(ids)))
    rows = list(Credential.objects.filter(pk__in=picks).values_list("jwt", "status", "status_list_number"))
    for jwt, _status, _number in rows[:20]:  # warm-up: the first requests import and compile
        verifier.check(_entries(jwt)[0])
    entry_ms, credential_ms, wrong, lists = [], [], 0, set()
    for jwt, status, number in rows:
        lists.add(number)
        started = time.perf_counter()
        for entry in _entries(jwt):
            began = time.perf_counter()
            flagged = verifier.check(entry)
            entry_ms.append((time.perf_counter() - began) * 1000)
            wrong += flagged != (status == {"revocation": "revoked", "suspension": "suspended"}[entry["statusPurpose"]])
        credential_ms.append((time.perf_counter() - started) * 1000)
    return {"entries": entry_ms, "credentials": credential_ms, "wrong": wrong, "lists": sorted(lists)}


def check_every_credential() -> dict:
    """Each list fetched and verified once; then every credential's two bits against its status."""
    from credentials import signing
    from credentials.models import Credential, StatusList

    verifier = Verifier()
    started = time.perf_counter()
    lists: dict[tuple[str, int], bytes] = {}
    for number in range(1, signing.lists_in_use() + 1):
        for purpose in StatusList.Purpose.values:
            payload, bits = verifier.fetch(signing.status_list_url(purpose, number))
            if len(bits) * 8 != StatusList.SIZE:
                raise RuntimeError(f"{purpose} list {number} has {len(bits) * 8} positions, not {StatusList.SIZE}")
            lists[purpose, number] = bits
    fetched = time.perf_counter() - started
    checked = wrong = 0
    positions: set[tuple[int, int]] = set()
    rows = Credential.objects.filter(status_list_index__isnull=False).values_list(
        "status_list_number", "status_list_index", "status"
    )
    began = time.perf_counter()
    for number, index, status in rows.iterator(chunk_size=20000):
        positions.add((number, index))
        byte, mask = index // 8, 0x80 >> (index % 8)
        revoked = bool(lists["revocation", number][byte] & mask)
        suspended = bool(lists["suspension", number][byte] & mask)
        wrong += revoked != (status == "revoked") or suspended != (status == "suspended")
        checked += 1
    return {
        "checked": checked,
        "wrong": wrong,
        "shared_positions": checked - len(positions),
        "lists": signing.lists_in_use(),
        "fetch_seconds": fetched,
        "check_seconds": time.perf_counter() - began,
    }


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else 0.0


def result_rows(issued: dict, bulk: dict, changed: dict, cold: dict, every: dict) -> list[dict]:
    from credentials.models import StatusList

    from .benchmarks import row, size_label

    n = issued["count"] + bulk["count"]
    at = size_label(n)
    entry, whole = cold["entries"], cold["credentials"]
    p99 = _percentile(entry, 0.99)
    return [
        row(f"status lists @{at}: credentials issued one by one (each its own transaction)", issued["seconds"], "s"),
        row(
            f"status lists @{at}: issue rate one by one",
            issued["count"] / issued["seconds"] if issued["seconds"] else None,
            "credentials/s",
            note=f"{issued['count']:,} credentials",
        ),
        row(
            f"status lists @{at}: credentials issued in bulk (transactions of {BULK_BATCH:,})",
            bulk["seconds"],
            "s",
            note=f"{bulk['count']:,} credentials",
        ),
        row(
            f"status lists @{at}: issue rate in bulk",
            bulk["count"] / bulk["seconds"] if bulk["seconds"] else None,
            "credentials/s",
        ),
        row(
            f"status lists @{at}: lists in use per purpose (each {StatusList.SIZE:,} positions, {StatusList.capacity():,} given out)",
            every["lists"],
            "lists",
        ),
        row(f"status lists @{at}: revocations and suspensions made", changed["changed"], "credentials"),
        row(
            f"status lists @{at}: cold status check of one entry p50",
            statistics.median(entry) if entry else None,
            "ms",
            note=f"{len(entry):,} entries of {len(whole):,} random credentials on lists {cold['lists']}",
        ),
        row(
            f"status lists @{at}: cold status check of one entry p99",
            p99,
            "ms",
            target=f"< {STATUS_CHECK_TARGET_MS} ms",
            meets=bool(entry) and p99 < STATUS_CHECK_TARGET_MS,
        ),
        row(f"status lists @{at}: cold status check of one entry, slowest", max(entry) if entry else None, "ms"),
        row(f"status lists @{at}: cold check of both entries of a credential p99", _percentile(whole, 0.99), "ms"),
        row(
            f"status lists @{at}: sampled checks that answered wrong",
            cold["wrong"],
            "answers",
            target="0",
            meets=cold["wrong"] == 0,
        ),
        row(
            f"status lists @{at}: every credential checked against lists fetched once",
            every["check_seconds"] + every["fetch_seconds"],
            "s",
            note=f"{every['checked']:,} credentials; fetching and verifying {every['lists'] * 2} lists took {every['fetch_seconds']:.2f} s",
        ),
        row(
            f"status lists @{at}: credentials whose published bits disagree with their status",
            every["wrong"],
            "credentials",
            target="0",
            meets=every["wrong"] == 0 and every["checked"] == n,
        ),
        row(
            f"status lists @{at}: credentials sharing a position",
            every["shared_positions"],
            "credentials",
            target="0",
            meets=every["shared_positions"] == 0,
        ),
    ]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Status-list benchmark: issue and status-check credentials")
    parser.add_argument("--credentials", type=int, default=1_000_000, help="Credentials to issue (default 1000000).")
    parser.add_argument(
        "--one-by-one",
        type=int,
        default=2000,
        help="Credentials issued one by one through issue_credential (default 2000); the rest in bulk.",
    )
    parser.add_argument("--changes", type=float, default=0.01, help="Share revoked, and as many suspended (default 0.01).")
    parser.add_argument("--checks", type=int, default=2000, help="Random credentials checked cold (default 2000).")
    parser.add_argument(
        "--list-size",
        type=int,
        default=0,
        help="Positions per list (default: the real 131072). A smaller size spreads a shorter run over several lists; "
        "the published lists are then below the W3C minimum, so its figures are for trying only.",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default="", help="Results file (default bench/results/<date>-status-lists-<database>.json).")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    from .run import own_database, say, write_results

    args = parse_args(argv)
    started = time.perf_counter()
    env, vendor = own_database("status-lists.sqlite3", client_in_process=True)  # the verifier is the test client
    say(f"status lists: {vendor} ({env.get('SQLITE_PATH') or 'DATABASE_URL'}), {args.credentials:,} credentials")

    import django

    django.setup()
    from credentials.models import StatusList

    if args.list_size:
        StatusList.SIZE = args.list_size
        say(f"lists of {StatusList.SIZE:,} positions ({StatusList.capacity():,} given out each), not the real 131,072")
    one_by_one = min(args.one_by_one, args.credentials)
    issued = issue_many(
        one_by_one,
        seed=args.seed,
        progress=lambda n, s: say(f"  issued {n:,} one by one in {s:.0f} s ({n / s:,.0f}/s)"),
    )
    say(f"issued {issued['count']:,} one by one in {issued['seconds']:.1f} s")
    bulk = issue_in_bulk(
        args.credentials - one_by_one,
        first=one_by_one,
        seed=args.seed,
        progress=lambda n, s: say(f"  issued {n:,} in {s:.0f} s") if n % 100_000 == 0 else None,
    )
    say(f"issued {bulk['count']:,} in bulk in {bulk['seconds']:.1f} s")
    changed = change_some(args.changes, seed=args.seed)
    say(f"revoked or suspended {changed['changed']:,} in {changed['seconds']:.1f} s")
    cold = cold_checks(args.checks, seed=args.seed)
    say(f"cold checks: {len(cold['entries']):,} entries, p99 {_percentile(cold['entries'], 0.99):.2f} ms")
    every = check_every_credential()
    say(f"every credential: {every['checked']:,} checked, {every['wrong']} wrong, {every['lists']} lists")
    rows = result_rows(issued, bulk, changed, cold, every)
    name = f"status-lists-lists-of-{args.list_size}" if args.list_size else "status-lists"
    return write_results(rows, name, vendor, started, args.out)


if __name__ == "__main__":
    raise SystemExit(main())
