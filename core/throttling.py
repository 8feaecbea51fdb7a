"""Rate limits for the public API (django-ninja), counted per client address.

django-ninja's throttles keep the request being checked (its cache key and history) on the
throttle object, and one throttle object serves every thread of a worker: under concurrent
requests one visitor's history was written under another visitor's key, and visitors well under
their limit were refused with 429. This throttle is the same sliding window, with that state
kept per thread."""

from __future__ import annotations

import threading

from ninja.throttling import SimpleRateThrottle


class PerAddressThrottle(SimpleRateThrottle):
    """`rate` requests per client address, signed in or not, e.g. "120/m"."""

    def __init__(self, rate: str, *, scope: str = "public"):
        self.scope = scope
        super().__init__(rate)
        self._checked = threading.local()

    def get_cache_key(self, request) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def allow_request(self, request) -> bool:
        key = self.get_cache_key(request)
        now = self.timer()
        history = [moment for moment in self.cache.get(key, []) if moment > now - self.duration]
        self._checked.history, self._checked.now = history, now
        if len(history) >= self.num_requests:
            return False
        history.insert(0, now)
        self.cache.set(key, history, self.duration)
        return True

    def wait(self) -> float | None:
        history = getattr(self._checked, "history", [])
        now = getattr(self._checked, "now", self.timer())
        remaining = self.duration - (now - history[-1]) if history else self.duration
        available = self.num_requests - len(history) + 1
        return remaining / available if available > 0 else None
