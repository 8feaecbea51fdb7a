from django.urls import path

from . import views

app_name = "licensing"
urlpatterns = [
    path("", views.my_credentials, name="my_credentials"),
    path("str/ajukan/", views.apply_str, name="apply_str"),
    path("str/antrean/", views.str_queue, name="str_queue"),
    path("str/perpanjangan/", views.str_renewals_due, name="str_renewals_due"),
    path("izin/perpanjangan/", views.licence_renewals_due, name="licence_renewals_due"),
    path("masa-berlaku/", views.validity, name="validity"),
    path("str/<int:pk>/", views.str_application, name="str_application"),
    path("str/<int:pk>/surat-sehat/", views.health_statement, name="health_statement"),
    path("str/terbit/<int:pk>/status/", views.str_status, name="str_status"),
    path("str/terbit/<int:pk>.pdf", views.str_pdf, name="str_pdf"),
    path("izin/ajukan/", views.apply_licence, name="apply_licence"),
    path("izin/antrean/", views.licence_queue, name="licence_queue"),
    path("izin/<int:pk>/", views.licence_application, name="licence_application"),
    path("izin/terbit/<int:pk>/status/", views.licence_status, name="licence_status"),
    path("izin/terbit/<int:pk>.pdf", views.licence_pdf, name="licence_pdf"),
    path("izin/terbit/<int:pk>/perpanjang/", views.renew_licence, name="renew_licence"),
]
