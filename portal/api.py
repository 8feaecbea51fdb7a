import datetime

from django.http import HttpResponse
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import BaseModel

from core import pagecache
from core.ratelimit import PerAddressThrottle

from . import registers

router = Router(tags=["public"], auth=None, throttle=[PerAddressThrottle("120/m", scope="public_register")])


# The responses are plain pydantic models, not ninja Schemas: the views hand them dicts, and a
# Schema wraps every nested value for attribute access first, which cost more than the look-up.
class PublicCredential(BaseModel):
    id: str
    type: str
    type_label: str
    number: str
    holder: str
    issuer: str
    valid_from: str
    valid_until: str | None
    status: str
    status_reason: str
    claims: dict
    verification_url: str


class SocialWorkerItem(BaseModel):
    name: str
    number: str
    province: str
    membership_status: str
    membership_status_label: str
    credentials: list[PublicCredential]


class SocialWorkerResults(BaseModel):
    items: list[SocialWorkerItem]


def social_worker_results(read: registers.RegisterRead) -> bytes:
    items = []
    for entry in read.entries():
        item = registers.public_item(entry)
        for credential in item["credentials"]:
            credential["valid_from"] = credential["valid_from"].isoformat()
            credential["valid_until"] = credential["valid_until"].isoformat() if credential["valid_until"] else None
        items.append(item)
    return SocialWorkerResults.model_validate({"items": items}).model_dump_json().encode()


@router.get("/social-workers", response=SocialWorkerResults, summary="Search the public register of social workers")
def social_workers(request, q: str = "", province: str = ""):
    """By name (partial, case- and accent-insensitive) or IPSPI member number, optionally within a
    province (two-digit Kemendagri code). Public fields only."""
    read = registers.read_social_workers(q, province)
    # Read live; the JSON is made again only when a row read or the day (expiry) changed.
    today = timezone.localdate(timezone=timezone.get_default_timezone())
    body = pagecache.reuse(("public-social-workers", read, today), lambda: social_worker_results(read))
    return HttpResponse(body, content_type="application/json; charset=utf-8")


class LksAccreditation(BaseModel):
    grade: str
    valid_from: datetime.date
    valid_until: datetime.date | None
    status: str
    certificate_number: str | None


class LksCredential(BaseModel):
    id: str
    type: str
    verification_url: str


class LksItem(BaseModel):
    name: str
    regency: str
    province: str
    target_groups: list[str]
    accreditation: LksAccreditation | None
    credentials: list[LksCredential]


class LksResults(BaseModel):
    items: list[LksItem]


class LksQuery(Schema):
    q: str = ""
    regency: str = ""
    target_group: str = ""


@router.get("/lks", response=LksResults, summary="Search the public register of accredited institutions (LKS)")
def lks(request, filters: Query[LksQuery]):
    """By name (partial, accent-insensitive), regency/city code (e.g. 32.73) or target group
    code (e.g. anak). Each item carries its current accreditation: grade, validity, status."""
    return {"items": [registers.lks_item(i) for i in registers.search_lks(filters.q, filters.regency, filters.target_group)]}
