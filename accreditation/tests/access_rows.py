"""Accreditation's rows of the authorisation matrix.

The scene's LKS operator holds the LKS "here" (Kota Bandung), the Dinas Sosial officer "here"
is Kota Bandung's; "@elsewhere" ones are Kabupaten Bandung's. The application here waits at the
Dinas Sosial, with its request letter; the LKS also holds an earlier accreditation with a
certificate. POST rows send data that changes nothing (empty reasons, no assessors, no decree).
"""

import datetime

from core.tests.access_matrix import Row, only
from core.tests.scene import ORGANISATION_BUILDERS


def _lks(label):
    from accreditation.tests.factories import LKSFactory
    from regions.models import Regency

    regency = Regency.objects.get(code="32.73" if label == "here" else "32.04")
    return LKSFactory(name=f"LKS Matriks {label}", regency=regency)


ORGANISATION_BUILDERS["lks_operator"] = _lks


def _board_period(scene):
    from accreditation.models import BoardPeriod

    return BoardPeriod.objects.get_or_create(
        name="2019–2024", defaults={"decree": "Kepmensos 174/HUK/2019", "starts_on": datetime.date(2019, 10, 1)}
    )[0]


def _proposal(scene):
    from accreditation.models import AssessorProposal
    from accreditation.tests.factories import assessor

    found = AssessorProposal.objects.filter(reason="matriks").first()
    return found or AssessorProposal.objects.create(assessor=assessor("Penilai Usulan"), kind="dismiss", reason="matriks")


def _draft(scene):
    from accreditation import services
    from accreditation.models import Instrument

    draft = Instrument.objects.filter(version="matriks").first()
    return draft or services.draft_instrument(actor=scene.users["balks_officer"], version="matriks")


VIEWERS = ("lks_operator", "dinsos_officer", "balks_officer", "ministry_officer")


def viewers(answer=200, **others) -> dict:
    """Who may open an application or LKS "here": its operator, its Dinas Sosial, BALKS and the
    ministry. Everyone else is told nothing (404)."""
    expect = {"anonymous": "login", "signed_in": 404}
    expect.update(dict.fromkeys(VIEWERS, answer))
    expect.update(others)
    return expect


def objects(scene) -> dict:
    cache = scene.__dict__.get("_accreditation_objects")
    if cache:
        return cache
    from django.utils import timezone

    from accounts.roles import Role
    from accreditation import services
    from accreditation.models import Accreditation, AccreditationApplication, DeterminationBatch, Indicator, Recommendation
    from accreditation.tests.factories import pdf
    from credentials.models import Credential
    from credentials.services import issue_credential

    lks = scene.organisation(Role.LKS_OPERATOR, "here")
    operator = scene.users["lks_operator"]
    earlier = AccreditationApplication.objects.create(lks=lks, status=AccreditationApplication.Status.DETERMINED)
    accreditation = Accreditation.objects.create(
        lks=lks,
        application=earlier,
        grade="C",
        score=60,
        certificate_number="BALKS/C/2024/09999",
        decree_number="1/2024",
        decree_date=datetime.date(2024, 1, 1),
        valid_from=datetime.date(2024, 1, 1),
        valid_until=datetime.date(2025, 12, 31),
    )
    accreditation.credential = issue_credential(
        actor=None,
        kind=Credential.Kind.ACCREDITATION,
        subject=accreditation,
        holder=lks,
        number=accreditation.certificate_number,
        holder_name=lks.name,
        issuer_name="Menteri Sosial",
        valid_from=accreditation.valid_from,
        valid_until=accreditation.valid_until,
    )
    accreditation.save()
    application = services.start_application(actor=operator, lks=lks)
    application.request_letter = pdf()
    application.evidence = pdf()
    application.save()
    indicators = Indicator.objects.filter(standard__instrument=services.instrument_on(timezone.localdate()))
    services.submit_application(
        actor=operator, application=application, version=application.version, self_assessment={str(i.pk): 3 for i in indicators}
    )
    recommendation = Recommendation.objects.create(application=earlier, addressee="lks", text="Perbaiki sarana.")
    batch = DeterminationBatch.objects.create()
    from accreditation.tests.factories import LKSFactory

    batched = AccreditationApplication.objects.create(
        lks=LKSFactory(name="LKS Matriks berkas", regency=lks.regency),
        status=AccreditationApplication.Status.SUBMITTED_TO_MINISTER,
        batch=batch,
        total_score=75,
    )
    cache = {
        "batched": batched,
        "lks": lks,
        "application": application,
        "accreditation": accreditation,
        "recommendation": recommendation,
        "batch": batch,
    }
    scene.__dict__["_accreditation_objects"] = cache
    return cache


def _app(scene):
    return {"pk": objects(scene)["application"].pk}


