"""Data-subject rights and the breach log (UU 27/2022)."""

import datetime
import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit, personal_data
from core.errors import DomainError
from core.models import AuditEvent

from . import policy
from .models import Consent, DataBreach, DataSubjectRequest, User


def export_personal_data(user: User) -> dict:
    """Everything Peksos holds about this person, as JSON-safe data (Pasal 32)."""
    data = {
        "generated_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "name": user.name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "roles": [
                {
                    "role": a.role,
                    "scope": a.scope_label,
                    "starts_on": a.starts_on.isoformat(),
                    "ends_on": a.ends_on.isoformat() if a.ends_on else None,
                }
                for a in user.role_assignments.all()
            ],
        },
        "consents": [
            {
                "purpose": c.text.purpose,
                "version": c.text.version,
                "given_at": c.given_at.isoformat(),
                "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
            }
            for c in Consent.objects.filter(user=user).select_related("text")
        ],
        "data_requests": [
            {"kind": r.kind, "status": r.status, "received_at": r.received_at.isoformat(), "response": r.response}
            for r in user.data_requests.all()
        ],
        "notifications": [
            {
                "subject": n.subject,
                "body": n.body,
                "created_at": n.created_at.isoformat(),
                "read_at": n.read_at.isoformat() if n.read_at else None,
            }
            for n in user.notifications.all()
        ],
        "sign_ins": [
            {"at": e.at.isoformat(), "action": e.action, "ip_address": e.ip_address}
            for e in AuditEvent.objects.filter(actor=user, action__in=[AuditEvent.Action.LOGIN, AuditEvent.Action.LOGOUT])[:200]
        ],
    }
    for section in personal_data.sections():
        exported = section.export(user)
        if exported is not None:
            data[section.name] = exported
    return data


def submit_request(*, actor: User, kind: str, details: str = "") -> DataSubjectRequest:
    if kind not in DataSubjectRequest.Kind.values:
        raise DomainError(_("Choose what you are asking for."), field="kind")
    if kind == DataSubjectRequest.Kind.CORRECTION and not details.strip():
        raise DomainError(_("Say which data is wrong and what it should be."), field="details")
    if DataSubjectRequest.objects.open().filter(user=actor, kind=kind).exists():
        raise DomainError(_("You already have an open request of this kind; we will answer it first."))
    with transaction.atomic():
        request = DataSubjectRequest.objects.create(user=actor, kind=kind, details=details.strip()[:5000])
        if kind == DataSubjectRequest.Kind.WITHDRAW_CONSENT:
            Consent.objects.filter(user=actor, withdrawn_at__isnull=True).update(withdrawn_at=timezone.now())
        audit.record(actor, AuditEvent.Action.DATA_REQUEST, request, summary=kind)
    return request


def decide_request(*, actor: User, request: DataSubjectRequest, status: str, response: str) -> DataSubjectRequest:
    policy.require(actor, "accounts.handle_data_requests", request)
    if status not in {
        DataSubjectRequest.Status.IN_PROGRESS,
        DataSubjectRequest.Status.COMPLETED,
        DataSubjectRequest.Status.REFUSED,
    }:
        raise DomainError(_("Choose a valid outcome."), field="status")
    if status in {DataSubjectRequest.Status.COMPLETED, DataSubjectRequest.Status.REFUSED} and not response.strip():
        raise DomainError(_("Write the answer the person will receive."), field="response")
    if request.status in {DataSubjectRequest.Status.COMPLETED, DataSubjectRequest.Status.REFUSED}:
        raise DomainError(_("This request has already been answered."))
    with transaction.atomic():
        summary = ""
        if status == DataSubjectRequest.Status.COMPLETED and request.kind == DataSubjectRequest.Kind.ERASURE:
            summary = erase_person(actor=actor, user=request.user)
            request.refresh_from_db(fields=["details"])  # erased with the rest
        request.status = status
        request.response = (response.strip() + ("\n\n" + summary if summary else ""))[:10000]
        request.handled_by = actor
        request.handled_at = timezone.now()
        request._history_user = actor
        request.save()
        audit.record(actor, AuditEvent.Action.DATA_REQUEST, request, summary=f"{request.kind}: {status}")
    return request


def erase_person(*, actor: User, user: User) -> str:
    """Anonymise a person, in the records, their change history and storage. What the law
    requires us to keep stays, without personal data: issued credentials (public register
    entries, still verifiable), decisions, payments, the consent records (proof of consent,
    UU 27/2022 Pasal 20) and the requests themselves (proof they were answered)."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    with transaction.atomic():
        lines = [section.erase(user, actor) for section in personal_data.sections_for_erasure() if section.erase]
        old_email, erased_email = user.email, f"dihapus-{user.pk}@invalid.peksos"
        user.email = erased_email
        user.name = _("(erased)")
        user.is_active = False
        user.set_unusable_password()
        user.save()
        EmailAddress.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()
        user.notifications.all().delete()
        for model in (AccessAttempt, AccessFailureLog, AccessLog):
            model.objects.filter(username__iexact=old_email).delete()
        # A failed sign-in is audited with the address typed: the event stays, the address goes.
        for event in AuditEvent.objects.filter(summary__icontains=old_email):
            AuditEvent.objects.filter(pk=event.pk).update(
                summary=re.sub(re.escape(old_email), erased_email, event.summary, flags=re.IGNORECASE)
            )
        for data_request in user.data_requests.exclude(details=""):
            personal_data.erase(data_request, actor=actor, details="")
        Consent.objects.filter(user=user, withdrawn_at__isnull=True).update(withdrawn_at=timezone.now())
    lines.append(_("Account anonymised and closed; the request and consent records are kept as proof, without their details."))
    return "\n".join(line for line in lines if line)


def record_breach(
    *,
    actor: User,
    discovered_at: datetime.datetime,
    description: str,
    data_categories: str,
    affected_count: int,
    handling: str = "",
) -> DataBreach:
    policy.require(actor, "accounts.manage_breaches")
    if discovered_at > timezone.now():
        raise DomainError(_("The discovery time cannot be in the future."), field="discovered_at")
    return DataBreach.objects.create(
        discovered_at=discovered_at,
        description=description,
        data_categories=data_categories,
        affected_count=affected_count,
        handling=handling,
        recorded_by=actor,
    )


def mark_breach_notified(*, actor: User, breach: DataBreach, who: str) -> DataBreach:
    policy.require(actor, "accounts.manage_breaches", breach)
    field = {"subjects": "subjects_notified_at", "authority": "authority_notified_at"}.get(who)
    if field is None:
        raise DomainError(_("Say who was notified."))
    if getattr(breach, field) is None:
        setattr(breach, field, timezone.now())
        breach._history_user = actor
        breach.save(update_fields=[field])
    return breach
