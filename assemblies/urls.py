from django.urls import path

from . import views

app_name = "assemblies"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("daftar/<int:pk>/", views.my_entry, name="my_entry"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/notulen.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("kelola/", views.staff_list, name="staff_list"),
    path("kelola/baru/", views.create, name="create"),
    path("kelola/<int:pk>/bekukan/", views.freeze, name="freeze"),
    path("kelola/<int:pk>/undang/", views.invite, name="invite"),
    path("kelola/<int:pk>/daftar-lama/", views.past_roll, name="past_roll"),
    path("kelola/<int:pk>/daftar-hadir/", views.roll, name="roll"),
    path("kelola/<int:pk>/registrasi/", views.door, name="door"),
    path("kelola/<int:pk>/kuorum/", views.quorum, name="quorum"),
    path("kelola/<int:pk>/notulen/", views.minutes, name="minutes"),
    path("kelola/<int:pk>/lpj/", views.report, name="report"),
    path("koreksi/", views.corrections, name="corrections"),
    path("koreksi/<int:pk>/", views.correction, name="correction"),
]
