from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.parser import Parser
from ninja.security import django_auth

from core import params
from core.errors import BadParameter, DomainError, NotAllowed


class DepthCheckedParser(Parser):
    """Refuses a body nested deeper than any Peksos reads before json.loads recurses into it."""

    def parse_body(self, request):
        return params.loads_json(request.body)


api = NinjaAPI(
    parser=DepthCheckedParser(),
    title="Peksos API",
    version="1",
    description="API of the Indonesian social-work consortium information system (KPSI). "
    "Public endpoints live under /public/ and need no login; all others use the signed-in session.",
    urls_namespace="api",
    auth=django_auth,
)


@api.exception_handler(NotAllowed)
def not_allowed(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=403)


@api.exception_handler(DomainError)
def domain_error(request, exc):
    return api.create_response(request, {"detail": str(exc), "field": exc.field, "code": exc.code}, status=422)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(request, {"detail": _("Sign in first.")}, status=401)


@api.exception_handler(Throttled)
def throttled(request, exc):
    # ninja adds Retry-After; the message is the site's own, in the visitor's language.
    return api.create_response(request, {"detail": _("Too many requests")}, status=429)


@api.exception_handler(HttpError)
def http_error(request, exc):
    # ninja turns any failure to read the body into "Cannot parse request body", in English.
    cause = exc.__cause__
    if isinstance(cause, BadParameter):
        detail = str(cause)
    elif isinstance(cause, ValueError):
        detail = _("The request body is not valid JSON.")
    else:
        detail = str(exc)
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


@api.exception_handler(ValidationError)
def invalid_input(request, exc):
    return api.create_response(request, {"detail": _("The request is not valid."), "errors": exc.errors}, status=422)


# The public routers first: Django tries URLs in order, and the public look-ups are the busiest.
for prefix, module in [
    ("/public/", "portal"),
    ("/public/", "certification.public_api.router"),
    ("/public/", "credentials.public_api.router"),
    ("/public/", "verifiers.api.router"),
    ("/credentials/", "credentials"),
    ("/registry/", "registry"),
    ("/certification/", "certification"),
    ("/licensing/", "licensing"),
    ("/accreditation/", "accreditation"),
    ("/reports/", "reports"),
]:
    api.add_router(prefix, module if "." in module else f"{module}.api.router")
