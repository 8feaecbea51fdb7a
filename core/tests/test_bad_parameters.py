"""Out-of-range numbers in addresses (page=10^20, offset=2^63, limit=-1, province=10^20), values
the database refuses and bodies nested too deep are the visitor's mistake: they get a clear
answer in their language, never a server error.

The walk is generic: every view and API operation of the authorisation matrix (which fails when
a URL has no row) is opened by an actor who may open it, once for each number it reads."""

import inspect
import re

import pytest
from django import forms
from django.db import DataError, IntegrityError
from django.test import Client
from django.urls import include, path, resolve, reverse

from accounts.roles import Role
from accounts.tests.factories import make_staff, sign_in_with_second_factor
from core.tests.access_matrix import API_ROWS, ROWS
from core.tests.scene import Scene

HUGE = [str(10**20), str(2**63), "-1"]
# Numbers the brief's reproductions used; sent to every list even when it does not read them.
ALWAYS = ("page", "offset", "limit", "province", "provinsi")


def _opener(row):
    """A signed-in actor (or anonymous) for whom the row expects the page to open."""
    ordered = sorted(row.expect, key=lambda actor: actor in ("*", "signed_in"))
    for actor in ordered:
        if row.expect[actor] == 200:
            return actor
    return None


def _actor_user(scene, actor):
    if actor in ("*", "signed_in"):
        return scene.users["dpp_officer" if actor == "signed_in" else "anonymous"]
    return scene.users[actor]


def _names_a_view_reads(func) -> set[str]:
    """The query-string names a view reads: `request.GET.get("x")`, `request.GET["x"]` and the
    fields of the forms it binds to `request.GET`."""
    func = inspect.unwrap(func)
    try:
        source = inspect.getsource(func)
    except (OSError, TypeError):
        return set()
    names = set(re.findall(r"GET(?:\.get|\.getlist)?[\(\[]\s*[\"'](\w+)[\"']", source))
    for form_name in re.findall(r"(\w+)\(\s*request\.GET", source):
        form = func.__globals__.get(form_name)
        if isinstance(form, type) and issubclass(form, forms.BaseForm):
            names |= set(form.base_fields)
    return names


def _client(scene, actor):
    client = Client(raise_request_exception=False)
    user = _actor_user(scene, actor)
    if user is not None:
        sign_in_with_second_factor(client, user)
    return client


def _fresh_limits():
    from django.core.cache import cache

    from core.ratelimit import process_counters

    cache.clear()
    process_counters.clear()


def _failures(client, method, url, data=None):
    _fresh_limits()
    if method == "GET":
        response = client.get(url)
    else:
        response = getattr(client, method.lower())(url, data or "{}", content_type="application/json")
    if response.status_code >= 500:
        return [f"{method} {url}: {response.status_code}"]
    return []


@pytest.mark.django_db
def test_no_view_fails_on_out_of_range_numbers_in_its_address(settings):
    settings.DEBUG = False
    scene = Scene()
    failures, walked = [], 0
    for row in ROWS:
        actor = _opener(row)
        if row.method != "GET" or actor is None:
            continue
        url = reverse(row.url_name, kwargs=(row.kwargs(scene) if row.kwargs else None))
        names = set(ALWAYS) | _names_a_view_reads(resolve(url).func)
        client = _client(scene, actor)
        separator = "&" if "?" in url + row.query else "?"
        for name in sorted(names):
            for value in HUGE:
                failures += _failures(client, "GET", f"{url}{row.query}{separator}{name}={value}")
        walked += 1
    assert walked > 40
    assert failures == [], "\n".join(failures)


def _api_openers(row) -> list[str]:
    """Who opens an API operation: the actor named for it or, for one every signed-in person may
    call, both national officers (each sees the whole of their side: members and certification,
    LKS and accreditation), so that the numbers reach a query over rows and not an empty scope."""
    actor = _opener(row)
    if actor in ("signed_in", "*"):
        return ["dpp_officer", "balks_officer"]
    return [actor or "dpp_officer"]


def _integer_parameters(operation: dict) -> tuple[set[str], set[str]]:
    query, in_path = set(), set()
    for parameter in operation.get("parameters", []):
        schema = parameter.get("schema", {})
        types = {schema.get("type")} | {option.get("type") for option in schema.get("anyOf", [])}
        if "integer" in types:
            (in_path if parameter["in"] == "path" else query).add(parameter["name"])
    return query, in_path


@pytest.mark.django_db
def test_no_api_operation_fails_on_out_of_range_numbers(settings):
    from config.api import api

    settings.DEBUG = False
    scene = Scene()
    schema = api.get_openapi_schema()
    failures, walked = [], 0
    for row, actor in [(each, actor) for each in API_ROWS for actor in _api_openers(each)]:
        method, template = row.api_path.split(" ", 1)
        # An address served outside ninja (see config/urls.py) is still documented, under its template.
        operation = schema["paths"].get(template.removeprefix("/api/v1"), {}).get(method.lower(), {})
        query, in_path = _integer_parameters(operation)
        kwargs = row.kwargs(scene) if row.kwargs else {}
        client = _client(scene, actor)
        data = row.data(scene) if row.data else None
        if method == "GET":
            url = template.format(**kwargs)
            for name in sorted(query | set(ALWAYS)):
                for value in HUGE:
                    failures += _failures(client, method, f"{url}?{name}={value}")
        for name in in_path:
            for value in HUGE:
                url = template.format(**{**kwargs, name: value})
                failures += _failures(client, method, url, data)
        walked += 1
    assert walked > 20
    assert failures == [], "\n".join(failures)


