"""Licensing's rows of the authorisation matrix.

The licensing officer "here" serves Kota Bandung, "@elsewhere" Kabupaten Bandung. The objects
belong to another social worker (not the scene's): an STR application waiting at the DPP, a
SIPPS application waiting at Kota Bandung (current rules), and a SIPPS already granted by
Kota Bandung. POST rows send data that changes nothing (no action, no reason).
"""

import datetime

from core.tests.access_matrix import Row
from core.tests.scene import ORGANISATION_BUILDERS


def _authority(label):
    from licensing.models import LicensingAuthority

    return LicensingAuthority.objects.get(regency__code="32.73" if label == "here" else "32.04")


ORGANISATION_BUILDERS["licensing_officer"] = _authority

LICENSING_OFFICERS = ("licensing_officer", "licensing_officer@elsewhere")


def objects(scene) -> dict:
    cache = scene.__dict__.get("_licensing_objects")
    if cache:
        return cache
    from django.utils import timezone

    from licensing import services
    from licensing.tests.factories import certified_person, pdf
    from regions.models import Regency

    person, certificate = certified_person(name="Pemegang Izin Matriks")
    str_application = services.apply_for_str(
        actor=person.user, certificate=certificate, health_statement=pdf(), oath_taken=True, code_of_ethics=True
    )
    other, other_certificate = certified_person(name="Pemohon STR Matriks")
    waiting_str = services.apply_for_str(
        actor=other.user, certificate=other_certificate, health_statement=pdf(), oath_taken=True, code_of_ethics=True
    )
    str_record = services.decide_str(
        actor=scene.users["dpp_officer"], application=str_application, version=str_application.version, approve=True
    )
    officer = scene.users["licensing_officer"]
    kota_bandung = Regency.objects.get(code="32.73")
    granted = services.apply_for_licence(
        actor=person.user,
        certificate=certificate,
        str_record=str_record,
        setting="institution",
        place="LKS Matriks",
        regency=kota_bandung,
        field="anak",
    )
    licence = services.decide_licence(
        actor=officer,
        application=granted,
        version=granted.version,
        grant=True,
        decree_number="503/MATRIKS/2026",
        decree_date=timezone.localdate(),
        valid_until=timezone.localdate() + datetime.timedelta(days=365),
    )
    # A second place of practice, still waiting for Kota Bandung's decision.
    waiting = services.apply_for_licence(
        actor=person.user,
        certificate=certificate,
        str_record=str_record,
        setting="community",
        place="Kelurahan Matriks",
        regency=kota_bandung,
        field="anak",
    )
    cache = {"str_application": waiting_str, "waiting": waiting, "licence": licence, "str": str_record}
    scene.__dict__["_licensing_objects"] = cache
    return cache


def hidden_but(*actors, answer=200) -> dict:
    """Only the named actors may open it; everyone else is told nothing (404)."""
    expect = {"anonymous": "login", "signed_in": 404}
    expect.update(dict.fromkeys(actors, answer))
    return expect


def _waiting(scene):
    return {"pk": objects(scene)["waiting"].pk}


