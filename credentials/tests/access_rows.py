"""Credentials' rows of the authorisation matrix: everything here is public by design."""

from core.tests.access_matrix import Row, anyone


def _credential(scene):
    cache = scene.__dict__.setdefault("_credential", [])
    if not cache:
        from credentials.tests.factories import issue

        cache.append(issue())
    return cache[0]


ROWS = [
    Row("credentials:jwks", anyone()),
    Row("credentials:status_list", anyone(), kwargs=lambda s: {"purpose": "revocation"}),
    Row(
        "credentials:status_list_numbered",
        anyone(404),
        kwargs=lambda s: {"purpose": "suspension", "number": 2},
        note="a list is found once credentials are issued on it",
    ),
    Row("public:verify", anyone(), kwargs=lambda s: {"public_id": _credential(s).public_id}),
    Row("credentials:download", anyone(), kwargs=lambda s: {"public_id": _credential(s).public_id}),
]
API_ROWS = [
    Row(
        "",
        anyone(),
        api_path="GET /api/v1/public/credentials/{credential_id}",
        kwargs=lambda s: {"credential_id": _credential(s).public_id},
    ),
]
