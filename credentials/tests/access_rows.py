"""Credentials' rows of the authorisation matrix: the verification endpoints are public by design;
the import pages belong to the officers who own each kind."""

from core.tests.access_matrix import Row, anyone, only

# The officers who own a kind of credential import it: LSP (certificates), DPP (STRs), licensing
# authorities and the ministry (licences: SIPPS of a regency, the 2009 route's of Kemensos), BALKS
# (accreditations).
IMPORTERS = (
    "lsp_officer",
    "lsp_officer@elsewhere",
    "dpp_officer",
    "licensing_officer",
    "licensing_officer@elsewhere",
    "ministry_officer",
    "balks_officer",
)


def _credential(scene):
    cache = scene.__dict__.setdefault("_credential", [])
    if not cache:
        from credentials.tests.factories import issue

        cache.append(issue())
    return cache[0]


def _imported_list(scene):
    """A certificate list previewed by the LSP officer "here"."""
    cache = scene.__dict__.setdefault("_imported_list", [])
    if not cache:
        from django.core.files.base import ContentFile

        from credentials.models import ImportedList

        batch = ImportedList(kind="certificate", source="LSPS 2015-2024", uploaded_by=scene.users["lsp_officer"])
        batch.file.save("import.csv", ContentFile(b"nomor_sertifikat;nik\n"), save=False)
        batch.save()
        cache.append(batch)
    return cache[0]


ROWS = [
    Row("credentials:import_upload", only(*IMPORTERS)),
    Row(
        "credentials:import_detail",
        {**only(*IMPORTERS, answer=404), "lsp_officer": 200},
        kwargs=lambda s: {"pk": _imported_list(s).pk},
        note="a list holds NIKs: only the officer who uploaded it opens it",
    ),
    Row("credentials:jwks", anyone()),
    Row("credentials:context", anyone()),
    Row("credentials:issuer", anyone(), kwargs=lambda s: {"slug": _credential(s).issuer_slug}),
    Row("credentials:jwt_vc_issuer", anyone(), kwargs=lambda s: {"slug": _credential(s).issuer_slug}),
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
