from django.db import connection
from django.http import HttpResponse
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as site_urlpatterns


def bare(request):
    """The baseline: a Django view that does nothing, behind the same middleware and server."""
    return HttpResponse(b"ok", content_type="text/plain")


def floor(request, number):
    """The floor of any view that reads the database: one raw query on a unique index, through
    Django's connection with the site's own settings (persistent connection or pool, health check,
    server-side binding). On PostgreSQL each query is a round trip to a server sharing the
    machine's cores, which the bare view never makes; the look-ups are measured against this."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM registry_member WHERE number = %s", [number])
        found = cursor.fetchone()
    return HttpResponse(b"ok" if found else b"none", content_type="text/plain")


urlpatterns = [
    path("bench/bare/", bare, name="bench-bare"),
    path("bench/floor/<str:number>", floor, name="bench-floor"),
    *site_urlpatterns,
]
