import datetime

from django.http import JsonResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import BaseModel

from core.ratelimit import AddressLimit

from . import numbers
from .downloads import FORMATS, download

router = Router(tags=["public"], auth=None)

# The public register's own limit, counted once per number: a bulk check of 100 numbers costs
# what 100 single look-ups cost, so it is no way around the register's limit.
BULK_LIMIT = AddressLimit("public_register", "120/m")


class VerificationRequest(Schema):
    numbers: list[str]


class VerificationItem(BaseModel):
    number: str
    answer: str
    kind: str
    holder: str
    status: str
    status_reason: str
    valid_until: datetime.date | None
    verification_url: str


class VerificationResults(BaseModel):
    items: list[VerificationItem]


class Message(Schema):
    detail: str


class Download(Schema):
    format: str = ""


def too_many_requests(wait: float) -> JsonResponse:
    response = JsonResponse(
        {"detail": _("Too many numbers checked from your address in a short time. Please try again later.")}, status=429
    )
    response["Retry-After"] = str(max(1, round(wait)))
    return response


@router.post(
    "/verifications",
    response={200: VerificationResults, 422: Message, 429: Message},
    summary="Check up to 100 numbers at once",
    openapi_extra={
        "responses": {
            "200": {
                "description": "One item per number, in the order given",
                "content": {"text/csv": {}, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {}},
            }
        }
    },
)
def verify_numbers(request, body: VerificationRequest, download_as: Query[Download]):
    """Member numbers (KTA), STR, practice licence (SIPPS), competency certificate, BALKS
    accreditation certificate or decree numbers, SIPPS decree numbers, 1 to 100 of any kinds mixed. Each item answers
    `valid`, `invalid` (with the status and its public reason category) or `not_found`; a number
    given twice is answered twice, in place. `?format=csv` or `?format=xlsx` gives the same
    answer as a file. Each number counts against the public register's limit per address: past
    it, 429 with Retry-After. More than 100 numbers: 422, nothing checked."""
    asked = numbers.clean_numbers(body.numbers)  # 422 (DomainError) before anything is counted or read
    wait = BULK_LIMIT.hit(request, weight=len(asked))
    if wait is not None:
        return too_many_requests(wait)
    answers = numbers.verify_numbers(asked)
    if download_as.format in FORMATS:
        return download(answers, download_as.format)
    return {"items": [a.as_dict() for a in answers]}
