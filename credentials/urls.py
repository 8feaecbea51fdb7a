from django.urls import path

from . import views
from .converters import VerificationId  # noqa: F401  (registers <verification_id:…>)

app_name = "credentials"
urlpatterns = [
    # The page a QR code opens, /v/<id>, is on the public fast path (portal/public_path.py).
    path("v/<verification_id:public_id>.jwt", views.download, name="download"),
    path(".well-known/jwks.json", views.jwks, name="jwks"),
    path("credentials/contexts/v1.jsonld", views.context, name="context"),
    path("issuers/<slug:slug>", views.issuer, name="issuer"),
    path(".well-known/jwt-vc-issuer/issuers/<slug:slug>", views.jwt_vc_issuer, name="jwt_vc_issuer"),
    path("credentials/status/<str:purpose>", views.status_list, name="status_list"),
    path("credentials/status/<str:purpose>/<int:number>", views.numbered_status_list, name="status_list_numbered"),
    path("staf/impor-kredensial/", views.import_upload, name="import_upload"),
    path("staf/impor-kredensial/<int:pk>/", views.import_detail, name="import_detail"),
]
