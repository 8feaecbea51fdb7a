import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from accounts.tests.factories import sign_in_with_second_factor
from core.tests.access_matrix import ACTORS, API_ROWS, EXEMPT_PREFIXES, ROWS, ROWS_BY_NAME
from core.tests.scene import Scene


def _all_url_names(resolver=None, namespace="") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _all_url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(namespace + pattern.name)
    return names


def _answer(response) -> object:
    if response.status_code == 302 and response["Location"].startswith("/akun/login/"):
        return "login"
    return response.status_code


def _expected(row, actor):
    if actor in row.expect:
        return row.expect[actor]
    if actor != "anonymous" and "signed_in" in row.expect:
        return row.expect["signed_in"]
    return row.expect["*"]


def test_every_view_has_a_row_in_the_matrix():
    missing = sorted(name for name in _all_url_names() if not name.startswith(EXEMPT_PREFIXES) and name not in ROWS_BY_NAME)
    assert missing == [], f"views with no row in core/tests/access_matrix.py: {missing}"


def test_every_api_operation_has_a_row_in_the_matrix():
    from config.api import api

    schema = api.get_openapi_schema()
    operations = {f"{method.upper()} {path}" for path, item in schema["paths"].items() for method in item}
    covered = {row.api_path for row in API_ROWS}
    # The document also describes the credential files Django serves outside /api/ (JWKS, contexts,
    # status lists): those are views, and their rows are the views' rows.
    view_rows = {row.url_name for row in ROWS}
    for operation in sorted(operations - covered):
        path = operation.split(" ", 1)[1]
        if not path.startswith("/api/"):
            match = resolve(re.sub(r"\{\w+\}", "1", path))
            name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
            if name in view_rows:
                covered.add(operation)
    assert sorted(operations - covered) == [], "API operations with no row in core/tests/access_matrix.py"


def _area(row) -> str:
    """The part of Peksos a row belongs to: the URL namespace, or the API's first path segment."""
    if row.api_path:
        return row.api_path.split(" ", 1)[1].split("/")[3]
    return row.url_name.split(":")[0] if ":" in row.url_name else "core"


AREAS = sorted({_area(row) for row in ROWS + API_ROWS})


def _fresh_visitor_limits():
    """The matrix asks who may open what, not how often: each request starts under the visitors'
    limits (every actor comes from the same address, and a number nobody holds counts as a miss)."""
    from django.core.cache import cache

    from core.harvesting import process_marks
    from core.ratelimit import process_counters

    for store in (cache, process_counters, process_marks):
        store.clear()


@pytest.mark.django_db
@pytest.mark.parametrize("area", AREAS)
def test_every_actor_gets_the_expected_answer_from_every_view_and_endpoint(area):
    scene = Scene()
    mismatches = []
    for row in [r for r in ROWS + API_ROWS if _area(r) == area]:
        kwargs = row.kwargs(scene) if row.kwargs else {}
        for actor in ACTORS:
            _fresh_visitor_limits()
            client = Client()
            user = scene.users[actor]
            if user is not None:
                sign_in_with_second_factor(client, user)
            if row.api_path:
                method, path = row.api_path.split(" ", 1)
                url = path.format(**kwargs)
            else:
                url = reverse(row.url_name, kwargs=kwargs or None)
            url += row.query
            data = row.data(scene) if row.data else {}
            method = row.method if not row.api_path else method
            if method == "GET":
                response = client.get(url)
            else:
                response = getattr(client, method.lower())(
                    url, data, **({"content_type": "application/json"} if row.api_path else {})
                )
            got, want = _answer(response), _expected(row, actor)
            if got != want:
                mismatches.append(f"{method} {url} as {actor}: expected {want}, got {got}")
    assert mismatches == [], "\n".join(mismatches)
