"""Start and stop gunicorn for a benchmark run (127.0.0.1, a free port, DEBUG=0, whitenoise),
and read the memory (RSS) of its workers from /proc."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from .memory import private_mb

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_shape(cores: int | None = None) -> tuple[int, int]:
    """Workers and threads for this machine: one worker per core plus one (a worker waiting on
    the database leaves the core to another), two threads each."""
    cores = cores or os.cpu_count() or 1
    return cores + 1, 2


class Gunicorn:
    def __init__(self, env: dict, *, workers: int, threads: int, log_path: Path):
        self.env, self.workers, self.threads, self.log_path = env, workers, threads, log_path
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self, timeout: float = 60) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--threads",
                str(self.threads),
                "--worker-class",
                "gthread",
                "--keep-alive",
                "30",
                "--log-level",
                "warning",
                "--timeout",
                "60",
            ],
            cwd=ROOT,
            env={**self.env, "DJANGO_SETTINGS_MODULE": "bench.settings"},
            stdout=log,
            stderr=log,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}; see {self.log_path}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/health/", headers={"X-Forwarded-Proto": "https"})
                if conn.getresponse().status == 200 and len(self.worker_pids()) >= self.workers:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer /health/ within {timeout:.0f} s; see {self.log_path}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def worker_pids(self) -> list[int]:
        if not self.process:
            return []
        pids = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == self.process.pid:
                    pids.append(int(entry.name))
        return pids

    def worker_rss_mb(self) -> list[float]:
        return [rss_mb(pid) for pid in self.worker_pids()]

    def worker_private_mb(self) -> list[float]:
        return [private_mb(pid) for pid in self.worker_pids()]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0
