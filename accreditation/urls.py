from django.urls import path

from . import views, views_reference

app_name = "accreditation"
urlpatterns = [
    path("", views.workspace, name="workspace"),
    path("lembaga/<int:pk>/", views.lks_detail, name="lks"),
    path("lembaga/", views_reference.lks_list, name="lks_list"),
    path("lembaga/baru/", views_reference.lks_new, name="lks_new"),
    path("lembaga/<int:pk>/ubah/", views_reference.lks_edit, name="lks_edit"),
    path("instrumen/", views_reference.instrument_list, name="instruments"),
    path("dewan/", views_reference.board, name="board"),
    path("asesor/", views_reference.assessor_pool, name="assessor_pool"),
    path("asesor/usulan/<int:pk>/", views_reference.assessor_decision, name="assessor_decision"),
    path("dewan/<int:pk>/", views_reference.board_period, name="board_period"),
    path("instrumen/<int:pk>/", views_reference.instrument_detail, name="instrument"),
    path("instrumen/<int:pk>/standar/<int:standard_pk>/", views_reference.instrument_standard, name="instrument_standard"),
    path("permohonan/<int:pk>/", views.application_detail, name="application"),
    path("permohonan/<int:pk>/dinsos/", views.dinsos_decide, name="dinsos_decide"),
    path("permohonan/<int:pk>/terima/", views.balks_accept, name="accept"),
    path("permohonan/<int:pk>/balks/", views.balks_decide, name="balks_decide"),
    path("permohonan/<int:pk>/asesor/", views.balks_assign, name="assign"),
    path("permohonan/<int:pk>/nilai/<str:phase>/", views.score, name="score"),
    path("permohonan/<int:pk>/validasi/", views.balks_validate, name="validate"),
    path("permohonan/<int:pk>/dokumen/<str:kind>/", views.document, name="document"),
    path("rekomendasi/<int:pk>/", views.recommendation_edit, name="recommendation_edit"),
    path("penetapan/", views.batches, name="batches"),
    path("penetapan/<int:pk>/", views.determine, name="determine"),
    path("penetapan/<int:pk>/keluarkan/<int:application_pk>/", views.remove_from_batch, name="remove_from_batch"),
    path("pemantauan/", views.monitoring, name="monitoring"),
    path("sertifikat/<int:pk>.pdf", views.certificate_pdf, name="certificate_pdf"),
]