ROWS = [
    # Signed-in people without a social-worker profile are sent to complete it first.
    Row("licensing:my_credentials", {"anonymous": "login", "signed_in": 302}),
    Row("licensing:apply_str", {"anonymous": "login", "signed_in": 302}),
    Row("licensing:apply_licence", {"anonymous": "login", "signed_in": 302}),
    Row("licensing:str_queue", {"anonymous": "login", "signed_in": 403, "dpp_officer": 200}),
    Row(
        "licensing:str_renewals_due",
        {"anonymous": "login", "signed_in": 403, "dpp_officer": 200, "dpd_officer": 200, "dpd_officer@elsewhere": 200},
        note="each DPD lists its own province's holders only (registry/tests/test_renewal_str.py)",
    ),
    Row(
        "licensing:licence_renewals_due",
        {
            "anonymous": "login",
            "signed_in": 403,
            "licensing_officer": 200,
            "licensing_officer@elsewhere": 200,
            "ministry_officer": 200,
        },
        note="each authority lists the licences it granted (licensing/tests/test_licence_renewals_due_list.py)",
    ),
    Row("licensing:validity", {"anonymous": "login", "signed_in": 403, "dpp_officer": 200, "ministry_officer": 200}),
    Row("licensing:str_application", hidden_but("dpp_officer"), kwargs=lambda s: {"pk": objects(s)["str_application"].pk}),
    Row(
        "licensing:str_application",
        hidden_but("dpp_officer", answer=302),
        method="POST",
        kwargs=lambda s: {"pk": objects(s)["str_application"].pk},
        data=lambda s: {"decision": "refuse", "reason": ""},
        note="a refusal without a reason is turned back with a message",
    ),
    Row(
        "licensing:health_statement",
        hidden_but("dpp_officer"),
        kwargs=lambda s: {"pk": objects(s)["str_application"].pk},
        note="specific personal data: the person and the DPP only",
    ),
    Row(
        "licensing:str_status",
        {"anonymous": "login", "signed_in": 403, "dpp_officer": 302},
        method="POST",
        kwargs=lambda s: {"pk": objects(s)["str"].pk},
        data=lambda s: {"action": "", "reason": ""},
    ),
    Row(
        "licensing:licence_queue",
        {
            "anonymous": "login",
            "signed_in": 403,
            **dict.fromkeys([*LICENSING_OFFICERS, "ministry_officer", "lsp_officer", "lsp_officer@elsewhere"], 200),
        },
    ),
    Row("licensing:licence_application", hidden_but("licensing_officer"), kwargs=_waiting),
    Row(
        "licensing:licence_application",
        hidden_but("licensing_officer", answer=302),
        method="POST",
        kwargs=_waiting,
        data=lambda s: {"decision": "refuse", "reason": ""},
    ),
    Row(
        "licensing:licence_status",
        {"anonymous": "login", "signed_in": 403, "licensing_officer": 302},
        method="POST",
        kwargs=lambda s: {"pk": objects(s)["licence"].pk},
        data=lambda s: {"action": "", "reason": ""},
    ),
    Row(
        "licensing:renew_licence",
        {"anonymous": "login", "signed_in": 404},
        method="POST",
        kwargs=lambda s: {"pk": objects(s)["licence"].pk},
        note="only the holder renews; for everyone else the licence does not exist",
    ),
    Row("licensing:licence_pdf", hidden_but("licensing_officer"), kwargs=lambda s: {"pk": objects(s)["licence"].pk}),
    Row(
        "licensing:str_pdf",
        hidden_but("dpp_officer"),
        kwargs=lambda s: {"pk": objects(s)["str"].pk},
        note="the holder and the DPP that issued it",
    ),
    Row(
        "core:letterhead_edit",
        hidden_but("licensing_officer"),
        kwargs=lambda s: {"key": f"authority:{_authority('here').pk}"},
        note="a licensing authority's letterhead and signatory: its own officers only",
    ),
]

API_ROWS = [
    Row("api:licensing_mine", {"anonymous": 401, "signed_in": 200}, api_path="GET /api/v1/licensing/mine"),
    Row(
        "api:licensing_applications",
        {
            "anonymous": 401,
            "signed_in": 403,
            **dict.fromkeys([*LICENSING_OFFICERS, "ministry_officer", "lsp_officer", "lsp_officer@elsewhere"], 200),
        },
        api_path="GET /api/v1/licensing/applications",
        note="the same people as the licence queue page: both list policy.visible(view_licence_application)",
    ),
    Row(
        "api:licensing_decision",
        {"anonymous": 401, "signed_in": 404, "licensing_officer": 422},
        kwargs=lambda s: {"application_id": objects(s)["waiting"].pk},
        method="POST",
        data=lambda s: {"version": objects(s)["waiting"].version, "grant": False, "reason": ""},
        api_path="POST /api/v1/licensing/applications/{application_id}/decision",
        note="a refusal without a reason: Kota Bandung's officer is told so, everyone else sees nothing; nothing changes",
    ),
]
