"""Redis (REDIS_URL) stopping must not stop the site: public pages keep answering, and the rate
limits counted in Redis let visitors through (fail open) until it is back (issue 26, scenario 3)."""

import runpy
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from core.ratelimit import AddressLimit

SETTINGS = Path(__file__).resolve().parents[2] / "config" / "settings.py"
NOBODY_LISTENS = "redis://127.0.0.1:1/0"  # port 1: connection refused at once, as a stopped Redis


@pytest.fixture
def redis_is_down(settings, monkeypatch):
    """The cache the site's settings build from REDIS_URL, pointed at a Redis that is not running."""
    monkeypatch.setenv("REDIS_URL", NOBODY_LISTENS)
    settings.CACHES = runpy.run_path(str(SETTINGS))["CACHES"]
    yield
    cache.close()


def test_the_cache_answers_as_an_empty_one_while_redis_is_down(redis_is_down):
    assert cache.get("anything", "missing") == "missing"
    cache.set("anything", 1)
    assert cache.get_many(["a", "b"]) == {}
    assert cache.get_or_set("computed", lambda: 42) == 42


def test_public_rate_limits_let_visitors_through_while_redis_is_down(redis_is_down):
    limit = AddressLimit("outage", "2/m")
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.7")
    assert [limit.hit(request) for _ in range(5)] == [None] * 5


@pytest.mark.django_db
def test_a_public_search_answers_while_redis_is_down(redis_is_down, client):
    response = client.get("/api/v1/public/social-workers?q=Siti", secure=True)
    assert response.status_code == 200
    assert response.json()["items"] == []
