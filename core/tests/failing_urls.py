from django.urls import include, path


def boom(request):
    raise ValueError("internal detail")


urlpatterns = [path("boom/", boom), path("", include("config.urls"))]
handler500 = "core.views.server_error"
