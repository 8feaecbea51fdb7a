from django.db import models

from .addresses import client_address
from .models import AuditEvent


def record(actor, action: str, obj: models.Model | None = None, *, summary: str = "", request=None, **detail) -> AuditEvent:
    """Write one audit event. `actor` may be None for anonymous or system actions."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        summary=summary[:255],
        detail=detail,
        ip_address=client_address(request),
    )


def record_private_read(request, obj: models.Model, what: str) -> None:
    """Staff reading someone else's private data leaves a trace; people reading their own do not."""
    owner_id = getattr(obj, "user_id", None)
    if request.user.is_authenticated and owner_id != request.user.pk:
        record(request.user, AuditEvent.Action.READ_PRIVATE, obj, summary=what, request=request)
