from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from core.ratelimit import public_rate_limit

from . import signing
from .models import Credential, StatusList


@require_GET
@cache_control(public=True, max_age=300)
def jwks(request):
    response = JsonResponse(signing.jwks())
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
@cache_control(public=True, max_age=300)
def status_list(request, purpose, number=1):
    found = signing.published_status_list(purpose, number) if purpose in StatusList.Purpose.values else None
    if found is None:
        raise Http404
    response = HttpResponse(signing.status_list_jwt(found), content_type="application/vc+jwt")
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def numbered_status_list(request, purpose, number):
    if number == 1:
        # One address per list, the one its credentials name: list 1's predates the numbered ones.
        return HttpResponsePermanentRedirect(reverse("credentials:status_list", kwargs={"purpose": purpose}))
    return status_list(request, purpose, number)


# The page a QR code opens (/v/<id>) is on the public fast path: portal/public_path.py.


@require_GET
@public_rate_limit("verify", "240/m")  # counted with the verification page of the same credential
def download(request, public_id):
    credential = get_object_or_404(Credential, public_id=public_id[:32])
    response = HttpResponse(credential.jwt, content_type="application/vc+jwt")
    response["Content-Disposition"] = f'attachment; filename="{credential.kind}-{credential.public_id}.jwt"'
    return response
