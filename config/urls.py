from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import JavaScriptCatalog, set_language

from core import views as core_views
from portal import api as portal_api

from .api import api

urlpatterns = [
    # The public look-ups come first: URLs are tried in order, and a QR code's verification page
    # and the public API are requested far more often than anything else.
    path("", include("credentials.urls")),
    # The public API's number look-up, served ahead of the API's own dispatch (portal/api.py says
    # why); the API documents it under the same address.
    path("api/v1/public/social-workers/<str:number>", portal_api.social_worker_by_number, name="public-social-worker"),
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
    path("anggota/", include("registry.urls")),
    path("sertifikasi/", include("certification.urls")),
    path("lisensi/", include("licensing.urls")),
    path("akreditasi/", include("accreditation.urls")),
    path("laporan/", include("reports.urls")),
    path("", include("portal.urls")),
]

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
