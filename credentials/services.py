"""Issuing credentials and changing their status. Domain apps call these from their own
services, inside the transaction that approves the domain record."""

import datetime

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError

from . import signing
from .models import Credential, HolderIdentifier, StatusCategory, issuer_slug

# Which status may follow which. Revocation is final; expiry can only be followed by nothing
# (a renewal issues a new credential).
TRANSITIONS = {
    Credential.Status.VALID: {
        Credential.Status.SUSPENDED,
        Credential.Status.REVOKED,
        Credential.Status.EXPIRED,
        Credential.Status.RENEWED,
    },
    Credential.Status.SUSPENDED: {Credential.Status.VALID, Credential.Status.REVOKED, Credential.Status.EXPIRED},
    Credential.Status.EXPIRED: {Credential.Status.REVOKED},
    Credential.Status.RENEWED: {Credential.Status.REVOKED},
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
    issuer: str = "",
) -> Credential:
    """Create the verifiable credential for an issued record. `claims` are public fields only
    (e.g. province, scheme, field, grade) — never NIK, birth date or contacts. `holder` is the
    person or LKS the credential belongs to (the public registers list credentials by holder).
    `issuer` is the issuing body's identifier slug when its name is not a stable one."""
    with transaction.atomic():
        credential = Credential.objects.create(
            kind=kind,
            subject=subject,
            holder=holder,
            holder_uid=holder_uid(holder) if holder is not None else None,
            issuer_slug=issuer or issuer_slug(issuer_name),
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


def holder_uid(holder: models.Model):
    """The holder's identifier, made with their first credential. Two credentials issued to one
    new holder at once both land on the one row (the unique constraint decides)."""
    from django.contrib.contenttypes.models import ContentType

    identifier, _created = HolderIdentifier.objects.get_or_create(
        holder_type=ContentType.objects.get_for_model(holder), holder_id=holder.pk
    )
    return identifier.uid


def holder_uids(holder_type_id: int, holder_ids) -> dict[int, object]:
    """`holder_uid` for many holders of one type in two queries (bulk issuing)."""
    wanted = set(holder_ids)
    known: dict[int, object] = dict(
        HolderIdentifier.objects.filter(holder_type_id=holder_type_id, holder_id__in=wanted).values_list("holder_id", "uid")
    )
    missing = wanted - known.keys()
    if missing:
        HolderIdentifier.objects.bulk_create(
            [HolderIdentifier(holder_type_id=holder_type_id, holder_id=i) for i in missing], ignore_conflicts=True
        )
        known.update(
            HolderIdentifier.objects.filter(holder_type_id=holder_type_id, holder_id__in=missing).values_list("holder_id", "uid")
        )
    return known


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
    previous = credential.status
    with transaction.atomic():
        credential.status = status
        credential.status_reason = reason[:255]
        credential.status_category = category
        credential.status_changed_at = timezone.now()
        credential._history_user = actor if getattr(actor, "is_authenticated", False) else None
        credential._change_reason = reason[:100]
        credential.save(update_fields=["status", "status_reason", "status_category", "status_changed_at"])
        _after_status_change(credential, previous)
    return credential


def mark_renewed(*, actor, credential: Credential, successor: Credential) -> Credential:
    """A successor continues `credential` from the day after its end: it stays valid to its last
    day and then reads as ended by renewal (see `standing`), never as expired. Its status is left
    valid, so verifiers keep answering "valid" until that day."""
    if credential.status != Credential.Status.VALID:
        return credential
    with transaction.atomic():
        credential.status_category = StatusCategory.RENEWED
        credential.status_reason = (
            _("Renewed by %(number)s from %(date)s.")
            % {
                "number": successor.number,
                "date": successor.valid_from.isoformat(),
            }
        )[:255]
        credential._history_user = actor if getattr(actor, "is_authenticated", False) else None
        credential._change_reason = "renewed"
        credential.save(update_fields=["status_reason", "status_category"])
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


def _after_status_change(credential: Credential, previous: str) -> None:
    signing.on_status_change(credential, previous=previous)
    for listener in _listeners:
        listener(credential, False)
