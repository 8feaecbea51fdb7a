import threading

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.test import RequestFactory

from core.ratelimit import AddressLimit, PerAddressThrottle


def request_from(address, **headers):
    return RequestFactory().get("/api/v1/public/social-workers", REMOTE_ADDR=address, **headers)


def test_visitors_checked_at_the_same_moment_are_each_counted_under_their_own_address():
    throttle = PerAddressThrottle("5/m", scope="test-concurrent")
    answers: dict[str, list[bool]] = {"10.0.0.1": [], "10.0.0.2": []}
    barrier = threading.Barrier(2)

    def visit(address):
        barrier.wait()
        for _ in range(5):
            answers[address].append(throttle.allow_request(request_from(address)))

    threads = [threading.Thread(target=visit, args=(a,)) for a in answers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Each used exactly their own five requests: nobody was refused for the other's visits.
    assert answers == {"10.0.0.1": [True] * 5, "10.0.0.2": [True] * 5}
    assert not throttle.allow_request(request_from("10.0.0.1"))


def test_an_address_over_the_limit_is_refused_and_told_when_to_come_back():
    throttle = PerAddressThrottle("3/m", scope="test-limit")
    assert [throttle.allow_request(request_from("10.0.0.3")) for _ in range(4)] == [True, True, True, False]
    assert 0 < throttle.wait() <= 60
    assert throttle.allow_request(request_from("10.0.0.4"))  # another visitor is not affected
    assert throttle.wait() is None


def test_a_rate_that_is_not_a_rate_is_refused_at_start():
    with pytest.raises(ValueError):
        AddressLimit("x", "120 per minute")


def test_behind_a_proxy_visitors_are_told_apart_by_the_address_the_proxy_saw(settings):
    settings.PEKSOS_PROXY_COUNT = 1
    limit = AddressLimit("test-proxy", "2/m")
    # Both arrive from nginx (127.0.0.1); the first also wrote an address of its own choosing.
    forged = {"HTTP_X_FORWARDED_FOR": "10.9.9.9, 203.0.113.7"}
    assert [limit.hit(request_from("127.0.0.1", **forged)) is None for _ in range(3)] == [True, True, False]
    other = {"HTTP_X_FORWARDED_FOR": "198.51.100.2"}
    assert limit.hit(request_from("127.0.0.1", **other)) is None
    # The address the visitor wrote is not believed: changing it does not earn new requests.
    again = {"HTTP_X_FORWARDED_FOR": "10.1.1.1, 203.0.113.7"}
    assert limit.hit(request_from("127.0.0.1", **again)) is not None


def test_without_a_proxy_a_forwarded_header_is_ignored(settings):
    settings.PEKSOS_PROXY_COUNT = 0
    limit = AddressLimit("test-no-proxy", "1/m")
    assert limit.hit(request_from("192.0.2.1", HTTP_X_FORWARDED_FOR="10.0.0.1")) is None
    assert limit.hit(request_from("192.0.2.1", HTTP_X_FORWARDED_FOR="10.0.0.2")) is not None


@pytest.mark.django_db
def test_the_public_register_api_answers_429_past_its_limit_with_retry_after(client, settings):
    from portal.api import router

    [throttle] = router.throttle
    for _ in range(throttle.num_requests):
        assert client.get("/api/v1/public/social-workers", {"q": "siti"}, REMOTE_ADDR="10.0.0.5").status_code == 200
    refused = client.get("/api/v1/public/social-workers", {"q": "siti"}, REMOTE_ADDR="10.0.0.5")
    assert refused.status_code == 429 and 1 <= int(refused["Retry-After"]) <= 60
    assert client.get("/api/v1/public/social-workers", {"q": "siti"}, REMOTE_ADDR="10.0.0.6").status_code == 200


@pytest.mark.django_db
def test_the_audit_trail_records_the_address_the_proxy_saw(settings, rf):
    from core import audit

    settings.PEKSOS_PROXY_COUNT = 1
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert audit.record(None, "login", request=request).ip_address == "203.0.113.7"


def test_a_new_window_gives_an_address_its_requests_again(monkeypatch):
    from core import ratelimit

    limit = AddressLimit("test-window", "1/m")
    monkeypatch.setattr(ratelimit, "clock", lambda: 1_800_000_059.0)
    assert limit.hit(request_from("10.0.0.7")) is None
    assert limit.hit(request_from("10.0.0.7")) == pytest.approx(1.0)
    monkeypatch.setattr(ratelimit, "clock", lambda: 1_800_000_060.5)
    assert limit.hit(request_from("10.0.0.7")) is None


class SharedCache(LocMemCache):
    """Stands in for Redis: a cache that is not this process's own memory."""


def test_with_a_shared_cache_the_counts_live_in_the_cache(settings):
    from django.core.cache import cache

    settings.CACHES = {"default": {"BACKEND": f"{__name__}.SharedCache", "LOCATION": "rate-limit-test"}}
    limit = AddressLimit("test-shared", "2/m")
    assert [limit.hit(request_from("10.0.0.8")) is None for _ in range(3)] == [True, True, False]
    assert [key for key in cache._cache if "test-shared" in key]  # counted in the cache
    cache.clear()
    assert limit.hit(request_from("10.0.0.8")) is None  # the counts went with it


@pytest.mark.django_db
def test_the_number_look_up_and_the_register_search_share_one_limit_per_visitor(client):
    from portal.api import router

    [throttle] = router.throttle
    for _ in range(throttle.num_requests - 1):
        assert client.get("/api/v1/public/social-workers", {"q": "siti"}, REMOTE_ADDR="10.0.0.8").status_code == 200
    assert client.get("/api/v1/public/social-workers/IPSPI.32.2024.00001", REMOTE_ADDR="10.0.0.8").status_code == 404
    refused = client.get("/api/v1/public/social-workers/IPSPI.32.2024.00001", REMOTE_ADDR="10.0.0.8")
    assert refused.status_code == 429 and 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json() == {"detail": "Terlalu banyak permintaan"}
    assert client.get("/api/v1/public/social-workers", {"q": "siti"}, REMOTE_ADDR="10.0.0.8").json() == {
        "detail": "Terlalu banyak permintaan"
    }
    assert client.get("/api/v1/public/social-workers/IPSPI.32.2024.00001", REMOTE_ADDR="10.0.0.9").status_code == 404
