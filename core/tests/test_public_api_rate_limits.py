import threading

import pytest
from django.test import RequestFactory

from core.throttling import PerAddressThrottle


class InterleavingCache:
    """A cache whose reads wait until both threads have read: the moment ninja's own throttle
    mixed up two visitors."""

    def __init__(self):
        self.data, self.barrier = {}, threading.Barrier(2, timeout=5)

    def get(self, key, default=None):
        value = list(self.data.get(key, default or []))
        self.barrier.wait()
        return value

    def set(self, key, value, timeout=None):
        self.data[key] = list(value)


def request_from(address):
    return RequestFactory().get("/api/v1/public/social-workers", REMOTE_ADDR=address)


def test_two_visitors_checked_at_the_same_moment_are_each_counted_under_their_own_address():
    throttle = PerAddressThrottle("120/m", scope="test")
    throttle.cache = InterleavingCache()
    answers = {}
    threads = [threading.Thread(target=lambda a=a: answers.__setitem__(a, throttle.allow_request(request_from(a)))) for a in ("10.0.0.1", "10.0.0.2")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == {"10.0.0.1": True, "10.0.0.2": True}
    assert {key: len(history) for key, history in throttle.cache.data.items()} == {"throttle_test_10.0.0.1": 1, "throttle_test_10.0.0.2": 1}


@pytest.mark.django_db
def test_an_address_over_the_limit_is_refused_and_told_when_to_come_back():
    throttle = PerAddressThrottle("3/m", scope="test-limit")
    assert [throttle.allow_request(request_from("10.0.0.3")) for _ in range(4)] == [True, True, True, False]
    assert 0 < throttle.wait() <= 60
    assert throttle.allow_request(request_from("10.0.0.4"))  # another visitor is not affected


@pytest.mark.django_db
def test_the_public_register_api_answers_429_past_its_limit(client, settings):
    from portal.api import router

    [throttle] = router.throttle
    for _ in range(throttle.num_requests):
        assert client.get("/api/v1/public/social-workers", {"q": "siti"}, REMOTE_ADDR="10.0.0.5").status_code == 200
    assert client.get("/api/v1/public/social-workers", {"q": "siti"}, REMOTE_ADDR="10.0.0.5").status_code == 429
    assert client.get("/api/v1/public/social-workers", {"q": "siti"}, REMOTE_ADDR="10.0.0.6").status_code == 200
