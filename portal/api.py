import datetime

from django.http import HttpResponse
from ninja import Query, Router, Schema
from pydantic import BaseModel

from core import pagecache
from core.dates import register_day
from core.ratelimit import PerAddressThrottle

from . import lookups, registers
from .public_path import JSON, LOOKUPS, REGISTER_LIMIT, SocialWorkerResults, register_items

router = Router(tags=["public"], auth=None, throttle=[PerAddressThrottle(REGISTER_LIMIT[1], scope=REGISTER_LIMIT[0])])


def social_worker_results(read: registers.RegisterRead) -> bytes:
    return SocialWorkerResults.model_validate({"items": register_items(read)}).model_dump_json().encode()


@router.get("/social-workers", response=SocialWorkerResults, summary="Search the public register of social workers")
def social_workers(request, q: str = "", province: str = ""):
    """By name (partial, case- and accent-insensitive) or IPSPI member number, optionally within a
    province (two-digit Kemendagri code). Public fields only."""
    number = lookups.searched_number(q)
    if number is not None and (seconds := lookups.wait(request, number)) is not None:
        return lookups.refusal(request, seconds, json=True)
    read = registers.read_social_workers(q, province)
    if number is not None and not read.members:
        lookups.missed(request)
    # Read live; the JSON is made again only when a row read or the day (expiry) changed.
    body = pagecache.reuse(("public-social-workers", read, register_day()), lambda: social_worker_results(read))
    return HttpResponse(body, content_type=JSON)


# The look-ups on the public fast path, documented here under the addresses Django serves them
# at (portal/public_path.py); ninja would answer them the same way, behind this router's limit.
for lookup in LOOKUPS:
    if lookup.api is not None:
        router.add_api_operation(
            lookup.api.path,
            ["GET"],
            lookup.answer,
            response=lookup.api.responses,
            summary=lookup.api.summary,
            description=lookup.api.description,
            operation_id=lookup.api.operation_id,
        )


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
