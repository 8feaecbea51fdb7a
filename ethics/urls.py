from django.urls import path

from . import views

app_name = "ethics"
urlpatterns = [
    path("pengaduan-etik/", views.lodge, name="lodge"),
    path("pengaduan-etik/terkirim/", views.lodged, name="lodged"),
    path("pengaduan-etik/status/", views.status, name="status"),
    path("etik/", views.queue, name="queue"),
    path("etik/adukan/", views.lodge_officer, name="lodge_officer"),
    path("etik/rekomendasi-str/", views.recommendations, name="recommendations"),
    path("etik/<int:pk>/", views.complaint_detail, name="complaint"),
    path("etik/<int:pk>/<slug:step>/", views.complaint_step, name="complaint_step"),
    path("etik/<int:pk>/bukti/<int:evidence_pk>/", views.evidence_file, name="evidence"),
    path("etik/<int:pk>/sidang/<int:hearing_pk>/", views.hearing_file, name="hearing_file"),
    path("etik/perkara/<int:pk>/", views.my_case, name="my_case"),
]
