from django.urls import path

from . import views

app_name = "accreditation"
urlpatterns = [
    path("", views.workspace, name="workspace"),
    path("lembaga/<int:pk>/", views.lks_detail, name="lks"),
    path("permohonan/<int:pk>/", views.application_detail, name="application"),
    path("permohonan/<int:pk>/dinsos/", views.dinsos_decide, name="dinsos_decide"),
    path("permohonan/<int:pk>/terima/", views.balks_accept, name="accept"),
    path("permohonan/<int:pk>/asesor/", views.balks_assign, name="assign"),
    path("permohonan/<int:pk>/nilai/<str:phase>/", views.score, name="score"),
    path("permohonan/<int:pk>/validasi/", views.balks_validate, name="validate"),
    path("permohonan/<int:pk>/dokumen/<str:kind>/", views.document, name="document"),
    path("rekomendasi/<int:pk>/", views.recommendation_edit, name="recommendation_edit"),
    path("penetapan/", views.batches, name="batches"),
    path("penetapan/<int:pk>/", views.determine, name="determine"),
    path("pemantauan/", views.monitoring, name="monitoring"),
    path("sertifikat/<int:pk>.pdf", views.certificate_pdf, name="certificate_pdf"),
]
