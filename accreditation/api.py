"""Accreditation API: the LKS register and applications in the caller's scope, assessors'
scores, and the ministry's determination of a batch. Every rule lives in `services`."""

import datetime
from decimal import Decimal

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from accounts import policy
from core.errors import DomainError, NotAllowed
from core.params import Offset, RecordId

from . import services
from .models import LKS, Accreditation, AccreditationApplication, DeterminationBatch, Indicator, Score, normalise

router = Router(tags=["accreditation"])
PAGE_LIMIT = 100


class AccreditationOut(Schema):
    grade: str
    certificate_number: str | None
    valid_from: datetime.date
    valid_until: datetime.date | None
    status: str


class LKSOut(Schema):
    id: int
    name: str
    legal_entity: str
    owner_type: str
    province: str
    regency: str
    target_groups: list[str]
    residential: bool
    capacity: int
    accreditation: AccreditationOut | None


class LKSFilter(Schema):
    q: str = Field("", max_length=100, description="Part of the LKS name.")
    regency: str = Field("", max_length=5, description="Kemendagri regency code, e.g. 32.73.")
    offset: Offset = 0
    limit: int = Field(50, ge=1, le=PAGE_LIMIT)


class ApplicationOut(Schema):
    id: int
    lks_id: int
    lks: str
    status: str
    instrument: str | None
    submitted_at: datetime.datetime | None
    total_score: Decimal | None
    standard_scores: dict
    flagged_indicators: list
    version: int


class ApplicationFilter(Schema):
    status: str = Field("", max_length=24)
    offset: Offset = 0
    limit: int = Field(50, ge=1, le=PAGE_LIMIT)


class ScoresIn(Schema):
    phase: str = Field(..., description="desk (Formulir C) or visit")
    values: dict[str, int] = Field(..., description="indicator code -> score on the instrument's scale")
    notes: dict[str, str] = Field(default_factory=dict)


class ScoresOut(Schema):
    status: str
    recorded: int


class DecisionIn(Schema):
    decree_number: str = Field(..., max_length=100)
    decree_date: datetime.date


class DeterminedOut(Schema):
    lks: str
    grade: str
    certificate_number: str | None
    valid_until: datetime.date | None


class Message(Schema):
    detail: str


def _current(lks: LKS) -> dict | None:
    current = lks.current_accreditations[0] if lks.current_accreditations else None
    if current is None:
        return None
    return {
        "grade": current.grade,
        "certificate_number": current.certificate_number,
        "valid_from": current.valid_from,
        "valid_until": current.valid_until,
        "status": current.status,
    }


def _lks_out(lks: LKS) -> dict:
    return {
        "id": lks.pk,
        "name": lks.name,
        "legal_entity": lks.legal_entity,
        "owner_type": lks.owner_type,
        "province": lks.province.name,
        "regency": lks.regency.name,
        "target_groups": [g.code for g in lks.target_groups.all()],
        "residential": lks.residential,
        "capacity": lks.capacity,
        "accreditation": _current(lks),
    }


def _lks_queryset(user):
    latest = Accreditation.objects.order_by("-valid_from", "-pk")
    return (
        LKS.objects.visible_to(user)
        .select_related("province", "regency")
        .prefetch_related("target_groups", Prefetch("accreditations", queryset=latest, to_attr="current_accreditations"))
    )


@router.get(
    "/lks", response=list[LKSOut], summary="LKS in my scope (operator: my LKS; Dinas Sosial: my regency; BALKS and ministry: all)"
)
def lks_list(request, filters: Query[LKSFilter]):
    qs = _lks_queryset(request.user).order_by("name", "pk")
    if filters.q.strip():
        qs = qs.filter(name_key__contains=normalise(filters.q)[:100])
    if filters.regency:
        qs = qs.filter(regency__code=filters.regency)
    return [_lks_out(lks) for lks in qs[filters.offset : filters.offset + filters.limit]]


