"""The authorisation matrix: every view and API endpoint × every actor, with the expected answer.

`test_authorization_matrix.py` walks it and also fails when a URL exists that has no row here,
so a new endpoint cannot ship without deciding who may open it.

Actors are the roles of `accounts.roles`, each signed in with a scope "here" (Jawa Barat, Kota
Bandung, organisation A), plus the same role "elsewhere" (Jawa Timur, Kabupaten Bandung,
organisation B) to prove scoping. Expected answers: 200 (opened), "login" (sent to sign in),
403 (refused), 404 (hidden: the object is outside the actor's scope), 405 (method), 302 (moved on).
Each row names its URL and, when the URL needs an object, a builder that makes one "here".
"""

from collections.abc import Callable
from dataclasses import dataclass, field

SCOPED_ROLES = ["dpd_officer", "lsp_officer", "competency_assessor", "licensing_officer", "lks_operator", "dinsos_officer"]
NATIONAL_ROLES = [
    "dpp_officer",
    "balks_officer",
    "balks_assessor",
    "ministry_officer",
    "content_editor",
    "dpo",
    "ethics_council",
    "verifier",
]
ACTORS = ["anonymous", "social_worker", *NATIONAL_ROLES, *SCOPED_ROLES, *[f"{r}@elsewhere" for r in SCOPED_ROLES]]
# A verifier account (an employer, a court) follows public numbers: it acts on nobody's records.
STAFF = [a for a in ACTORS if a not in ("anonymous", "social_worker", "lks_operator", "lks_operator@elsewhere", "verifier")]


@dataclass
class Row:
    url_name: str
    expect: dict[str, object]  # actor -> answer; "*" is every actor not named; "signed_in" every signed-in actor not named
    kwargs: Callable | None = None  # scene -> url kwargs
    method: str = "GET"
    data: Callable | None = None  # scene -> POST data
    query: str = ""
    note: str = ""
    api_path: str = ""  # for API rows: "GET /api/v1/..." as in the OpenAPI document


def anyone(answer=200) -> dict:
    return {"*": answer}


def signed_in(answer=200, **others) -> dict:
    return {"anonymous": "login", "signed_in": answer, **others}


def only(*actors, answer=200, otherwise=403) -> dict:
    expect = {"anonymous": "login", "signed_in": otherwise}
    expect.update(dict.fromkeys(actors, answer))
    return expect


ROWS: list[Row] = [
    # --- foundation ------------------------------------------------------------------------
    Row("health", anyone()),
    Row("portal:home", anyone()),
    Row("core:dashboard", signed_in()),
    Row(
        "core:letterheads",
        only(
            "dpp_officer",
            "balks_officer",
            "ministry_officer",
            "lsp_officer",
            "lsp_officer@elsewhere",
            "licensing_officer",
            "licensing_officer@elsewhere",
        ),
        note="officers of an issuing body keep its letterhead and signatory",
    ),
    Row(
        "core:letterhead_edit",
        {"anonymous": "login", "signed_in": 404, "dpp_officer": 200},
        kwargs=lambda s: {"key": "ipspi"},
        note="IPSPI's letterhead: the DPP only; another body's page is not shown",
    ),
    Row(
        "core:letterhead_edit",
        {"anonymous": "login", "signed_in": 404, "balks_officer": 200, "ministry_officer": 200},
        kwargs=lambda s: {"key": "balks"},
    ),
    Row("accounts:roles", signed_in()),
    Row("accounts:inbox", signed_in()),
    Row("accounts:my_data", signed_in()),
    Row("accounts:my_data_json", signed_in()),
    Row("accounts:my_data_pdf", signed_in()),
    Row("accounts:audit_trail", only("dpo")),
    Row("accounts:data_requests", only("dpo")),
    Row("accounts:data_request_detail", only("dpo"), kwargs=lambda s: {"pk": s.data_request().pk}),
    Row("accounts:breaches", only("dpo")),
    Row(
        "accounts:breach_notified",
        {"anonymous": "login", "signed_in": 403, "dpo": 302},
        method="POST",
        kwargs=lambda s: {"pk": s.breach().pk, "who": "subjects"},
    ),
    Row(
        "accounts:inbox_read",
        signed_in(404),
        method="POST",
        kwargs=lambda s: {"pk": s.notification_of_someone_else().pk},
        note="another person's message is hidden from everyone",
    ),
]

# URL names that are not Peksos views (third-party machinery) and how they are covered.
EXEMPT_PREFIXES = (
    "admin:",  # Django admin: superusers only, Django's own checks
    "account_",
    "mfa_",
    "socialaccount_",
    "usersessions_",  # allauth: sign-in flows
    "set_language",
    "javascript-catalog",
    "api:",  # API operations are walked from the OpenAPI document instead
)

API_ROWS: list[Row] = []


def _app_rows() -> None:
    """Each Peksos app may keep its own rows in `<app>/tests/access_rows.py` (lists ROWS and
    API_ROWS built with the helpers above)."""
    from importlib import import_module
    from importlib.util import find_spec
    from pathlib import Path

    from django.apps import apps
    from django.conf import settings

    for config in apps.get_app_configs():
        path = Path(config.path)
        if (
            not path.is_relative_to(settings.BASE_DIR)
            or ".venv" in path.parts
            or not (path / "tests" / "access_rows.py").exists()
        ):
            continue
        if find_spec(f"{config.name}.tests.access_rows"):
            module = import_module(f"{config.name}.tests.access_rows")
            ROWS.extend(getattr(module, "ROWS", []))
            API_ROWS.extend(getattr(module, "API_ROWS", []))


_app_rows()

ROWS_BY_NAME = {row.url_name: row for row in ROWS}
_ = field  # keep dataclasses.field importable for rows that need defaults
