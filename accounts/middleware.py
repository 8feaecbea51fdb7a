from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _


class StaffMfaRequiredMiddleware:
    """Anyone holding a staff role must set up an authenticator app before doing anything else.

    Signed-in staff without TOTP are sent to the set-up page; only allauth's own pages (sign-in,
    sign-out, MFA set-up), the language switch and static files stay reachable until then.
    """

    EXEMPT_PREFIXES = ("/i18n/", "/static/", "/health/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.PEKSOS_STAFF_MFA_REQUIRED
            and request.user.is_authenticated
            and not request.path.startswith(self.EXEMPT_PREFIXES)
            and not _is_allauth_view(request.path_info)
            and request.user.is_staff_member
            and not _has_totp(request.user)
        ):
            messages.warning(request, _("Your role gives access to other people's data: set up two-factor sign-in first."))
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


def _is_allauth_view(path: str) -> bool:
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return getattr(match.func, "__module__", "").startswith("allauth.")


def _has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
