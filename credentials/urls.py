from django.urls import path, register_converter

from . import views


class VerificationId:
    """An opaque verification id (letters, digits, - and _), so that /v/<id> and the download
    /v/<id>.jwt are told apart by the address alone."""

    regex = "[A-Za-z0-9_-]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(VerificationId, "verification_id")

app_name = "credentials"
urlpatterns = [
    # First: opened by every QR code.
    path("v/<verification_id:public_id>", views.verify, name="verify"),
    path("v/<verification_id:public_id>.jwt", views.download, name="download"),
    path(".well-known/jwks.json", views.jwks, name="jwks"),
    path("credentials/status/<str:purpose>", views.status_list, name="status_list"),
]
