import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from pydantic import BaseModel

from core.ratelimit import PerAddressThrottle

from .models import Credential

router = Router(tags=["public"], auth=None, throttle=[PerAddressThrottle("240/m", scope="public_credentials")])


class Message(Schema):
    detail: str


class CredentialOut(BaseModel):  # a plain pydantic model: the view hands it a dict (see portal/api.py)
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


@router.get(
    "/credentials/{credential_id}",
    response={200: CredentialOut, 404: Message},
    summary="A credential's current status and signed form",
)
def get_credential(request, credential_id: str):
    return credential_out(get_object_or_404(Credential, public_id=credential_id[:32]))
