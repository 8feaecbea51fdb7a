"""Memory of this process (or of a server worker).

getrusage's ru_maxrss is no use in a process the harness started: Linux keeps the largest RSS
the process had before exec, i.e. the harness's own (a child that used 13 MB read 313 MB under a
300 MB parent). /proc/self/status's VmHWM is the high-water mark of this program's memory alone.

VmHWM also counts the pages of files mapped into the process, and SQLite maps its database file
(settings.SQLITE_MMAP_MB): reading a million members touches hundreds of MB of the kernel's page
cache, which every process shares and the kernel takes back when it needs it. What a process
costs the machine is its private (anonymous) memory, RssAnon; the kernel keeps no high-water
mark of it, so `PrivatePeak` samples it while the work runs.
"""

from __future__ import annotations

import resource
import threading
from pathlib import Path


def _status(pid: int | str = "self") -> dict[str, float]:
    """The memory lines of /proc/<pid>/status, in MB."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _colon, value = line.partition(":")
        if name in ("VmHWM", "VmRSS", "RssAnon", "RssFile"):
            found[name] = int(value.split()[0]) / 1024
    return found


def peak_rss_mb() -> float:
    try:
        return _status()["VmHWM"]
    except (OSError, KeyError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def private_mb(pid: int | str = "self") -> float:
    try:
        return _status(pid)["RssAnon"]
    except (OSError, KeyError):
        return 0.0


class PrivatePeak:
    """The largest private memory of this process while the `with` block runs, sampled every
    `interval` seconds (and once at each end)."""

    def __init__(self, interval: float = 0.01):
        self.interval, self.peak = interval, 0.0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self._done.wait(self.interval):
            self.peak = max(self.peak, private_mb())

    def __enter__(self) -> PrivatePeak:
        self.peak = private_mb()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._done.set()
        self._thread.join()
        self.peak = max(self.peak, private_mb())
