import logging

from django.conf import settings
from django.db import DatabaseError, DataError, InterfaceError, OperationalError
from django.shortcuts import render
from django.utils import translation

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
    visitor gets a clear 503 page instead of a stack trace, and the client may retry."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)) or type(exception) is DatabaseError:
            logger.exception("Database unavailable while serving %s", request.path)
            response = render(request, "core/database_unavailable.html", status=503)
            response["Retry-After"] = "30"
            return response
        if isinstance(exception, DataError):
            # A value the database refuses (a NUL byte, a number out of range) came from the
            # request: the visitor gets "bad request", and the transaction was rolled back.
            logger.warning("Database refused a value while serving %s: %s", request.path, exception)
            return render(request, "core/error.html", {"code": 400}, status=400)
        return None
