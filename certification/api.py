"""Certification API (mounted at /api/v1/certification/): schemes (public), a candidate's own
applications, an assessor's own assignments. Session authentication; every endpoint asks the
same policy as the pages, and the assessor endpoints call the same services."""

import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from accounts import policy
from core.errors import NotAllowed
from core.params import RecordId

from . import services
from .models import Assessment, CertificationApplication, Scheme

router = Router(tags=["certification"])


class UnitOut(Schema):
    code: str
    title: str


class SchemeOut(Schema):
    id: int
    code: str
    title: str
    level: str = Field(description="APS, PSG or PSS")
    level_label: str
    practice_field: str
    practice_field_label: str
    lsp: str
    units: list[UnitOut]
    required_documents: list[str]


class NotFoundOut(Schema):
    detail: str


class InvalidOut(Schema):
    detail: str
    errors: list = Field(description="Which parameter is wrong and why (pydantic's error list).")


def _scheme(scheme: Scheme) -> dict:
    return {
        "id": scheme.pk,
        "code": scheme.code,
        "title": scheme.title,
        "level": scheme.level,
        "level_label": scheme.get_level_display(),
        "practice_field": scheme.practice_field,
        "practice_field_label": scheme.get_practice_field_display(),
        "lsp": scheme.lsp.name,
        "units": [{"code": u.code, "title": u.title} for u in scheme.units.all()],
        "required_documents": [d.get_kind_display() for d in scheme.documents.all() if d.required],
    }


@router.get("/schemes", response=list[SchemeOut], auth=None, summary="Schemes open for application (public)")
def list_schemes(request):
    schemes = Scheme.objects.open_for_application().select_related("lsp").prefetch_related("units", "documents")
    return [_scheme(s) for s in schemes]


@router.get(
    "/schemes/{scheme_id}",
    response={200: SchemeOut, 404: NotFoundOut, 422: InvalidOut},
    auth=None,
    summary="One scheme with its units and documents (public)",
    description="404 when no scheme with this id is open for application; 422 when the id is not a whole number from 1 up.",
)
def get_scheme(request, scheme_id: RecordId):
    scheme = get_object_or_404(
        Scheme.objects.open_for_application().select_related("lsp").prefetch_related("units", "documents"), pk=scheme_id
    )
    return _scheme(scheme)


class ApplicationOut(Schema):
    id: int
    scheme: str
    scheme_title: str
    lsp: str
    status: str
    status_label: str
    submitted_at: datetime.datetime | None
    rule_set: str | None = Field(description="The rule set the application was judged by, with its source.")
    missing_documents: list[str]
    eligibility: dict = Field(description="The judgement recorded at submission (criteria met / not met / needs evidence).")
    failed_criteria: list
    reason: str
    certificate_number: str | None


def _application(a: CertificationApplication) -> dict:
    certificate = getattr(a, "certificate", None) if hasattr(a, "certificate") else None
    return {
        "id": a.pk,
        "scheme": a.scheme.code,
        "scheme_title": a.scheme.title,
        "lsp": a.scheme.lsp.name,
        "status": a.status,
        "status_label": a.get_status_display(),
        "submitted_at": a.submitted_at,
        "rule_set": f"{a.rule_set.name} ({a.rule_set.source})" if a.rule_set else None,
        "missing_documents": a.missing_documents(),
        "eligibility": a.eligibility,
        "failed_criteria": a.failed_criteria,
        "reason": a.reason,
        "certificate_number": certificate.number if certificate else None,
    }


@router.get("/my/applications", response=list[ApplicationOut], summary="The signed-in candidate's applications")
def my_applications(request):
    person = services.own_person(request.user)
    if person is None:
        return []
    applications = (
        CertificationApplication.objects.filter(person=person)
        .with_related()
        .prefetch_related("evidence", "scheme__documents")
        .order_by("-created_at")
    )
    return [_application(a) for a in applications]


@router.get("/my/applications/{application_id}", response=ApplicationOut, summary="One of the candidate's applications")
def my_application(request, application_id: RecordId):
    application = get_object_or_404(CertificationApplication.objects.with_related(), pk=application_id, person__user=request.user)
    return _application(application)


class AssignmentOut(Schema):
    id: int
    application_id: int
    candidate: str
    scheme: str
    attempt: int
    event_date: datetime.date | None
    event_place: str | None
    units: list[UnitOut]
    results: dict[str, str] = Field(description="Unit code → K (Kompeten) or BK (Belum Kompeten).")
    recommendation: str


def _assignment(a: Assessment) -> dict:
    return {
        "id": a.pk,
        "application_id": a.application_id,
        "candidate": a.application.person.full_name,
        "scheme": a.application.scheme.code,
        "attempt": a.attempt,
        "event_date": a.event.held_on if a.event else None,
        "event_place": a.event.place if a.event else None,
        "units": [{"code": u.code, "title": u.title} for u in a.units.all()],
        "results": {r.unit.code: r.result for r in a.results.all()},
        "recommendation": a.recommendation,
    }


def _assignments(user):
    return (
        Assessment.objects.filter(assessor__user=user)
        .select_related("application__person", "application__scheme", "event")
        .prefetch_related("units", "results__unit")
    )


@router.get("/assignments", response=list[AssignmentOut], summary="The signed-in assessor's assignments")
def my_assignments(request):
    if not policy.allows(request.user, "certification.view_assignments"):
        raise NotAllowed()
    return [_assignment(a) for a in _assignments(request.user).order_by("recommendation", "-assigned_at")[:200]]


class UnitResultIn(Schema):
    unit_code: str
    result: str = Field(description="K (Kompeten) or BK (Belum Kompeten)")
    notes: str = ""


@router.post(
    "/assignments/{assessment_id}/results", response=AssignmentOut, summary="Record a unit result (assigned assessor only)"
)
def record_result(request, assessment_id: RecordId, payload: UnitResultIn):
    assessment = get_object_or_404(Assessment.objects.select_related("application__scheme__lsp", "assessor"), pk=assessment_id)
    unit = assessment.units.filter(code=payload.unit_code).first()
    if unit is None:
        from django.utils.translation import gettext as _

        from core.errors import DomainError

        if not policy.allows(request.user, "certification.record_results", assessment):
            raise NotAllowed(_("Only the assessor assigned to this candidate can record results."))
        raise DomainError(_("This unit is not part of the assessment."), field="unit_code")
    services.record_unit_result(actor=request.user, assessment=assessment, unit=unit, result=payload.result, notes=payload.notes)
    return _assignment(_assignments(request.user).get(pk=assessment.pk))