@pytest.mark.django_db
def test_a_page_number_out_of_range_is_a_clear_bad_request_on_a_staff_list(staff_client):
    client = staff_client(make_staff(Role.DPP_OFFICER))
    response = client.get(reverse("registry:member_list") + f"?page={10**20}")
    assert response.status_code == 400
    assert "Nomor halaman" in response.content.decode()


@pytest.mark.django_db
def test_an_offset_out_of_range_is_refused_by_the_api_in_the_visitors_language(client):
    sign_in_with_second_factor(client, make_staff(Role.BALKS_OFFICER))
    response = client.get(f"/api/v1/accreditation/lks?offset={2**63}")
    assert 400 <= response.status_code < 500
    assert response.json()["detail"] == "Permintaan tidak valid."


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.django_db
@pytest.mark.parametrize("depth", [50_000, 500])
def test_a_json_body_nested_too_deep_is_refused_by_the_public_eligibility_check(client, depth):
    response = client.post("/api/v1/public/eligibility", _nested(depth), content_type="application/json")
    assert response.status_code in (400, 422)
    assert response.json()["detail"] == "Isi permintaan bertingkat terlalu dalam."


@pytest.mark.django_db
@pytest.mark.parametrize("depth", [50_000, 500])
def test_a_json_body_nested_too_deep_is_refused_before_any_typed_endpoint_reads_it(client, depth):
    sign_in_with_second_factor(client, make_staff(Role.BALKS_ASSESSOR))
    body = '{"values": {"a": ' + _nested(depth) + "}}"
    response = client.post("/api/v1/accreditation/applications/1/scores", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "Isi permintaan bertingkat terlalu dalam."


@pytest.mark.django_db
def test_a_json_body_of_ordinary_depth_still_reaches_the_eligibility_check(client):
    response = client.post(
        "/api/v1/public/eligibility",
        '{"education_level": "S1", "study_field": "kesejahteraan_sosial", '
        '"practice_months": 30, "training_hours": 64, "extra": [[[[{"a": [1, "]]]]"]}]]]]}',
        content_type="application/json",
    )
    assert response.status_code == 200


# Views that fail the way the database fails on a value it cannot hold, mounted under the API
# prefix and under a page address.
def _raising(exception):
    def view(request):
        raise exception

    return view


urlpatterns = [
    path("api/v1/broken/overflow", _raising(OverflowError("Python int too large to convert to SQLite INTEGER"))),
    path("api/v1/broken/data", _raising(DataError("integer out of range"))),
    path("api/v1/broken/integrity", _raising(IntegrityError("FOREIGN KEY constraint failed"))),
    path("api/v1/broken/recursion", _raising(RecursionError("maximum recursion depth exceeded"))),
    path("halaman/overflow", _raising(OverflowError("Python int too large to convert to SQLite INTEGER"))),
    path("halaman/integrity", _raising(IntegrityError("FOREIGN KEY constraint failed"))),
    path("halaman/recursion", _raising(RecursionError("maximum recursion depth exceeded"))),
    path("", include("config.urls")),  # the error page links to the site's pages
]


@pytest.mark.django_db
@pytest.mark.urls("core.tests.test_bad_parameters")
@pytest.mark.parametrize("kind", ["overflow", "data", "integrity", "recursion"])
def test_a_value_the_database_cannot_hold_is_a_bad_request_in_json_on_the_api(client, settings, kind):
    settings.DEBUG = False
    client.raise_request_exception = False
    response = client.get(f"/api/v1/broken/{kind}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {
        "detail": "Permintaan tidak dapat diproses: salah satu nilainya tidak dapat diterima. Periksa alamat atau isian formulir, lalu coba lagi."
    }
    client.cookies["django_language"] = "en"
    response = client.get(f"/api/v1/broken/{kind}")
    assert response.json() == {
        "detail": "The request could not be processed: one of its values is not accepted. Check the address or the form and try again."
    }


@pytest.mark.django_db
@pytest.mark.urls("core.tests.test_bad_parameters")
@pytest.mark.parametrize("kind", ["overflow", "integrity", "recursion"])
def test_a_value_the_database_cannot_hold_is_a_bad_request_page_elsewhere(client, settings, kind):
    settings.DEBUG = False
    client.raise_request_exception = False
    response = client.get(f"/halaman/{kind}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "salah satu nilainya tidak dapat diterima" in html
    assert "SQLite" not in html and "FOREIGN KEY" not in html and "maximum recursion" not in html


@pytest.mark.django_db
def test_a_database_error_inside_an_api_operation_is_answered_in_json(client, settings, monkeypatch):
    from registry import selectors

    def failing(user):
        raise DataError("value out of range for type integer")

    settings.DEBUG = False
    client.raise_request_exception = False
    monkeypatch.setattr(selectors, "members_for", failing)
    sign_in_with_second_factor(client, make_staff(Role.DPP_OFFICER))
    response = client.get("/api/v1/registry/members")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Permintaan tidak dapat diproses")
