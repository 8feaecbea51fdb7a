import datetime

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema

from accounts import policy
from core.errors import DomainError, NotAllowed
from core.params import RecordId

from . import services
from .models import Licence, LicenceApplication, Str

router = Router(tags=["licensing"])


class RecordOut(Schema):
    number: str
    status: str
    valid_from: datetime.date
    valid_until: datetime.date
    verification_url: str | None


class MineOut(Schema):
    strs: list[RecordOut]
    licences: list[RecordOut]


class ApplicationOut(Schema):
    id: int
    person: str
    authority: str
    place: str
    regency: str
    field: str
    status: str
    rule_set: str
    version: int


class DecisionIn(Schema):
    version: int
    grant: bool
    decree_number: str = ""
    decree_date: datetime.date | None = None
    valid_until: datetime.date | None = None
    reason: str = ""


class DecisionOut(Schema):
    status: str
    licence_number: str | None


class Message(Schema):
    detail: str


def _record(r) -> dict:
    return {
        "number": r.number,
        "status": r.current_status(),
        "valid_from": r.valid_from,
        "valid_until": r.valid_until,
        "verification_url": r.credential.verification_url if r.credential_id else None,
    }


@router.get("/mine", response=MineOut, summary="My STRs and practice licences")
def mine(request):
    person = getattr(request.user, "person", None)
    if person is None:
        return {"strs": [], "licences": []}
    return {
        "strs": [_record(s) for s in Str.objects.filter(person=person).select_related("credential")],
        "licences": [_record(lic) for lic in Licence.objects.filter(person=person).select_related("credential")],
    }


def _application_out(a: LicenceApplication) -> dict:
    return {
        "id": a.pk,
        "person": a.person.full_name,
        "authority": a.authority.name,
        "place": a.place,
        "regency": a.regency.name,
        "field": a.field,
        "status": a.status,
        "rule_set": a.rule_set.code,
        "version": a.version,
    }


@router.get("/applications", response=list[ApplicationOut], summary="Licence applications waiting for my authority")
def applications(request):
    if not policy.allows(request.user, "licensing.view_licence_queue"):
        raise NotAllowed(_("Only licensing officers, the ministry and LSP officers see licence applications."))
    visible = (
        policy.visible(request.user, "licensing.view_licence_application", LicenceApplication)
        .filter(status__in=[LicenceApplication.State.SUBMITTED, LicenceApplication.State.RECOMMENDED])
        .select_related("person", "authority", "regency", "rule_set")
    )
    return [_application_out(a) for a in visible.order_by("submitted_at")[:200]]


@router.post(
    "/applications/{application_id}/decision",
    response={200: DecisionOut, 404: Message, 403: Message, 422: Message},
    summary="Grant or refuse a licence application",
)
def decide(request, application_id: RecordId, payload: DecisionIn):
    application = get_object_or_404(
        LicenceApplication.objects.select_related("authority", "rule_set", "certificate", "str_record", "person"),
        pk=application_id,
    )
    if not policy.allows(request.user, "licensing.view_licence_application", application):
        return 404, {"detail": "Not Found"}
    try:
        licence = services.decide_licence(
            actor=request.user,
            application=application,
            version=payload.version,
            grant=payload.grant,
            decree_number=payload.decree_number,
            decree_date=payload.decree_date,
            valid_until=payload.valid_until,
            reason=payload.reason,
        )
    except NotAllowed as exc:
        return 403, {"detail": str(exc)}
    except DomainError as exc:
        return 422, {"detail": str(exc)}
    return {"status": application.status, "licence_number": licence.number if licence else None}
