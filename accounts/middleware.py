from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _


class StaffMfaRequiredMiddleware:
    """Every staff session must have passed the second factor, whichever door it came in by.

    Signed-in staff (a staff role, or the Django admin's is_staff/is_superuser) without TOTP are
    sent to the set-up page; only allauth's own pages, the language switch and static files stay
    reachable until then. Staff with TOTP whose session holds no second-factor step in allauth's
    record of this session's authentications (a password alone, as Django's own login gives) may
    only reach the second-factor step and sign-out: every other page, allauth's included (which
    would let a password alone switch the second factor off), sends them to that step, and the
    API answers 401 in JSON. The Django admin's login form is not a door of its own: it sends
    everyone to allauth's sign-in, which asks for the code.
    """

    EXEMPT_PREFIXES = ("/i18n/", "/static/", "/health/", "/jsi18n/")
    API_PREFIX = "/api/"
    # What a session that passed only the password may still reach.
    SECOND_FACTOR_STEP = "mfa_reauthenticate"
    BEFORE_SECOND_FACTOR = frozenset({"account_login", "account_logout", "mfa_authenticate", SECOND_FACTOR_STEP})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        match = _resolve(request.path_info)
        if match is not None and match.view_name == "admin:login":
            if request.user.is_authenticated:
                # Signed in already: the admin sent them here because they may not use it (or have
                # not passed the second factor yet, handled below). Sending them to the sign-in page
                # would send them straight back: a redirect loop.
                if not (request.user.is_staff and request.user.is_active):
                    raise PermissionDenied
            else:
                next_page = request.GET.get(REDIRECT_FIELD_NAME)
                return redirect_to_login(next_page, reverse("account_login")) if next_page else redirect("account_login")
        if (
            not settings.PEKSOS_STAFF_MFA_REQUIRED
            or not request.user.is_authenticated
            or request.path.startswith(self.EXEMPT_PREFIXES)
            or not _needs_second_factor(request.user)
        ):
            return self.get_response(request)
        if not _has_totp(request.user):
            if request.path.startswith(self.API_PREFIX):
                return JsonResponse({"detail": _("Set up two-factor sign-in first.")}, status=403)
            if match is not None and _is_allauth(match):
                return self.get_response(request)
            messages.warning(request, _("Your role gives access to other people's data: set up two-factor sign-in first."))
            return redirect(reverse("mfa_activate_totp"))
        if passed_second_factor(request):
            return self.get_response(request)
        if request.path.startswith(self.API_PREFIX):
            return JsonResponse({"detail": _("Sign in with your authenticator code first.")}, status=401)
        if match is not None and _is_allauth(match) and match.url_name in self.BEFORE_SECOND_FACTOR:
            return self.get_response(request)
        return redirect_to_login(request.get_full_path(), reverse(self.SECOND_FACTOR_STEP))


def passed_second_factor(request) -> bool:
    """Whether this session's sign-in included a second factor, as allauth recorded it (at the
    sign-in's code step or a later second-factor step); Django's own login records nothing."""
    from allauth.account.authentication import get_authentication_records

    return any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user))


def _needs_second_factor(user) -> bool:
    return user.is_staff or user.is_superuser or user.is_staff_member


def _resolve(path: str):
    try:
        return resolve(path)
    except Resolver404:
        return None


def _is_allauth(match) -> bool:
    return getattr(match.func, "__module__", "").startswith("allauth.")


def _has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
