"""Rate limits on public pages and the public API, counted per visitor address.

A fixed window per address and group: one counter, incremented atomically, so concurrent requests
are never counted under each other's address. With REDIS_URL the counters live in Redis (INCR),
shared by every worker and server. Without it Django's cache is each process's own memory anyway,
and the counters are kept in a plain dict under a lock: the same counting, without pickling a
number in and out of the local cache on every public request.
"""

from __future__ import annotations

import threading
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext
from ninja.throttling import BaseThrottle

from .addresses import client_address

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
LOCAL_MEMORY_CACHE = "django.core.cache.backends.locmem.LocMemCache"
clock = time.time  # tests pin it, so that no window ends halfway through a test


class ProcessCounters:
    """Counters of the current windows in this process's memory."""

    def __init__(self):
        self._counts: dict[tuple, int] = {}
        self._window: dict[int, int] = {}  # window length -> the window being counted
        self._lock = threading.Lock()

    def incr(self, key: tuple, seconds: int, window: int, weight: int = 1) -> int:
        with self._lock:
            if self._window.get(seconds) != window:
                # A new window: the counts of the ended ones are of no more use.
                self._counts = {k: v for k, v in self._counts.items() if k[1] != seconds or k[2] == window}
                self._window[seconds] = window
            count = self._counts.get(key, 0) + weight
            self._counts[key] = count
            return count

    def clear(self) -> None:
        with self._lock:
            self._counts.clear()
            self._window.clear()


process_counters = ProcessCounters()


def _cache_is_this_process() -> bool:
    return settings.CACHES["default"]["BACKEND"] == LOCAL_MEMORY_CACHE


class AddressLimit:
    """At most `rate` requests ("120/m", "30/m", "1000/h") per address in each window."""

    def __init__(self, group: str, rate: str):
        count, _, period = rate.partition("/")
        if not count.isdigit() or period not in PERIODS:
            raise ValueError(f"A rate reads like 120/m, not {rate!r}.")
        self.group, self.limit, self.seconds = group, int(count), PERIODS[period]

    def check(self, request) -> float | None:
        """`hit`, counted once per request however often it is asked: a public look-up is first
        tried by the middleware that answers reused pages (portal/public_path.py), then by its view."""
        checked = request.__dict__.setdefault("_peksos_rate_limits", {})
        key = (self.group, self.seconds)
        if key not in checked:
            checked[key] = self.hit(request)
        return checked[key]

    def hit(self, request, *, key: str | None = None, weight: int = 1) -> float | None:
        """Count one request; None when it is allowed, else the seconds until the window ends.
        `key` counts under something other than the visitor's address (e.g. "user:42", for a
        limit per account that holds whichever network the account comes from). `weight` counts
        one request as that many look-ups (a bulk check of 100 numbers as 100)."""
        now = clock()
        window = int(now // self.seconds)
        address = key or client_address(request) or "-"
        if _cache_is_this_process():
            count = process_counters.incr((self.group, self.seconds, window, address), self.seconds, window, weight)
        else:
            key = f"rl:{self.group}:{address}:{window}"
            try:
                count = cache.incr(key, weight)
            except ValueError:  # the first request of this window
                count = weight if cache.add(key, weight, self.seconds + 1) else cache.incr(key, weight)
        if count <= self.limit:
            return None
        return self.seconds - now % self.seconds


def public_rate_limit(group: str, rate: str = "120/m", *, json: bool = False):
    """At most `rate` requests per visitor address to the view, counted with every other view
    and API router of the same `group`. Past it: 429 with Retry-After, as a page or, with
    `json`, as the API's {"detail": ...}."""
    limit = AddressLimit(group, rate)

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            wait = limit.check(request)
            if wait is not None:
                if json:
                    response = JsonResponse({"detail": gettext("Too many requests")}, status=429)
                else:
                    response = render(request, "core/rate_limited.html", status=429)
                response["Retry-After"] = str(max(1, round(wait)))
                return response
            return view(request, *args, **kwargs)

        wrapped.rate_limit = limit
        return wrapped

    return decorator


class PerAddressThrottle(BaseThrottle):
    """The same limit for django-ninja routers. ninja asks `wait()` after `allow_request()` on
    the one throttle object that all threads of a worker share, so the answer is kept per thread."""

    def __init__(self, rate: str, *, scope: str = "public"):
        self.limit = AddressLimit(scope, rate)
        self._wait = threading.local()

    @property
    def num_requests(self) -> int:
        return self.limit.limit

    def allow_request(self, request) -> bool:
        self._wait.seconds = self.limit.check(request)
        return self._wait.seconds is None

    def wait(self) -> float | None:
        return getattr(self._wait, "seconds", None)
