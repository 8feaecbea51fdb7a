from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import JavaScriptCatalog, set_language

from core import views as core_views

from .api import api

urlpatterns = [
    # The public fast path comes first: URLs are tried in order, and a QR code's verification
    # page and the API's number look-up are requested far more often than anything else. It is
    # served ahead of the API's own dispatch; the API documents it (portal/public_path.py).
    path("", include("portal.public_path")),
    path("", include("credentials.urls")),
    path("api/v1/", api.urls),
    path("health/", core_views.health, name="health"),
    path("admin/", admin.site.urls),
    path("akun/", include("allauth.urls")),
    path("akun/", include("accounts.urls")),
    # Choosing a language changes only how pages read, so a forged request can do no more than
    # switch a visitor's language. Without a CSRF token in the switch, public pages set no cookie
    # on a first visit and are the same for every anonymous visitor.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("", include("core.urls")),
    path("", include("verifiers.urls")),
    path("anggota/", include("registry.urls")),
    path("sertifikasi/", include("certification.urls")),
    path("lisensi/", include("licensing.urls")),
    path("akreditasi/", include("accreditation.urls")),
    path("", include("ethics.urls")),
    path("kongres/", include("assemblies.urls")),
    path("laporan/", include("reports.urls")),
    path("", include("practice.urls")),
    path("", include("portal.urls")),
]

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
