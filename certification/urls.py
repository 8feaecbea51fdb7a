from django.urls import path

from . import views

app_name = "certification"
urlpatterns = [
    # Public
    path("cek-kelayakan/", views.self_check_page, name="self_check"),
    # Member self-service
    path("saya/", views.my_applications, name="my_applications"),
    path("saya/ajukan/<int:scheme_pk>/", views.apply, name="apply"),
    path("saya/permohonan/<int:pk>/", views.my_application, name="my_application"),
    path("bukti/<int:pk>/", views.evidence_file, name="evidence_file"),
    path("sertifikat/<int:pk>.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("saya/sertifikat/<int:pk>/", views.my_certificate, name="my_certificate"),
    path("perpanjangan/<int:pk>/portofolio/", views.renewal_portfolio, name="renewal_portfolio"),
    # LSP officer
    path("permohonan/", views.application_list, name="application_list"),
    path("permohonan/<int:pk>/", views.application_detail, name="application_detail"),
    path("skema/", views.scheme_list, name="scheme_list"),
    path("skema/<int:pk>/", views.scheme_detail, name="scheme_detail"),
    path("uji/", views.event_list, name="event_list"),
    path("asesor/", views.assessor_list, name="assessor_list"),
    path("sertifikat/", views.certificate_list, name="certificate_list"),
    path("sertifikat/ekspor.csv", views.certificate_export, name="certificate_export"),
    path("sertifikat/<int:pk>/", views.certificate_detail, name="certificate_detail"),
    path("sertifikat/perpanjangan/", views.renewals_due, name="renewals_due"),
    path("masa-berlaku/", views.validity, name="validity"),
    # Competency assessor
    path("penugasan/", views.assignment_list, name="assignment_list"),
    path("penugasan/<int:pk>/", views.assignment, name="assignment"),
]
