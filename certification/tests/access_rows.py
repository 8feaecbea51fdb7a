"""Certification's rows of the authorisation matrix (core/tests/access_matrix.py).

The scene's LSP officer and competency assessor hold their roles for the LSP "here"; the
"@elsewhere" ones for another LSP. Objects are built here: a scheme, a candidate's application
that is scheduled with the scene's assessor assigned, its evidence, and a certificate. POST rows
send data that changes nothing (no member record; a unit that is not in the assessment)."""

from core.tests.access_matrix import Row, anyone, only, signed_in
from core.tests.scene import ORGANISATION_BUILDERS

LSP_OFFICERS = ("lsp_officer", "lsp_officer@elsewhere")
ASSESSORS = ("competency_assessor", "competency_assessor@elsewhere")


def _lsp(label):
    from certification.models import LSP

    code = "LSPSINI" if label == "here" else "LSPSANA"
    return LSP.objects.get_or_create(code=code, defaults={"name": f"LSP {label}"})[0]


ORGANISATION_BUILDERS["lsp_officer"] = _lsp
ORGANISATION_BUILDERS["competency_assessor"] = _lsp


def here(*actors, answer=200) -> dict:
    """Only the named actors of the LSP "here"; everyone else is told nothing (404)."""
    expect = {"anonymous": "login", "signed_in": 404}
    expect.update(dict.fromkeys(actors or ("lsp_officer",), answer))
    return expect


def objects(scene) -> dict:
    cache = scene.__dict__.get("_certification_objects")
    if cache:
        return cache
    import datetime

    from accounts.roles import Role
    from certification import services
    from certification.models import (
        Certificate,
        CertificateRenewalRequest,
        CompetencyAssessor,
        DocumentKind,
        EligibilityRuleSet,
    )
    from certification.tests.factories import SchemeFactory, candidate, event_for, pdf_upload
    from registry.tests.factories import PersonFactory

    lsp = scene.organisation(Role.LSP_OFFICER, "here")
    scheme = SchemeFactory(lsp=lsp, units=2)
    assessor_user = scene.users["competency_assessor"]
    assessor = CompetencyAssessor.objects.create(
        # The assessor's register record is not linked to the scene's account (as for a legacy
        # record not yet claimed), so the registry's own rows see no profile for this user.
        lsp=lsp,
        user=assessor_user,
        person=PersonFactory(user=None),
        registration_number="MET.MATRIX",
        employer="Universitas Padjadjaran",
    )
    certificate = Certificate.objects.create(
        number="LSPSINI.PSG.2015.00001",
        person=assessor.person,
        lsp=lsp,
        scheme=scheme,
        level=scheme.level,
        practice_field=scheme.practice_field,
        issued_on=datetime.date(2015, 1, 1),
        rule_set=EligibilityRuleSet.objects.get(code="permensos-108-huk-2009"),
    )
    person = candidate()
    application = services.start_application(actor=person.user, scheme=scheme)
    for kind in (DocumentKind.WORK_LETTER, DocumentKind.TRAINING, DocumentKind.RECOMMENDATION):
        services.add_evidence(actor=person.user, application=application, kind=kind, file=pdf_upload())
    services.submit_application(actor=person.user, application=application)
    officer = scene.users["lsp_officer"]
    services.accept_application(actor=officer, application=application)
    services.schedule_application(actor=officer, application=application, event=event_for(lsp))
    assessment = services.assign_assessor(actor=officer, application=application, assessor=assessor)
    # A holder with an account asked for the renewal of their own certificate, with a portfolio.
    holder = candidate()
    held = Certificate.objects.create(
        number="LSPSINI.PSG.2015.00002",
        person=holder,
        lsp=lsp,
        scheme=scheme,
        level=scheme.level,
        practice_field=scheme.practice_field,
        issued_on=datetime.date(2015, 1, 1),
        rule_set=EligibilityRuleSet.objects.get(code="permensos-108-huk-2009"),
    )
    renewal_request = CertificateRenewalRequest.objects.create(
        certificate=held, portfolio=pdf_upload("portofolio.pdf"), submitted_by=holder.user
    )
    cache = {
        "renewal_request": renewal_request,
        "scheme": scheme,
        "application": application,
        "assessment": assessment,
        "certificate": certificate,
        "evidence": application.evidence.first(),
    }
    scene.__dict__["_certification_objects"] = cache
    return cache


