import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from core.errors import DomainError
from core.paging import page_without_count
from core.ratelimit import public_rate_limit

from . import importing, jsonld, signing
from .forms import CredentialImportForm
from .models import Credential, ImportedList, StatusList, issuer_url


@csrf_exempt
@require_GET
@cache_control(public=True, max_age=300)
def jwks(request):
    response = JsonResponse(signing.jwks())
    response["Access-Control-Allow-Origin"] = "*"
    return response


@csrf_exempt  # read-only: another method gets 405, not a CSRF page
@require_GET
def status_list(request, purpose, number=1):
    found = signing.published_status_list(purpose, number) if purpose in StatusList.Purpose.values else None
    if found is None:
        raise Http404
    token = signing.status_list_jwt(found)
    etag = quote_etag(hashlib.sha256(token.encode()).hexdigest()[:32])
    # max-age is the list's own `ttl`: a cache refetches when a verifier would.
    if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(token, content_type="application/vc+jwt")
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={signing.STATUS_LIST_TTL}"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def numbered_status_list(request, purpose, number):
    if number == 1:
        # One address per list, the one its credentials name: list 1's predates the numbered ones.
        return HttpResponsePermanentRedirect(reverse("credentials:status_list", kwargs={"purpose": purpose}))
    return status_list(request, purpose, number)


@csrf_exempt
@require_GET
def context(request):
    """The Peksos JSON-LD context: its address carries its version and its content never changes
    under it, so it may be kept a year."""
    response = HttpResponse(jsonld.context_document(), content_type="application/ld+json")
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _issuer_name(slug: str) -> str | None:
    # The newest credential the body issued names it as it calls itself now.
    return Credential.objects.filter(issuer_slug=slug[:80]).order_by("-pk").values_list("issuer_name", flat=True).first()


def _public_json(body: dict) -> JsonResponse:
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@csrf_exempt
@require_GET
def issuer(request, slug):
    """An issuing body's identifier resolves to its controller document (W3C Controlled
    Identifiers): the keys its credentials are signed with, as JsonWebKey verification methods.
    Only this body's keys (the retired ones too, so what they signed stays verifiable), and the
    platform keys that signed its credentials before it had its own: a verifier that trusts this
    document trusts no other body's credentials."""
    name = _issuer_name(slug)
    if name is None:
        raise Http404
    identifier = issuer_url(slug)
    methods = [
        {"id": f"{identifier}#{key['kid']}", "type": "JsonWebKey", "controller": identifier, "publicKeyJwk": key}
        for key in signing.issuer_jwks(slug)["keys"]
    ]
    return _public_json(
        {
            "@context": ["https://www.w3.org/ns/cid/v1"],
            "id": identifier,
            "name": name,
            "verificationMethod": methods,
            "assertionMethod": [method["id"] for method in methods],
        }
    )


@csrf_exempt
@require_GET
def jwt_vc_issuer(request, slug):
    """The same body's keys as JWT VC issuer metadata (/.well-known/jwt-vc-issuer/<issuer path>),
    for verifiers that look keys up from a credential's `iss`."""
    if _issuer_name(slug) is None:
        raise Http404
    return _public_json({"issuer": issuer_url(slug), "jwks": signing.issuer_jwks(slug)})


# The page a QR code opens (/v/<id>) is on the public fast path: portal/public_path.py.


@csrf_exempt
@require_GET
@public_rate_limit("verify", "240/m")  # counted with the verification page of the same credential
def download(request, public_id):
    credential = get_object_or_404(Credential, public_id=public_id[:32])
    response = HttpResponse(credential.jwt, content_type="application/vc+jwt")
    # The signed form never changes; whether it is still in force is read from the status lists.
    response["Cache-Control"] = "public, max-age=3600"
    response["Content-Disposition"] = f'attachment; filename="{credential.kind}-{credential.public_id}.jwt"'
    return response


# --- Staff: importing credentials issued before Peksos -----------------------------------------

PROBLEMS_SHOWN = 200


@login_required
def import_upload(request):
    allowed = importing.importable_kinds(request.user)
    if not allowed:
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("kind") in importing.kinds() and request.POST["kind"] not in allowed:
        raise PermissionDenied
    form = CredentialImportForm(request.POST or None, request.FILES or None, kinds=allowed)
    if request.method == "POST" and form.is_valid():
        try:
            batch = importing.preview_import(
                actor=request.user,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                source=form.cleaned_data["source"],
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            return redirect("credentials:import_detail", pk=batch.pk)
    # Each officer sees the lists they uploaded: a list holds the NIKs of everyone on it.
    lists = ImportedList.objects.filter(uploaded_by=request.user, kind__in=allowed)
    page = page_without_count(lists, request.GET.get("page"), 20)
    columns = [(Credential.Kind(kind).label, importing.importer(kind).columns) for kind in allowed]
    return render(request, "credentials/import_upload.html", {"form": form, "page": page, "columns": columns})


@login_required
def import_detail(request, pk: int):
    allowed = importing.importable_kinds(request.user)
    if not allowed:
        raise PermissionDenied
    batch = get_object_or_404(ImportedList, pk=pk, uploaded_by=request.user, kind__in=allowed)
    if request.method == "POST":
        try:
            batch = importing.confirm_import(actor=request.user, batch=batch)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("The list is being imported. You will find the outcome here and in your inbox when it is done.")
            )
        return redirect("credentials:import_detail", pk=batch.pk)
    report = batch.report if batch.status == ImportedList.Status.IMPORTED else batch.preview_report
    problems = report.get("problems", [])
    return render(
        request,
        "credentials/import_detail.html",
        {
            "batch": batch,
            "report": report,
            "problems": problems[:PROBLEMS_SHOWN],
            "more_problems": max(0, len(problems) - PROBLEMS_SHOWN),
        },
    )