@router.get("/lks/{lks_id}", response={200: LKSOut, 404: Message}, summary="One LKS in my scope")
def lks_detail(request, lks_id: RecordId):
    lks = _lks_queryset(request.user).filter(pk=lks_id).first()
    if lks is None:
        return 404, {"detail": _("Not found.")}
    return _lks_out(lks)


def _application_out(a: AccreditationApplication) -> dict:
    return {
        "id": a.pk,
        "lks_id": a.lks_id,
        "lks": a.lks.name,
        "status": a.status,
        "instrument": a.instrument.version if a.instrument_id else None,
        "submitted_at": a.submitted_at,
        "total_score": a.total_score,
        "standard_scores": a.standard_scores,
        "flagged_indicators": a.flagged_indicators,
        "version": a.version,
    }


@router.get(
    "/applications",
    response=list[ApplicationOut],
    summary="Accreditation applications in my scope (assessors: those assigned to me)",
)
def application_list(request, filters: Query[ApplicationFilter]):
    qs = AccreditationApplication.objects.visible_to(request.user).select_related("lks", "instrument").order_by("-pk")
    if filters.status:
        qs = qs.filter(status=filters.status)
    return [_application_out(a) for a in qs[filters.offset : filters.offset + filters.limit]]


def _application(request, application_id: RecordId) -> AccreditationApplication | None:
    return (
        AccreditationApplication.objects.visible_to(request.user)
        .select_related("lks", "instrument")
        .filter(pk=application_id)
        .first()
    )


@router.get("/applications/{application_id}", response={200: ApplicationOut, 404: Message}, summary="One application in my scope")
def application_detail(request, application_id: RecordId):
    application = _application(request, application_id)
    if application is None:
        return 404, {"detail": _("Not found.")}
    return _application_out(application)


@router.post(
    "/applications/{application_id}/scores",
    response={200: ScoresOut, 403: Message, 404: Message, 422: Message},
    summary="An assigned assessor records the scores of one phase (every indicator, by code)",
)
def record_scores(request, application_id: RecordId, payload: ScoresIn):
    application = _application(request, application_id)
    if application is None:
        return 404, {"detail": _("Not found.")}
    indicators = dict(Indicator.objects.filter(standard__instrument_id=application.instrument_id).values_list("code", "pk"))
    unknown = sorted(set(payload.values) - set(indicators))
    if unknown:
        return 422, {"detail": _("Unknown indicator codes: %(codes)s.") % {"codes": ", ".join(unknown[:10])}}
    try:
        services.record_scores(
            actor=request.user,
            application=application,
            phase=payload.phase,
            values={indicators[code]: value for code, value in payload.values.items()},
            notes={indicators[code]: note for code, note in payload.notes.items() if code in indicators},
        )
    except DomainError as exc:
        if exc.code == "forbidden":
            return 403, {"detail": str(exc)}
        return 422, {"detail": str(exc)}
    application.refresh_from_db()
    recorded = Score.objects.filter(application=application, assessor__user=request.user, phase=payload.phase).count()
    return {"status": application.status, "recorded": recorded}


@router.post(
    "/batches/{batch_id}/decision",
    response={200: list[DeterminedOut], 403: Message, 404: Message, 422: Message},
    summary="The ministry records the Minister's decree for a batch of validated results",
)
def determine(request, batch_id: RecordId, payload: DecisionIn):
    if not policy.allows(request.user, "accreditation.determine"):
        return 403, {"detail": str(NotAllowed())}
    batch = get_object_or_404(DeterminationBatch, pk=batch_id)
    try:
        results = services.determine(
            actor=request.user, batch=batch, decree_number=payload.decree_number, decree_date=payload.decree_date
        )
    except DomainError as exc:
        return 422, {"detail": str(exc)}
    return [
        {"lks": a.lks.name, "grade": a.grade, "certificate_number": a.certificate_number, "valid_until": a.valid_until}
        for a in results
    ]
