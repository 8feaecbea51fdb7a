"""Reports' rows of the authorisation matrix: every officer with a reporting role opens the
dashboard (scoped to what they hold); downloads and PDF reports only within that scope."""

from assemblies.tests.access_rows import here, objects
from core.tests.access_matrix import Row, anyone

REPORTING = [
    "dpp_officer",
    "dpd_officer",
    "dpd_officer@elsewhere",
    "lsp_officer",
    "lsp_officer@elsewhere",
    "licensing_officer",
    "licensing_officer@elsewhere",
    "balks_officer",
    "ministry_officer",
    "dinsos_officer",
    "dinsos_officer@elsewhere",
]
MEMBERSHIP = ["dpp_officer", "dpd_officer", "dpd_officer@elsewhere", "ministry_officer"]


def _report_document(scene):
    cached = scene.__dict__.get("_report_document")
    if cached is None:
        from reports import services

        cached = services.record_report(actor=scene.users["dpp_officer"], kind="membership", issuer_name="IPSPI")
        scene.__dict__["_report_document"] = cached
    return cached


def reporting(answer=200, **others) -> dict:
    expect = {"anonymous": "login", "signed_in": 403}
    expect.update(dict.fromkeys(REPORTING, answer))
    expect.update(others)
    return expect


ROWS = [
    Row("reports:dashboard", reporting()),
    Row(
        "reports:download",
        reporting(404, **dict.fromkeys(MEMBERSHIP, 200)),
        kwargs=lambda s: {"key": "anggota-provinsi", "fmt": "csv"},
        note="a table outside the officer's scope does not exist for them",
    ),
    Row("reports:accreditation_report", {"anonymous": "login", "signed_in": 403, "balks_officer": 200, "ministry_officer": 200}),
    Row("reports:membership_report", reporting(403, **dict.fromkeys(MEMBERSHIP, 200))),
    Row(
        "reports:certification_report", reporting(403, lsp_officer=200, **{"lsp_officer@elsewhere": 200, "ministry_officer": 200})
    ),
    Row(
        "reports:accountability_report",
        here(),
        kwargs=lambda s: {"pk": objects(s)["musda"].pk},
        note="a Musda's accountability report: whoever may read the assembly (the members of its province too)",
    ),
    Row(
        "reports:report_check",
        anyone(),
        kwargs=lambda s: {"public_id": _report_document(s).public_id},
        note="the page a report's QR code opens: that it was issued, never its figures",
    ),
]
