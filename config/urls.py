from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from core import views as core_views

from .api import api

urlpatterns = [
    path("health/", core_views.health, name="health"),
    path("admin/", admin.site.urls),
    path("akun/", include("allauth.urls")),
    path("akun/", include("accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/v1/", api.urls),
    path("", include("core.urls")),
    path("", include("credentials.urls")),
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