ROWS = [
    Row(
        "accreditation:workspace",
        {
            "anonymous": "login",
            "signed_in": 403,
            **dict.fromkeys(
                [
                    "lks_operator",
                    "lks_operator@elsewhere",
                    "dinsos_officer",
                    "dinsos_officer@elsewhere",
                    "balks_officer",
                    "ministry_officer",
                ],
                200,
            ),
        },
    ),
    Row("accreditation:lks", viewers(), kwargs=lambda s: {"pk": objects(s)["lks"].pk}),
    Row("accreditation:application", viewers(), kwargs=_app),
    Row(
        "accreditation:lks_list",
        only("lks_operator", "lks_operator@elsewhere", "dinsos_officer", "dinsos_officer@elsewhere"),
    ),
    Row("accreditation:lks_new", only("dinsos_officer", "dinsos_officer@elsewhere")),
    Row("accreditation:instruments", only("balks_officer", "ministry_officer")),
    Row("accreditation:board", only("balks_officer")),
    Row("accreditation:assessor_pool", only("balks_officer")),
    Row(
        "accreditation:assessor_decision",
        {"anonymous": "login", "signed_in": 403, "balks_officer": 302},
        method="POST",
        kwargs=lambda s: {"pk": _proposal(s).pk},
        data=lambda s: {},
        note="an empty decision changes nothing",
    ),
    Row("accreditation:board_period", only("balks_officer"), kwargs=lambda s: {"pk": _board_period(s).pk}),
    Row("accreditation:instrument", only("balks_officer", "ministry_officer"), kwargs=lambda s: {"pk": _draft(s).pk}),
    Row(
        "accreditation:instrument_standard",
        only("balks_officer"),
        kwargs=lambda s: {"pk": _draft(s).pk, "standard_pk": _draft(s).standards.first().pk},
        note="only BALKS edits a draft's indicators; the ministry reads the version",
    ),
    Row(
        "accreditation:lks_edit",
        viewers(balks_officer=403, ministry_officer=403),
        kwargs=lambda s: {"pk": objects(s)["lks"].pk},
        note="BALKS and the ministry read the LKS but keep none of its profile",
    ),
    Row("accreditation:document", viewers(), kwargs=lambda s: {**_app(s), "kind": "request_letter"}),
    Row("accreditation:score", viewers(403), kwargs=lambda s: {**_app(s), "phase": "desk"}),
    Row(
        "accreditation:dinsos_decide",
        viewers(403, dinsos_officer=302),
        method="POST",
        kwargs=_app,
        data=lambda s: {"decision": "return", "text": ""},
    ),
    Row("accreditation:accept", viewers(403, balks_officer=302), method="POST", kwargs=_app, data=lambda s: {}),
    Row(
        "accreditation:balks_decide",
        viewers(403, balks_officer=302),
        method="POST",
        kwargs=_app,
        data=lambda s: {"decision": "refuse", "text": ""},
        note="BALKS returns or refuses at acceptance; an empty reason changes nothing",
    ),
    Row("accreditation:assign", viewers(403, balks_officer=302), method="POST", kwargs=_app, data=lambda s: {}),
    Row("accreditation:validate", viewers(403, balks_officer=302), method="POST", kwargs=_app, data=lambda s: {}),
    Row(
        "accreditation:recommendation_edit",
        {"anonymous": "login", "signed_in": 403, "balks_officer": 302},
        method="POST",
        kwargs=lambda s: {"pk": objects(s)["recommendation"].pk},
        data=lambda s: {"text": ""},
    ),
    Row("accreditation:batches", {"anonymous": "login", "signed_in": 403, "balks_officer": 200, "ministry_officer": 200}),
    Row(
        "accreditation:determine",
        {"anonymous": "login", "signed_in": 403, "ministry_officer": 302},
        method="POST",
        kwargs=lambda s: {"pk": objects(s)["batch"].pk},
        data=lambda s: {"decree_number": "", "decree_date": ""},
    ),
    Row(
        "accreditation:remove_from_batch",
        {"anonymous": "login", "signed_in": 403, "ministry_officer": 302},
        method="POST",
        kwargs=lambda s: {"pk": objects(s)["batch"].pk, "application_pk": objects(s)["batched"].pk},
        data=lambda s: {"reason": ""},
        note="only the Minister's officers take an LKS out of a batch; without a reason nothing changes",
    ),
    Row(
        "accreditation:monitoring",
        {
            "anonymous": "login",
            "signed_in": 403,
            **dict.fromkeys(["balks_officer", "ministry_officer", "dinsos_officer", "dinsos_officer@elsewhere"], 200),
        },
    ),
    Row("accreditation:certificate_pdf", viewers(), kwargs=lambda s: {"pk": objects(s)["accreditation"].pk}),
]

API_ROWS = [
    Row(
        "api:accreditation_lks_list",
        {"anonymous": 401, "signed_in": 200},
        api_path="GET /api/v1/accreditation/lks",
        note="everyone signed in gets an answer, filtered to their scope (tested in test_accreditation_api)",
    ),
    Row(
        "api:accreditation_lks_detail",
        {**viewers(), "anonymous": 401},
        kwargs=lambda s: {"lks_id": objects(s)["lks"].pk},
        api_path="GET /api/v1/accreditation/lks/{lks_id}",
    ),
    Row(
        "api:accreditation_applications", {"anonymous": 401, "signed_in": 200}, api_path="GET /api/v1/accreditation/applications"
    ),
    Row(
        "api:accreditation_application",
        {**viewers(), "anonymous": 401},
        kwargs=lambda s: {"application_id": objects(s)["application"].pk},
        api_path="GET /api/v1/accreditation/applications/{application_id}",
    ),
    Row(
        "api:accreditation_scores",
        {**viewers(403), "anonymous": 401},
        kwargs=lambda s: {"application_id": objects(s)["application"].pk},
        data=lambda s: {"phase": "desk", "values": {}},
        api_path="POST /api/v1/accreditation/applications/{application_id}/scores",
        note="only an assigned assessor may score; those who can see the application are refused, the rest told nothing",
    ),
    Row(
        "api:accreditation_determine",
        {"anonymous": 401, "signed_in": 403, "ministry_officer": 422},
        kwargs=lambda s: {"batch_id": objects(s)["batch"].pk},
        data=lambda s: {"decree_number": "", "decree_date": "2026-01-05"},
        api_path="POST /api/v1/accreditation/batches/{batch_id}/decision",
        note="without a decree number the ministry is told so and nothing is determined",
    ),
]
