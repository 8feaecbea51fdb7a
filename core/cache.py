"""The shared cache (REDIS_URL) that a Redis outage does not turn into server errors.

Everything Peksos keeps in the cache can be lost: reused public answers are computed again, and the
public rate-limit counters start from zero. So while Redis cannot be reached the cache answers as
Django's DummyCache does (every read a miss, every write dropped, `add` succeeds, `incr` finds no
key): pages keep being served from the database, and the rate limits *fail open* (no visitor is
refused because Redis is down; core.ratelimit counts from the first request once it is back).
Sign-in lockouts are not affected: django-axes keeps them in the database. Each outage is logged
(at most once every 30 s per process), and redis-py reconnects by itself once Redis is back.
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
LOG_EVERY = 30.0
_last_logged = 0.0


def _unreachable(operation: str, exc: Exception) -> None:
    global _last_logged
    now = time.monotonic()
    if now - _last_logged >= LOG_EVERY:
        _last_logged = now
        logger.error("Redis cannot be reached (%s: %s): serving without the shared cache", operation, exc)


def redis_caches(url: str) -> dict:
    """CACHES for a REDIS_URL: short timeouts, so that a Redis that hangs costs a request half a
    second, not the gunicorn timeout."""
    return {
        "default": {
            "BACKEND": "core.cache.OutageTolerantRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


class OutageTolerantRedisCache(RedisCache):
    def add(self, key, *args, **kwargs):
        try:
            return super().add(key, *args, **kwargs)
        except UNREACHABLE as exc:
            _unreachable("add", exc)
            return True

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except UNREACHABLE as exc:
            _unreachable("get", exc)
            return default

    def set(self, key, *args, **kwargs):
        try:
            super().set(key, *args, **kwargs)
        except UNREACHABLE as exc:
            _unreachable("set", exc)

    def touch(self, key, *args, **kwargs):
        try:
            return super().touch(key, *args, **kwargs)
        except UNREACHABLE as exc:
            _unreachable("touch", exc)
            return False

    def delete(self, key, *args, **kwargs):
        try:
            return super().delete(key, *args, **kwargs)
        except UNREACHABLE as exc:
            _unreachable("delete", exc)
            return False

    def get_many(self, keys, *args, **kwargs):
        try:
            return super().get_many(keys, *args, **kwargs)
        except UNREACHABLE as exc:
            _unreachable("get_many", exc)
            return {}

    def has_key(self, key, *args, **kwargs):
        try:
            return super().has_key(key, *args, **kwargs)
        except UNREACHABLE as exc:
            _unreachable("has_key", exc)
            return False

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except UNREACHABLE as exc:
            _unreachable("incr", exc)
            raise ValueError(f"Key '{key}' not found (Redis cannot be reached)") from exc

    def set_many(self, data, *args, **kwargs):
        try:
            return super().set_many(data, *args, **kwargs)
        except UNREACHABLE as exc:
            _unreachable("set_many", exc)
            return list(data)

    def delete_many(self, keys, *args, **kwargs):
        try:
            super().delete_many(keys, *args, **kwargs)
        except UNREACHABLE as exc:
            _unreachable("delete_many", exc)

    def clear(self):
        try:
            return super().clear()
        except UNREACHABLE as exc:
            _unreachable("clear", exc)
            return False
