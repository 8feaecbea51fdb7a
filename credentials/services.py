"""Issuing credentials and changing their status. Domain apps call these from their own
services, inside the transaction that approves the domain record."""

import datetime

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError

from . import signing
from .models import Credential, StatusCategory

# Which status may follow which. Revocation is final; expiry can only be followed by nothing
# (a renewal issues a new credential).
TRANSITIONS = {
    Credential.Status.VALID: {Credential.Status.SUSPENDED, Credential.Status.REVOKED, Credential.Status.EXPIRED},
    Credential.Status.SUSPENDED: {Credential.Status.VALID, Credential.Status.REVOKED, Credential.Status.EXPIRED},
    Credential.Status.EXPIRED: {Credential.Status.REVOKED},
    Credential.Status.REVOKED: set(),
}


def issue_credential(
    *,
    actor,
    kind: str,
    subject: models.Model,
    holder: models.Model | None = None,
    number: str,
    holder_name: str,
    issuer_name: str,
    valid_from: datetime.date,
    valid_until: datetime.date | None,
    claims: dict | None = None,
) -> Credential:
    """Create the verifiable credential for an issued record. `claims` are public fields only
    (e.g. province, scheme, field, grade) — never NIK, birth date or contacts. `holder` is the
    person or LKS the credential belongs to (the public registers list credentials by holder)."""
    with transaction.atomic():
        credential = Credential.objects.create(
            kind=kind,
            subject=subject,
            holder=holder,
            number=number,
            holder_name=holder_name,
            issuer_name=issuer_name,
            valid_from=valid_from,
            valid_until=valid_until,
            claims=claims or {},
            issued_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        _after_issue(credential)
        return credential


def checked_category(status: str, category: str) -> str:
    """The public category of a change to `status`: required (from StatusCategory) for anything
    but valid, where there is nothing to explain and none is kept."""
    if status == Credential.Status.VALID:
        return ""
    if category not in StatusCategory.values:
        raise DomainError(_("Choose the reason category the public will see."), field="category")
    return category


def change_status(*, actor, credential: Credential, status: str, reason: str, category: str) -> Credential:
    """`reason` is the officer's own words, kept for staff; the public reads only `category`."""
    if status == credential.status:
        return credential
    if status not in TRANSITIONS[Credential.Status(credential.status)]:
        raise DomainError(
            _("A %(from)s credential cannot become %(to)s.")
            % {"from": Credential.Status(credential.status).label, "to": Credential.Status(status).label}
        )
    category = checked_category(status, category)
    with transaction.atomic():
        credential.status = status
        credential.status_reason = reason[:255]
        credential.status_category = category
        credential.status_changed_at = timezone.now()
        credential._history_user = actor if getattr(actor, "is_authenticated", False) else None
        credential._change_reason = reason[:100]
        credential.save(update_fields=["status", "status_reason", "status_category", "status_changed_at"])
        _after_status_change(credential)
    return credential


# Apps above credentials that follow issues and status changes (verifiers' status alerts) add
# themselves here, so that credentials names none of them.
_listeners: list = []


def listen(listener) -> None:
    """`listener(credential, issued: bool)` runs inside the transaction of every issue
    (issued=True) and status change (issued=False), after the change is saved."""
    if listener not in _listeners:
        _listeners.append(listener)


def _after_issue(credential: Credential) -> None:
    signing.on_issue(credential)
    for listener in _listeners:
        listener(credential, True)


def _after_status_change(credential: Credential) -> None:
    signing.on_status_change(credential)
    for listener in _listeners:
        listener(credential, False)
