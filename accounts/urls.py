from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("peran/", views.my_roles, name="roles"),
    path("kotak-masuk/", views.inbox, name="inbox"),
    path("kotak-masuk/<int:pk>/baca/", views.inbox_read, name="inbox_read"),
    path("audit/", views.audit_trail, name="audit_trail"),
    path("data-saya/", views.my_data, name="my_data"),
    path("data-saya/unduh.json", views.my_data_json, name="my_data_json"),
    path("data-saya/unduh.pdf", views.my_data_pdf, name="my_data_pdf"),
    path("pdp/permintaan/", views.data_requests, name="data_requests"),
    path("pdp/permintaan/<int:pk>/", views.data_request_detail, name="data_request_detail"),
    path("pdp/kebocoran/", views.breaches, name="breaches"),
    path("pdp/kebocoran/<int:pk>/<str:who>/", views.breach_notified, name="breach_notified"),
]
