from allauth.account.signals import user_signed_up
from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from core import audit
from core.addresses import client_address
from core.models import AuditEvent


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs):
    audit.record(user, AuditEvent.Action.LOGIN, user, request=request)


@receiver(user_logged_out)
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        audit.record(user, AuditEvent.Action.LOGOUT, user, request=request)


@receiver(user_login_failed)
def audit_login_failed(sender, credentials, request=None, **kwargs):
    # Only the address tried is kept, never the password.
    login = (credentials or {}).get("email") or (credentials or {}).get("login") or (credentials or {}).get("username") or ""
    audit.record(None, AuditEvent.Action.LOGIN_FAILED, summary=str(login)[:120], request=request)


@receiver(user_locked_out)
def audit_lockout(sender, request, username, ip_address, **kwargs):
    audit.record(None, AuditEvent.Action.LOGIN_FAILED, summary=f"locked out: {username}"[:255], request=request, locked_out=True)


@receiver(user_signed_up)
def record_consent(sender, request, user, **kwargs):
    """The sign-up form required ticking the consent box; keep proof of the text agreed to."""
    from .models import Consent, ConsentText

    text = ConsentText.current(ConsentText.Purpose.REGISTRATION)
    if text is not None:
        Consent.objects.create(user=user, text=text, text_digest=text.digest, ip_address=client_address(request))
