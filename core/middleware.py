import logging

from django.conf import settings
from django.db import DatabaseError, DataError, IntegrityError, InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from .errors import BadParameter
from .files import DISK_FULL_ERRNOS

logger = logging.getLogger(__name__)


class IndonesianFirstLocaleMiddleware:
    """Indonesian unless the visitor chose English in the header switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language; Peksos is an
    Indonesian public service and answers in Indonesian until asked otherwise.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class DatabaseUnavailableMiddleware:
    """When the database goes away mid-request the transaction is rolled back by Django; the
    visitor gets a clear 503 page instead of a stack trace, and the client may retry. A value
    from the request that the database cannot take gets a clear 400 instead (never a 500)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)) or type(exception) is DatabaseError:
            logger.exception("Database unavailable while serving %s", request.path)
            if request.path_info.startswith("/api/"):
                response = JsonResponse(
                    {"detail": str(_("The database cannot be reached right now. Please try again in a minute."))}, status=503
                )
            else:
                response = render(request, "core/database_unavailable.html", status=503)
            response["Retry-After"] = "30"
            return response
        if isinstance(exception, OSError) and exception.errno in DISK_FULL_ERRNOS:
            # The storage of private files is full: the service's transaction was rolled back and
            # PrivateStorage removed the part of the file it wrote, so nothing is half-saved.
            logger.error("Private file storage full while serving %s: %r", request.path, exception)
            message = _(
                "The storage for documents is full, so nothing you sent was saved. Please try again later; "
                "the administrators have been told."
            )
            if request.path_info.startswith("/api/"):
                response = JsonResponse({"detail": str(message)}, status=503)
            else:
                response = render(request, "core/error.html", {"code": 503, "message": message}, status=503)
            response["Retry-After"] = "300"
            return response
        if isinstance(exception, BadParameter):
            return bad_request(request, exception.message)
        if isinstance(exception, (DataError, IntegrityError, OverflowError, RecursionError)):
            # A value the database refuses or cannot hold (a NUL byte, a number past 64 bits, an
            # id no row has) or a body too deep to read came from the request: the visitor gets
            # "bad request", and the transaction was rolled back.
            logger.warning("Refused a value while serving %s: %r", request.path, exception)
            return bad_request(
                request,
                _(
                    "The request could not be processed: one of its values is not accepted. "
                    "Check the address or the form and try again."
                ),
            )
        return None


def bad_request(request, message) -> HttpResponse:
    """400 with `message`: JSON like the API's other answers under /api/, the site's page elsewhere."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": str(message)}, status=400)
    return render(request, "core/error.html", {"code": 400, "message": message}, status=400)
