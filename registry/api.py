"""Member register API (mounted at /api/v1/registry/). Session authentication. A person reads
their own record; DPD officers query members and applications of their province, DPP officers
nationally — the same policy and queries as the staff pages. Lists page without counting."""

import datetime

from django.http import Http404
from ninja import Field, Query, Router, Schema

from accounts import policy
from core import audit
from core.errors import NotAllowed
from core.models import AuditEvent
from core.paging import page_without_count
from core.params import PageNumber, RecordId

from . import selectors, services
from .models import Member, MembershipApplication

router = Router(tags=["registry"])


class EducationOut(Schema):
    level: str
    study_programme: str
    study_field: str
    institution: str
    graduation_year: int | None


class ExperienceOut(Schema):
    employer: str
    position: str
    practice_field: str
    started_on: datetime.date
    ended_on: datetime.date | None


class TrainingOut(Schema):
    title: str
    organiser: str
    hours: int
    held_on: datetime.date


class InvoiceOut(Schema):
    year: int
    amount: int = Field(description="Whole rupiah")
    paid: int = Field(description="Whole rupiah of confirmed payments on this invoice")
    outstanding: int = Field(description="Whole rupiah still owed: amount less confirmed payments")
    status: str
    due_on: datetime.date
    grace_until: datetime.date
    paid_on: datetime.date | None

    # Read from `DuesInvoiceQuerySet.with_totals()`: the sums the member page and the arrears use.
    @staticmethod
    def resolve_paid(obj) -> int:
        return obj.paid_total

    @staticmethod
    def resolve_outstanding(obj) -> int:
        return obj.outstanding_total


class MembershipOut(Schema):
    number: str = Field(description="IPSPI.<province code>.<year>.<5-digit serial>")
    category: str
    category_label: str
    province: str
    province_code: str
    status: str
    status_label: str
    status_reason: str
    joined_on: datetime.date
    card_valid_until: datetime.date | None
    verification_url: str | None


class ApplicationOut(Schema):
    id: int
    channel: str
    province: str
    status: str
    status_label: str
    category: str
    reason: str
    submitted_at: datetime.datetime | None
    decided_at: datetime.datetime | None


class MyRecordOut(Schema):
    full_name: str
    nik: str | None
    birth_place: str
    birth_date: datetime.date | None
    sex: str
    email: str
    phone: str
    province: str | None
    regency: str | None
    workforce_category: str
    source: str
    claimed: bool
    education: list[EducationOut]
    experience: list[ExperienceOut]
    trainings: list[TrainingOut]
    training_hours: int
    applications: list[ApplicationOut]
    membership: MembershipOut | None
    dues: list[InvoiceOut]


class MemberOut(Schema):
    number: str
    full_name: str
    category: str
    province: str
    status: str
    status_reason: str
    joined_on: datetime.date


class MemberDetailOut(MemberOut):
    email: str
    phone: str
    education: list[EducationOut]
    experience: list[ExperienceOut]
    training_hours: int
    dues: list[InvoiceOut]


class MemberPage(Schema):
    page: int
    has_next: bool
    items: list[MemberOut]


class StaffApplicationOut(ApplicationOut):
    full_name: str
    from_claim: bool


class ApplicationPage(Schema):
    page: int
    has_next: bool
    items: list[StaffApplicationOut]


class MemberFilters(Schema):
    province: RecordId | None = Field(None, description="Province id (DPD officers: only their own)")
    category: str | None = Field(None, description="biasa or rekan")
    status: str | None = Field(None, description="active, lapsed, suspended or ended")
    education: str | None = Field(None, description="SMA, D3, D4, S1, S2, S3 or profesi")
    practice_field: str | None = Field(None, description="Part of a field of practice, e.g. 'anak'")
    q: str | None = Field(None, description="Member number or part of a name")
    page: PageNumber = 1


