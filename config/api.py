import logging

from django.db import InterfaceError, OperationalError
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.parser import Parser
from ninja.security import django_auth

from core import params
from core.errors import BadParameter, DomainError, NotAllowed

logger = logging.getLogger(__name__)


class DepthCheckedParser(Parser):
    """Refuses a body nested deeper than any Peksos reads before json.loads recurses into it."""

    def parse_body(self, request):
        return params.loads_json(request.body)


RETRY_AFTER = {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait before asking again."}}
MESSAGE = {"application/json": {"schema": {"type": "object", "properties": {"detail": {"type": "string"}}}}}


class PeksosAPI(NinjaAPI):
    """The OpenAPI document also says what every endpoint may answer besides its own responses:
    429 with Retry-After behind the public limits, 503 (JSON, with Retry-After) while the database
    is away; and it describes the credential files served outside /api/v1/ (credentials/openapi.py)."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        from credentials.openapi import credential_paths

        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for address, item in schema["paths"].items():
            for operation in item.values():
                responses = operation.setdefault("responses", {})
                if address.startswith("/api/v1/public/") or 429 in responses:
                    too_many = responses.setdefault(429, {"description": "Too many requests.", "content": MESSAGE})
                    too_many.setdefault("headers", {}).update(RETRY_AFTER)
                unavailable = responses.setdefault(
                    503, {"description": "The database cannot be reached now: try again.", "content": MESSAGE}
                )
                unavailable.setdefault("headers", {}).update(RETRY_AFTER)
        schema["paths"].update(credential_paths())
        return schema


api = PeksosAPI(
    parser=DepthCheckedParser(),
    title="Peksos API",
    version="1",
    description="API of the Indonesian social-work consortium information system (KPSI). "
    "Public endpoints live under /public/ and need no login; all others use the signed-in session.",
    urls_namespace="api",
    auth=django_auth,
)


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
def database_unavailable(request, exc):
    # As core.middleware answers the rest of the site, in JSON (ninja would answer a 500 in DEBUG).
    logger.exception("Database unavailable while serving %s", request.path)
    response = api.create_response(
        request, {"detail": _("The database cannot be reached right now. Please try again in a minute.")}, status=503
    )
    response["Retry-After"] = "30"
    return response


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
