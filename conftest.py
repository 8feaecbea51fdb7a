import pytest


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits, TOTP replay marks, lockouts and the name search's counts live in caches: no
    test inherits another's."""
    from django.core.cache import cache

    from core.harvesting import process_marks
    from core.pagecache import renderings
    from core.ratelimit import process_counters
    from registry.name_index import remembered as name_counts

    for store in (cache, renderings, process_counters, process_marks, name_counts):
        store.clear()
    yield
    for store in (cache, renderings, process_counters, process_marks, name_counts):
        store.clear()


@pytest.fixture(autouse=True)
def _rate_limit_window_mid_minute(monkeypatch):
    """Rate limits count per fixed window: a test that counts up to a limit must not see its
    window end halfway (a new window would start the count again)."""
    monkeypatch.setattr("core.ratelimit.clock", lambda: 1_800_000_030.0)


@pytest.fixture
def staff_client(client):
    """Log a user in as the browser would have after passing the second factor."""

    from accounts.tests.factories import sign_in_with_second_factor

    def login(user):
        return sign_in_with_second_factor(client, user)

    return login


from core.testing.browser import chromium, page  # noqa: E402,F401  (browser test fixtures)


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Let fixtures see whether the test failed (the browser fixture keeps a screenshot)."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
