"""Limits that make counting through sequential identifiers (member numbers) expensive for a
visitor address, without a person who checks one number ever noticing.

Two things are counted per address, besides the ordinary request limit (core/ratelimit.py):
looking up an identifier close to one the same address looked up shortly before (same series,
serials at most `gap` apart; asking the same one again is not counted), and look-ups that found
nothing. Past either limit the address gets no more look-ups until the window ends. With
REDIS_URL every count and mark lives in Redis, shared by every worker and server; without it
Django's cache is each process's own memory anyway, and they are kept in a dict under a lock, as
core.ratelimit keeps its counters, so the hottest public request pays no pickling for them.
"""

from __future__ import annotations

import functools
import re
import threading

from django.conf import settings
from django.core.cache import cache

from . import ratelimit
from .addresses import client_address

RATE = re.compile(r"^(\d+)/([smhd])$")
MAX_PROCESS_MARKS = 20_000  # about 5 MB per process


@functools.cache
def parse_rate(rate: str) -> tuple[int, int]:
    """ "10/h" -> (10, 3600)."""
    match = RATE.match(rate)
    if not match:
        raise ValueError(f"A rate reads like 10/h, not {rate!r}.")
    return int(match[1]), ratelimit.PERIODS[match[2]]


class ProcessMarks:
    """Marks and counters with an end time, in this process's memory."""

    def __init__(self):
        self._values: dict[str, tuple[float, int]] = {}
        self._lock = threading.Lock()

    def _live(self, key: str, now: float) -> int | None:
        value = self._values.get(key)
        if value is None or value[0] <= now:
            return None
        return value[1]

    def add(self, key: str, seconds: int, now: float) -> bool:
        with self._lock:
            if self._live(key, now) is not None:
                return False
            if len(self._values) >= MAX_PROCESS_MARKS:
                # Ended entries go first, then the oldest quarter: bounded memory, and the sweep
                # runs once per quarter of the store, not on every request.
                self._values = {k: v for k, v in self._values.items() if v[0] > now}
                if len(self._values) >= MAX_PROCESS_MARKS * 3 // 4:
                    self._values = dict(list(self._values.items())[MAX_PROCESS_MARKS // 4 :])
            self._values[key] = (now + seconds, 1)
            return True

    def any(self, keys: list[str], now: float) -> bool:
        with self._lock:
            return any(self._live(key, now) is not None for key in keys)

    def get(self, key: str, now: float) -> int | None:
        with self._lock:
            return self._live(key, now)

    def incr(self, key: str, seconds: int, now: float) -> int:
        with self._lock:
            count = (self._live(key, now) or 0) + 1
            ends = self._values[key][0] if count > 1 else now + seconds
            self._values[key] = (ends, count)
            return count

    def set(self, key: str, value: int, seconds: int, now: float) -> None:
        with self._lock:
            self._values[key] = (now + seconds, value)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()


process_marks = ProcessMarks()


class SharedMarks:
    """The same in Django's cache (Redis in production): every operation atomic there."""

    def add(self, key, seconds, now):
        return cache.add(key, 1, seconds)

    def any(self, keys, now):
        return bool(cache.get_many(keys))

    def get(self, key, now):
        return cache.get(key)

    def incr(self, key, seconds, now):
        try:
            return cache.incr(key)
        except ValueError:  # the first of this window
            return 1 if cache.add(key, 1, seconds) else cache.incr(key)

    def set(self, key, value, seconds, now):
        cache.set(key, value, seconds)


def _marks():
    return process_marks if ratelimit._cache_is_this_process() else SharedMarks()


class SequenceGuard:
    """Look-ups of identifiers `series` + `serial` by one address. The limits are read from
    settings on each request (`nearby_setting`, `gap_setting`, `misses_setting`)."""

    def __init__(self, group: str, *, nearby_setting: str, gap_setting: str, misses_setting: str):
        self.group = group
        self.nearby_setting, self.gap_setting, self.misses_setting = nearby_setting, gap_setting, misses_setting

    def _key(self, kind: str, address: str, *parts) -> str:
        return ":".join((self.group, kind, address, *map(str, parts)))

    def check(self, request, series: str | None, serial: int | None) -> float | None:
        """Before a look-up, once per request: None when it may go on, else the seconds until the
        address may look up again. `series` None: not a well-formed identifier (only misses count)."""
        done = request.__dict__.setdefault("_peksos_sequence_guards", {})
        if self.group not in done:
            done[self.group] = self._check(request, series, serial)
        return done[self.group]

    def _check(self, request, series, serial) -> float | None:
        marks, now = _marks(), ratelimit.clock()
        address = client_address(request) or "-"
        blocked_until = marks.get(self._key("blocked", address), now)
        if blocked_until is not None:
            return max(1.0, blocked_until - now)
        if series is None:
            return None
        limit, seconds = parse_rate(getattr(settings, self.nearby_setting))
        if not marks.add(self._key("seen", address, series, serial), seconds, now):
            return None  # the same identifier again: a person checking it once more
        gap = getattr(settings, self.gap_setting)
        near = [self._key("seen", address, series, serial + step) for step in range(-gap, gap + 1) if step]
        if not marks.any(near, now):
            return None
        window = int(now // seconds)
        if marks.incr(self._key("nearby", address, window), seconds + 1, now) <= limit:
            return None
        return self._block(marks, address, now, seconds)

    def missed(self, request) -> None:
        """After a look-up that found nothing."""
        marks, now = _marks(), ratelimit.clock()
        address = client_address(request) or "-"
        limit, seconds = parse_rate(getattr(settings, self.misses_setting))
        window = int(now // seconds)
        if marks.incr(self._key("missed", address, window), seconds + 1, now) >= limit:
            self._block(marks, address, now, seconds)

    def _block(self, marks, address: str, now: float, seconds: int) -> float:
        """No more look-ups for the address until the window ends."""
        wait = seconds - now % seconds
        marks.set(self._key("blocked", address), int(now + wait), int(wait) + 1, now)
        return max(1.0, wait)