ROWS = [
    # Public and self-service (the scene's users have no member record of their own).
    Row("certification:self_check", anyone()),
    Row("certification:my_applications", signed_in()),
    Row(
        "certification:apply",
        signed_in(302),
        method="POST",
        kwargs=lambda s: {"scheme_pk": objects(s)["scheme"].pk},
        note="not a registered member: sent back with a message, nothing created",
    ),
    Row(
        "certification:my_application",
        signed_in(404),
        kwargs=lambda s: {"pk": objects(s)["application"].pk},
        note="another person's application is hidden",
    ),
    Row(
        "certification:evidence_file",
        here("lsp_officer", "competency_assessor"),
        kwargs=lambda s: {"pk": objects(s)["evidence"].pk},
        note="the LSP's officer and the assigned assessor",
    ),
    Row("certification:certificate_pdf", here(), kwargs=lambda s: {"pk": objects(s)["certificate"].pk}),
    Row(
        "certification:my_certificate",
        signed_in(404),
        kwargs=lambda s: {"pk": objects(s)["certificate"].pk},
        note="a holder's own certificate page (renewal checklist and request); anyone else's is hidden",
    ),
    Row(
        "certification:renewal_portfolio",
        here(),
        kwargs=lambda s: {"pk": objects(s)["renewal_request"].pk},
        note="the holder (not a scene actor) and the issuing LSP's officers; staff reads audited",
    ),
    Row(
        "core:letterhead_edit",
        here(),
        kwargs=lambda s: {"key": f"lsp:{_lsp('here').pk}"},
        note="an LSP's letterhead and signatory: its own officers only",
    ),
    # LSP officer.
    Row("certification:application_list", only(*LSP_OFFICERS)),
    Row("certification:application_detail", here(), kwargs=lambda s: {"pk": objects(s)["application"].pk}),
    Row("certification:scheme_list", only(*LSP_OFFICERS)),
    Row("certification:scheme_detail", here(), kwargs=lambda s: {"pk": objects(s)["scheme"].pk}),
    Row("certification:event_list", only(*LSP_OFFICERS)),
    Row("certification:assessor_list", only(*LSP_OFFICERS)),
    Row("certification:certificate_list", only(*LSP_OFFICERS)),
    Row("certification:certificate_export", only(*LSP_OFFICERS)),
    Row("certification:certificate_detail", here(), kwargs=lambda s: {"pk": objects(s)["certificate"].pk}),
    Row(
        "certification:renewals_due",
        only(*LSP_OFFICERS),
        note="each LSP lists its own certificates (certification/tests/test_certificate_renewals_due_list.py)",
    ),
    Row(
        "certification:validity",
        only("ministry_officer"),
        note="the routes are the ministry's regulations, shared by every LSP",
    ),
    # Competency assessor.
    Row("certification:assignment_list", only(*ASSESSORS)),
    Row(
        "certification:assignment",
        here("competency_assessor"),
        kwargs=lambda s: {"pk": objects(s)["assessment"].pk},
        note="only the assigned assessor",
    ),
]

SELF_CHECK = {
    "education_level": "S1",
    "study_field": "kesejahteraan_sosial",
    "practice_months": 30,
    "training_hours": 64,
    "date": "2010-06-01",
}

API_ROWS = [
    Row("api:certification_schemes", anyone(), api_path="GET /api/v1/certification/schemes"),
    Row(
        "api:certification_scheme",
        anyone(),
        kwargs=lambda s: {"scheme_id": objects(s)["scheme"].pk},
        api_path="GET /api/v1/certification/schemes/{scheme_id}",
    ),
    Row(
        "api:certification_my_applications",
        {"anonymous": 401, "signed_in": 200},
        api_path="GET /api/v1/certification/my/applications",
    ),
    Row(
        "api:certification_my_application",
        {"anonymous": 401, "signed_in": 404},
        kwargs=lambda s: {"application_id": objects(s)["application"].pk},
        api_path="GET /api/v1/certification/my/applications/{application_id}",
    ),
    Row(
        "api:certification_assignments",
        {"anonymous": 401, "signed_in": 403, **dict.fromkeys(ASSESSORS, 200)},
        api_path="GET /api/v1/certification/assignments",
    ),
    Row(
        "api:certification_record_result",
        {"anonymous": 401, "signed_in": 403, "competency_assessor": 422},
        kwargs=lambda s: {"assessment_id": objects(s)["assessment"].pk},
        data=lambda s: {"unit_code": "TIDAK-ADA", "result": "K"},
        api_path="POST /api/v1/certification/assignments/{assessment_id}/results",
        note="a unit outside the assessment: the assigned assessor is told so, everyone else refused; nothing recorded",
    ),
    Row("api:public_eligibility", anyone(), data=lambda s: SELF_CHECK, api_path="POST /api/v1/public/eligibility"),
]
