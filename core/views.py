import time

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts import policy

from .errors import DomainError
from .files import validate_image


@require_GET
@never_cache
def health(request):
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = {"status": "ok", "vendor": connection.vendor}
        status = 200
    except Exception as exc:  # any database failure makes us unhealthy, and says why
        database = {"status": "error", "vendor": connection.vendor, "error": exc.__class__.__name__}
        status = 503
    return JsonResponse(
        {
            "status": "ok" if status == 200 else "error",
            "database": database,
            "elapsed_ms": round((time.perf_counter() - started) * 1000, 2),
        },
        status=status,
    )


@login_required
def dashboard(request):
    """The signed-in landing page: what this person can do, by the roles they hold."""
    from .navigation import notices

    return render(
        request,
        "core/dashboard.html",
        {"assignments": request.user.active_role_assignments(), "notices": notices(request.user)},
    )


def bad_request(request, exception=None):
    return render(request, "core/error.html", {"code": 400}, status=400)


def permission_denied(request, exception=None):
    return render(request, "core/error.html", {"code": 403}, status=403)


def page_not_found(request, exception=None):
    return render(request, "core/error.html", {"code": 404}, status=404)


def server_error(request):
    return render(request, "core/error.html", {"code": 500}, status=500)


# --- letterheads and signatories --------------------------------------------------------------


class LetterheadForm(forms.Form):
    parent_name = forms.CharField(label=gettext_lazy("Above the name"), max_length=200, required=False)
    name = forms.CharField(label=gettext_lazy("Name on the letterhead"), max_length=200)
    address = forms.CharField(label=gettext_lazy("Address"), max_length=300, required=False)
    contact = forms.CharField(label=gettext_lazy("Telephone, e-mail or website"), max_length=200, required=False)
    place = forms.CharField(
        label=gettext_lazy("Place of signing"),
        max_length=100,
        help_text=gettext_lazy("The city printed before the date of signing."),
    )
    logo = forms.FileField(
        label=gettext_lazy("Logo"),
        required=False,
        validators=[validate_image],
        help_text=gettext_lazy("PNG or JPEG. Leave empty to keep the current logo."),
    )


class SignatoryForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=150)
    position = forms.CharField(label=gettext_lazy("Position"), max_length=200)
    identifier = forms.CharField(label=gettext_lazy("Staff number (NIP or other)"), max_length=40, required=False)
    valid_from = forms.DateField(label=gettext_lazy("Signs from"), widget=forms.DateInput(attrs={"type": "date"}))


def _styled(form):
    for field in form.fields.values():
        field.widget.attrs.setdefault("class", "form-control")
    return form


@login_required
def letterheads_list(request):
    """The issuing bodies whose letterhead and signatory this officer keeps."""
    from . import letterheads
    from .models import IssuerProfile, Signatory

    if not letterheads.may_keep_any(request.user):
        raise PermissionDenied
    bodies = letterheads.kept_by(request.user)
    keys = [b.key for b in bodies]
    profiles = {p.issuer: p for p in IssuerProfile.objects.filter(issuer__in=keys)}
    today = timezone.localdate()
    signing = {s.issuer: s for s in Signatory.objects.filter(issuer__in=keys).in_force(today).order_by("valid_from")}
    rows = [{"body": b, "profile": profiles.get(b.key), "signatory": signing.get(b.key)} for b in bodies]
    return render(request, "core/letterheads.html", {"rows": rows})


@login_required
def letterhead_edit(request, key: str):
    from . import letterheads
    from .models import IssuerProfile, Signatory

    found = letterheads.body(key)
    if found is None:
        raise Http404
    if not policy.allows(request.user, found.perm, found.obj):
        raise Http404  # another body's letterhead: not shown
    profile = IssuerProfile.objects.filter(issuer=key).first()
    initial = (
        {f: getattr(profile, f) for f in ("parent_name", "name", "address", "contact", "place")}
        if profile
        else {"name": found.name, "parent_name": found.parent_name, "place": found.place}
    )
    letterhead_form = _styled(LetterheadForm(initial=initial))
    signatory_form = _styled(SignatoryForm(initial={"valid_from": timezone.localdate()}))
    if request.method == "POST":
        if request.POST.get("what") == "signatory":
            signatory_form = _styled(SignatoryForm(request.POST))
            if signatory_form.is_valid():
                try:
                    letterheads.appoint_signatory(actor=request.user, key=key, **signatory_form.cleaned_data)
                except DomainError as exc:
                    signatory_form.add_error(None, str(exc))
                else:
                    messages.success(request, _("The signatory was recorded."))
                    return redirect("core:letterhead_edit", key=key)
        else:
            letterhead_form = _styled(LetterheadForm(request.POST, request.FILES))
            if letterhead_form.is_valid():
                data = letterhead_form.cleaned_data
                try:
                    letterheads.keep_letterhead(actor=request.user, key=key, **data)
                except DomainError as exc:
                    letterhead_form.add_error(None, str(exc))
                else:
                    messages.success(request, _("The letterhead was saved."))
                    return redirect("core:letterhead_edit", key=key)
    return render(
        request,
        "core/letterhead_edit.html",
        {
            "body": found,
            "profile": profile,
            "logo": letterheads.issuer_block(key)["logo"] if profile and profile.logo else "",
            "signatories": Signatory.objects.filter(issuer=key).order_by("-valid_from"),
            "letterhead_form": letterhead_form,
            "signatory_form": signatory_form,
        },
    )
