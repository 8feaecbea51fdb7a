from django.urls import path

from . import views

app_name = "credentials"
urlpatterns = [
    path(".well-known/jwks.json", views.jwks, name="jwks"),
    path("credentials/status/<str:purpose>", views.status_list, name="status_list"),
    path("v/<str:public_id>.jwt", views.download, name="download"),
    path("v/<str:public_id>", views.verify, name="verify"),
]
