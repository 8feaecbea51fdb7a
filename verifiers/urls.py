from django.urls import path

from . import views

app_name = "verifiers"
urlpatterns = [
    path("verifikasi-massal/", views.bulk, name="bulk"),
    path("verifikasi/langganan/", views.subscriptions, name="subscriptions"),
    path("verifikasi/akun/", views.open_account, name="open_account"),
    path("verifikasi/langganan/tambah/", views.subscribe, name="subscribe"),
    path("verifikasi/langganan/<int:pk>/akhiri/", views.end_subscription, name="end_subscription"),
    path("verifikasi/webhook/", views.webhook, name="webhook"),
    path("anggota/pengikut-kredensial/", views.followers, name="followers"),
]
