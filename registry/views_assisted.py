"""Assisted registration: an officer of a DPD or of the DPP enters an application on someone's
behalf; the person takes the record over with the invitation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts import policy
from core.errors import DomainError
from core.paging import page_without_count
from core.ratelimit import AddressLimit

from . import services
from .forms_assisted import AssistedEducationForm, AssistedPersonForm, ConsentForm, InvitationForm
from .models import AssistedRegistration
from .views import _account_and_network_wait, _too_many_attempts

INVITATION_TRIES_PER_ACCOUNT = AddressLimit("registry-invitation-account", "10/h")
INVITATION_TRIES_PER_ADDRESS = AddressLimit("registry-invitation-address", "30/h")


def _session_key(pk: int) -> str:
    return f"registry-invitation-{pk}"


@login_required
def assisted_list(request):
    if not policy.allows(request.user, "registry.assist_registration"):
        raise PermissionDenied
    qs = policy.visible(request.user, "registry.assist_registration", AssistedRegistration).select_related(
        "person", "application__province", "entered_by"
    )
    page = page_without_count(qs.order_by("-entered_at", "-pk"), request.GET.get("page"))
    return render(request, "registry/staff/assisted_list.html", {"page": page})


@login_required
def assisted_new(request):
    if not policy.allows(request.user, "registry.assist_registration"):
        raise PermissionDenied
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    forms = {
        "person_form": AssistedPersonForm(data, files, prefix="person"),
        "education_form": AssistedEducationForm(data, files, prefix="education"),
        "consent_form": ConsentForm(data, files, prefix="consent"),
    }
    if request.method == "POST" and all(form.is_valid() for form in forms.values()):
        try:
            registration, code = services.register_on_behalf(
                actor=request.user,
                person=forms["person_form"].save(commit=False),
                education=forms["education_form"].save(commit=False),
                **forms["consent_form"].cleaned_data,
            )
        except DomainError as exc:
            form = next((f for f in forms.values() if exc.field in f.fields), forms["person_form"])
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            request.session[_session_key(registration.pk)] = code
            messages.success(request, _("The application was entered and submitted. Give the person their invitation."))
            return redirect("registry:assisted_detail", registration.pk)
    return render(request, "registry/staff/assisted_form.html", forms)


@login_required
def assisted_detail(request, pk: int):
    registration = get_object_or_404(
        AssistedRegistration.objects.select_related("person", "application__province", "entered_by"), pk=pk
    )
    if not policy.allows(request.user, "registry.assist_registration", registration):
        raise Http404
    if request.method == "POST":
        try:
            code = services.reissue_invitation(actor=request.user, registration=registration)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            request.session[_session_key(registration.pk)] = code
            messages.success(request, _("A new invitation code was made; the earlier one no longer works."))
        return redirect("registry:assisted_detail", registration.pk)
    # The code is kept only as a hash: it is shown once, right after it was made.
    code = request.session.pop(_session_key(registration.pk), None)
    return render(request, "registry/staff/assisted_detail.html", {"registration": registration, "code": code})


@login_required
def invitation_accept(request, code: str = ""):
    form = InvitationForm(request.POST or None, initial={"code": code})
    if request.method == "POST":
        wait = _account_and_network_wait(request, INVITATION_TRIES_PER_ACCOUNT, INVITATION_TRIES_PER_ADDRESS)
        if wait is not None:
            message = _("Too many invitation codes tried from this account or network. Try again after %(time)s.")
            return _too_many_attempts(request, wait, message, "registry/invitation_accept.html", {"form": InvitationForm()})
        if form.is_valid():
            try:
                services.accept_invitation(actor=request.user, code=form.cleaned_data["code"])
            except DomainError as exc:
                form.add_error("code" if exc.field == "code" else None, str(exc))
            else:
                messages.success(request, _("The record is now yours: your application is being verified."))
                return redirect("registry:my_membership")
    return render(request, "registry/invitation_accept.html", {"form": form})