def _membership(member: Member | None) -> dict | None:
    if member is None:
        return None
    return {
        "number": member.number,
        "category": member.category,
        "category_label": member.get_category_display(),
        "province": member.province.name,
        "province_code": member.province.code,
        "status": member.status,
        "status_label": member.get_status_display(),
        "status_reason": member.status_reason,
        "joined_on": member.joined_on,
        "card_valid_until": member.card_valid_until,
        "verification_url": member.credential.verification_url if member.credential_id else None,
    }


def _application(a: MembershipApplication) -> dict:
    return {
        "id": a.pk,
        "channel": a.channel,
        "province": a.province.name,
        "status": a.status,
        "status_label": a.get_status_display(),
        "category": a.category,
        "reason": a.reason,
        "submitted_at": a.submitted_at,
        "decided_at": a.decided_at,
    }


def _member(m: Member) -> dict:
    return {
        "number": m.number,
        "full_name": m.person.full_name,
        "category": m.category,
        "province": m.province.name,
        "status": m.status,
        "status_reason": m.status_reason,
        "joined_on": m.joined_on,
    }


@router.get(
    "/me",
    response=MyRecordOut,
    summary="My own record: profile, education, experience, trainings, application, membership and dues",
)
def my_record(request):
    person = services.own_person(request.user)
    if person is None:
        raise Http404
    member = Member.objects.filter(person=person).select_related("province", "credential").first()
    return {
        "full_name": person.full_name,
        "nik": person.nik,
        "birth_place": person.birth_place,
        "birth_date": person.birth_date,
        "sex": person.sex,
        "email": person.email,
        "phone": person.phone,
        "province": person.province.name if person.province_id else None,
        "regency": person.regency.name if person.regency_id else None,
        "workforce_category": person.workforce_category,
        "source": person.source,
        "claimed": person.claimed,
        "education": list(person.educations.all()),
        "experience": list(person.experiences.all()),
        "trainings": list(person.trainings.all()),
        "training_hours": person.training_hours(),
        "applications": [_application(a) for a in person.applications.select_related("province")],
        "membership": _membership(member),
        "dues": list(member.invoices.with_totals()) if member else [],
    }


@router.get("/members", response=MemberPage, summary="Members in the caller's scope, filtered (DPD: own province; DPP: national)")
def list_members(request, filters: Query[MemberFilters]):
    if not policy.allows(request.user, "registry.view_members"):
        raise NotAllowed()
    data = filters.dict()
    page_number = data.pop("page")
    qs = selectors.members_for(request.user).filtered(**data).with_related().order_by("number")
    page = page_without_count(qs, page_number)
    return {"page": page.number, "has_next": page.has_next, "items": [_member(m) for m in page]}


@router.get("/members/{number}", response=MemberDetailOut, summary="One member (private fields; the read is audited)")
def get_member(request, number: str):
    member = Member.objects.with_related().filter(number=number).first()
    if member is None or not policy.allows(request.user, "registry.view_member", member):
        raise Http404
    audit.record(request.user, AuditEvent.Action.READ_PRIVATE, member.person, summary="member record (API)", request=request)
    person = member.person
    return {
        **_member(member),
        "email": person.email,
        "phone": person.phone,
        "education": list(person.educations.all()),
        "experience": list(person.experiences.all()),
        "training_hours": person.training_hours(),
        "dues": list(member.invoices.with_totals()),
    }


@router.get("/applications", response=ApplicationPage, summary="Membership applications in the caller's queue")
def list_applications(request, status: str = "submitted", page: PageNumber = 1):
    if not policy.allows(request.user, "registry.view_applications"):
        raise NotAllowed()
    qs = (
        selectors.applications_for(request.user)
        .filter(status=status)
        .select_related("person", "province")
        .order_by("submitted_at", "pk")
    )
    result = page_without_count(qs, page)
    return {
        "page": result.number,
        "has_next": result.has_next,
        "items": [{**_application(a), "full_name": a.person.full_name, "from_claim": a.from_claim} for a in result],
    }
