import time

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@require_GET
@never_cache
def health(request):
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = {"status": "ok", "vendor": connection.vendor}
        status = 200
    except Exception as exc:  # any database failure makes us unhealthy, and says why
        database = {"status": "error", "vendor": connection.vendor, "error": exc.__class__.__name__}
        status = 503
    return JsonResponse(
        {
            "status": "ok" if status == 200 else "error",
            "database": database,
            "elapsed_ms": round((time.perf_counter() - started) * 1000, 2),
        },
        status=status,
    )


@login_required
def dashboard(request):
    """The signed-in landing page: what this person can do, by the roles they hold."""
    from .navigation import notices

    return render(
        request,
        "core/dashboard.html",
        {"assignments": request.user.active_role_assignments(), "notices": notices(request.user)},
    )


def bad_request(request, exception=None):
    return render(request, "core/error.html", {"code": 400}, status=400)


def permission_denied(request, exception=None):
    return render(request, "core/error.html", {"code": 403}, status=403)


def page_not_found(request, exception=None):
    return render(request, "core/error.html", {"code": 404}, status=404)


def server_error(request):
    return render(request, "core/error.html", {"code": 500}, status=500)
