from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("unduh/<slug:key>.<str:fmt>", views.download, name="download"),
    path("akreditasi-untuk-menteri.pdf", views.accreditation_report, name="accreditation_report"),
    path("keanggotaan-bulanan.pdf", views.membership_report, name="membership_report"),
    path("sertifikasi.pdf", views.certification_report, name="certification_report"),
    path("lpj/<int:pk>.pdf", views.accountability_report, name="accountability_report"),
    # Public: the page a report's QR code opens (no trailing slash: it is typed from paper).
    path("cek/<slug:public_id>", views.report_check, name="report_check"),
]
