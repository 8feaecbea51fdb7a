"""A small closed-loop load generator: N threads, each with one keep-alive connection, request
paths in turn for a fixed time and record each latency. Bounded in time, pure Python
(http.client), so `make bench` needs nothing beyond the project's own environment.

The same loop drives an in-process transport (Django's test client) for the smoke test."""

from __future__ import annotations

import http.client
import itertools
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

# Behind nginx every request arrives with this header; without it DEBUG=0 redirects to https.
PROXY_HEADERS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}


@dataclass
class Stats:
    requests: int = 0
    ok: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list, repr=False)
    statuses: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return self.requests - self.ok

    @property
    def rps(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float | None:
        if not self.latencies_ms:
            return None
        ordered = sorted(self.latencies_ms)
        rank = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
        return ordered[rank]

    def add(self, other: Stats) -> Stats:
        """Another stretch of load on the same endpoint, counted in with this one."""
        self.requests += other.requests
        self.ok += other.ok
        self.seconds += other.seconds
        self.latencies_ms.extend(other.latencies_ms)
        self.statuses.update(other.statuses)
        self.failures.extend(other.failures[: max(0, 3 - len(self.failures))])
        return self

    def summary(self) -> dict:
        return {
            "requests": self.requests,
            "ok": self.ok,
            "errors": self.errors,
            "seconds": round(self.seconds, 2),
            "rps": round(self.rps, 1),
            "p50_ms": _r(self.percentile(50)),
            "p95_ms": _r(self.percentile(95)),
            "p99_ms": _r(self.percentile(99)),
            "statuses": dict(self.statuses),
            "failures": self.failures[:3],
        }


def _r(value):
    return None if value is None else round(value, 2)


_client_numbers = itertools.count(1 << 16)  # 127.1.0.0 onwards: never 127.0.0.1


def next_client_address() -> str:
    """A loopback address of its own (Linux routes all of 127.0.0.0/8 to lo), so that each
    simulated visitor has its own REMOTE_ADDR, as visitors do, and per-address rate limits
    apply to it as they would to a person, not to the whole benchmark."""
    n = next(_client_numbers)
    return f"127.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


class HttpTransport:
    """One keep-alive HTTP/1.1 connection per thread to host:port. With `requests_per_client`,
    the connection is reopened from a new loopback address after that many requests: many
    visitors, each under the public rate limits (which count per address and minute)."""

    def __init__(
        self,
        host: str,
        port: int,
        *,
        headers: dict | None = None,
        cookies: dict | None = None,
        requests_per_client: int | None = None,
    ):
        self.host, self.port = host, port
        self.requests_per_client = requests_per_client
        self.headers = {**PROXY_HEADERS, **(headers or {})}
        if cookies:
            self.headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())

    def _connect(self) -> http.client.HTTPConnection:
        source = (next_client_address(), 0) if self.requests_per_client else None
        return http.client.HTTPConnection(self.host, self.port, timeout=30, source_address=source)

    def session(self):
        conn = self._connect()
        sent = 0

        def get(path: str) -> tuple[int, bytes]:
            nonlocal conn, sent
            if self.requests_per_client and sent >= self.requests_per_client:
                conn.close()
                conn, sent = self._connect(), 0
            sent += 1
            try:
                conn.request("GET", path, headers=self.headers)
                response = conn.getresponse()
                body = response.read()
                if response.will_close:
                    conn.close()
                    conn = self._connect()
                return response.status, body
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = self._connect()
                raise

        return get


class ClientTransport:
    """Django's test client, in process (smoke tests: no server, same code path for the views)."""

    def __init__(self, *, user=None, requests_per_client: int | None = None):
        self.user, self.requests_per_client = user, requests_per_client

    def session(self):
        from django.test import Client

        from accounts.tests.factories import sign_in_with_second_factor  # staff pages need the second factor

        client = Client(headers={"X-Forwarded-Proto": "https"})
        if self.user is not None:
            sign_in_with_second_factor(client, self.user)
        address, sent = next_client_address(), 0

        def get(path: str) -> tuple[int, bytes]:
            nonlocal address, sent
            if self.requests_per_client and sent >= self.requests_per_client:
                address, sent = next_client_address(), 0
            sent += 1
            response = client.get(path, secure=True, REMOTE_ADDR=address)
            body = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
            return response.status_code, body

        return get


def run_load(paths: list[str], *, transport, duration: float, concurrency: int, warmup: float = 0.5, expect=(200,)) -> Stats:
    """Request `paths` round-robin from `concurrency` workers for `warmup` + `duration` seconds;
    only the `duration` part is recorded. With concurrency 1 everything runs in this thread."""
    if not paths:
        raise ValueError("No paths to request.")
    stats = Stats()
    lock = threading.Lock()
    window: dict[str, float] = {}

    def open_window() -> None:
        # Opened once every worker holds its connection: setting one up (slow on a loaded host)
        # is neither warm-up nor measured time.
        now = time.perf_counter()
        window.update(record_from=now + warmup, end=now + warmup + duration)

    start_barrier = threading.Barrier(concurrency + 1, action=open_window) if concurrency > 1 else None

    def worker(index: int) -> None:
        get = transport.session()
        latencies: list[float] = []
        statuses: Counter = Counter()
        failures: list[str] = []
        n = index
        if start_barrier is not None:
            start_barrier.wait()
        else:
            open_window()
        while True:
            now = time.perf_counter()
            if now >= window["end"]:
                break
            path = paths[n % len(paths)]
            n += concurrency
            began = time.perf_counter()
            try:
                status, _body = get(path)
            except Exception as exc:  # a refused or broken connection is a failed request
                status = 0
                if len(failures) < 3:
                    failures.append(f"{path}: {exc.__class__.__name__}: {exc}")
            elapsed = (time.perf_counter() - began) * 1000
            if began < window["record_from"]:
                continue
            statuses[status] += 1
            if status in expect:
                latencies.append(elapsed)
            elif len(failures) < 3:
                failures.append(f"{path}: HTTP {status}")
        with lock:
            stats.latencies_ms.extend(latencies)
            stats.statuses.update(statuses)
            stats.failures.extend(failures)

    if start_barrier is None:
        worker(0)
    else:
        threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(concurrency)]
        for thread in threads:
            thread.start()
        start_barrier.wait()
        for thread in threads:
            thread.join(timeout=duration + warmup + 60)
    stats.seconds = duration
    stats.requests = sum(stats.statuses.values())
    stats.ok = sum(n for status, n in stats.statuses.items() if status in expect)
    return stats
