import logging

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.db import DatabaseError, DataError, IntegrityError, InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from . import pagecache
from .errors import BadParameter

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
            response = render(request, "core/database_unavailable.html", status=503)
            response["Retry-After"] = "30"
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


class ReusedPublicAnswerMiddleware:
    """Answers a public look-up (a QR code's verification page, the API's number look-up) whose
    answer for the rows read now is already rendered, without the middleware after this one.

    Those concern sessions, sign-in, messages, forms and staff, and a GET without a session or
    messages cookie has none of them; Django's own cache middleware skips them the same way. The
    rows are still read live by the view's `reused_answer` (which also counts the visitor's rate
    limit); when it has no answer the request goes down the whole chain as usual. The headers
    that the skipped middleware put on every answer are put on by those same classes.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.paths = tuple(settings.PEKSOS_REUSED_ANSWER_PATHS)
        self.finishing = (XFrameOptionsMiddleware(get_response), CSPMiddleware(get_response))

    def __call__(self, request):
        response = self.reused_answer(request)
        if response is None:
            return self.get_response(request)
        # A signed-in visitor gets another page at the same address; the whole chain says so by
        # the session it reads, this answer says it the same way.
        patch_vary_headers(response, ("Cookie",))
        for middleware in self.finishing:
            response = middleware.process_response(request, response)
        return response

    def reused_answer(self, request):
        if (
            request.method != "GET"
            or not request.path_info.startswith(self.paths)
            or "HTTP_HX_REQUEST" in request.META
            or not pagecache.without_session_or_messages(request)
        ):
            return None
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return None
        answer = getattr(match.func, "reused_answer", None)
        if answer is None:
            return None
        try:
            return answer(request, *match.args, **match.kwargs)
        except DatabaseError:
            # The view reads again and answers as the site does when the database is away.
            return None
