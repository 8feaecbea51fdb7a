"""Staff pages of the DPD directory: a DPD officer keeps the contact of their own province."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts import policy
from core.errors import DomainError

from . import services
from .models import DpdContact


class DpdContactForm(forms.ModelForm):
    class Meta:
        model = DpdContact
        fields = list(services.CONTACT_FIELDS)


@login_required
def dpd_contact_list(request):
    if not policy.allows(request.user, "portal.edit_dpd_contact"):
        raise PermissionDenied
    contacts = policy.visible(request.user, "portal.edit_dpd_contact", DpdContact).select_related("province")
    return render(request, "portal/dpd_contact_list.html", {"contacts": contacts})


@login_required
def dpd_contact_edit(request, pk):
    if not policy.allows(request.user, "portal.edit_dpd_contact"):
        raise PermissionDenied
    contact = get_object_or_404(DpdContact.objects.select_related("province"), pk=pk)
    if not policy.allows(request.user, "portal.edit_dpd_contact", contact):
        raise Http404  # another province's contact is not this officer's to see here
    form = DpdContactForm(request.POST or None, instance=DpdContact.objects.get(pk=contact.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_dpd_contact(actor=request.user, contact=contact, changes=form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(
                request,
                _("The contact was saved; the portal now shows it for %(province)s.") % {"province": contact.province.name},
            )
            return redirect("portal:dpd_contact_list")
    return render(request, "portal/dpd_contact_edit.html", {"form": form, "contact": contact})
