"""Reports' rows of the authorisation matrix: every officer with a reporting role opens the
dashboard (scoped to what they hold); downloads and PDF reports only within that scope."""

from assemblies.tests.access_rows import here, objects
from core.tests.access_matrix import Row

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
]
