import datetime
import logging
from typing import Literal

from django.db import DatabaseError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from pydantic import BaseModel

from core.dates import register_day
from core.ratelimit import PerAddressThrottle

from .models import Credential

logger = logging.getLogger(__name__)

router = Router(tags=["public"], auth=None, throttle=[PerAddressThrottle("240/m", scope="public_credentials")])

# The three answers a verifier gives (design: "never invalid for an outage").
VALID, INVALID, CANNOT_CHECK = "valid", "invalid", "cannot_check"
Answer = Literal["valid", "invalid", "cannot_check"]


class Message(Schema):
    detail: str


class NotFound(Schema):
    answer: Literal["invalid"] = Field(description="A credential no one issued is not valid.")
    status: Literal["not_found"]
    detail: str


class CannotCheck(Schema):
    answer: Literal["cannot_check"] = Field(description="The register cannot be read now: try again later.")
    detail: str


class BadDate(Schema):
    detail: str
    field: str


class CredentialOut(BaseModel):  # a plain pydantic model: the view hands it a dict (see portal/api.py)
    answer: Answer = Field(
        description="valid: found and in force (today, or on the date asked); invalid: found and not in force "
        "(see status and status_reason_code); cannot_check is only ever sent with HTTP 503."
    )
    on: datetime.date = Field(description="The day the answer is for (today in Jakarta unless `on` was given).")
    status_on: str = Field(
        description="The status on that day: valid, expired, suspended, revoked, not_yet_valid, or not_issued."
    )
    id: str
    type: str
    type_label: str
    number: str
    holder: str
    issuer: str
    valid_from: datetime.date
    valid_until: datetime.date | None
    status: str
    status_reason: str
    status_reason_code: str
    claims: dict
    verification_url: str
    jwt: str


def credential_out(credential: Credential, *, with_jwt: bool = True) -> dict:
    """The public face of a credential: never NIK, birth date, contacts or documents, nor the
    officer's own words about a status (only its category: `status_reason` is its label in the
    reader's language, `status_reason_code` its code). Lists leave out the signed form
    (`with_jwt=False`); it is fetched one credential at a time."""
    status = credential.current_status()
    reason = credential.public_reason()
    out = {
        "id": credential.public_id,
        "type": credential.kind,
        "type_label": str(Credential.Kind(credential.kind).label),  # get_kind_display rebuilds the choices on every call
        "number": credential.number,
        "holder": credential.holder_name,
        "issuer": credential.issuer_name,
        "valid_from": credential.valid_from,
        "valid_until": credential.valid_until,
        "status": status,
        "status_reason": reason,
        "status_reason_code": credential.status_category if reason else "",
        "claims": credential.claims,
        "verification_url": credential.verification_url,
    }
    if with_jwt:
        out["jwt"] = credential.jwt
    return out


def answer_of(status: str | None) -> str:
    return VALID if status == Credential.Status.VALID else INVALID


def _no_store(response):
    response["Cache-Control"] = "no-store"
    return response


@router.get(
    "/credentials/{credential_id}",
    response={200: CredentialOut, 404: NotFound, 422: BadDate, 429: Message, 503: CannotCheck},
    summary="Verify a credential: valid, invalid or cannot check",
    description="One of three answers in `answer`. `valid` and `invalid` come with the credential's status and the "
    "public category of its reason (never the officer's own words) and its signed form (vc+jwt). A verification id "
    "no one was issued answers 404 with `answer: invalid`. When the register cannot be read the answer is 503 "
    "`cannot_check` with Retry-After, never `invalid`. `on=YYYY-MM-DD` answers for a past day, from the "
    "credential's history. Answers are checked live: `Cache-Control: private, no-cache` (404 and 503: no-store).",
)
def get_credential(request, credential_id: str, on: str = ""):
    day = None
    if on.strip():
        try:
            day = datetime.date.fromisoformat(on.strip())
        except ValueError:
            return _no_store(
                JsonResponse({"detail": _("Write the date as YYYY-MM-DD, e.g. 2025-01-31."), "field": "on"}, status=422)
            )
    try:
        credential = Credential.objects.filter(public_id=credential_id[:32]).first()
        if credential is None:
            body, status = {"answer": INVALID, "status": "not_found", "detail": _("No credential has this verification id.")}, 404
        else:
            body, status = credential_out(credential), 200
            if day is None:
                body.update(answer=answer_of(body["status"]), on=register_day(), status_on=body["status"])
            else:
                standing = credential.status_on(day)
                body.update(answer=answer_of(standing), on=day, status_on=standing or "not_issued")
    except DatabaseError:
        logger.exception("Credential %s could not be read for verification", credential_id[:32])
        response = JsonResponse(
            {"answer": CANNOT_CHECK, "detail": _("Validity cannot be checked right now. Please try again in a minute.")},
            status=503,
        )
        response["Retry-After"] = "30"
        return _no_store(response)
    if status == 404:
        return _no_store(JsonResponse(body, status=404))
    response = JsonResponse(CredentialOut.model_validate(body).model_dump(mode="json"))
    response["Cache-Control"] = "private, no-cache"
    return response
