import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core import letterheads, pdf, readable
from core.errors import DomainError
from core.models import AuditEvent
from core.paging import page_without_count

from . import policy, services
from .models import Consent, DataBreach, DataSubjectRequest, Notification


@login_required
def my_roles(request):
    return render(request, "accounts/roles.html", {"assignments": request.user.active_role_assignments()})


@login_required
def audit_trail(request):
    """The audit trail for the data protection officer: logins, private reads, exports."""
    if not policy.allows(request.user, "accounts.view_audit_trail"):
        raise PermissionDenied
    events = AuditEvent.objects.select_related("actor")
    action = request.GET.get("action", "")
    if action in AuditEvent.Action.values:
        events = events.filter(action=action)
    page = page_without_count(events, request.GET.get("page"), 50)
    return render(request, "accounts/audit_trail.html", {"page": page, "actions": AuditEvent.Action.choices, "action": action})


class DataRequestForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("What are you asking for?"), choices=DataSubjectRequest.Kind.choices)
    details = forms.CharField(
        label=gettext_lazy("Details"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000
    )


@login_required
def my_data(request):
    form = DataRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_request(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("Your request was received. We answer within 3 × 24 hours."))
            return redirect("accounts:my_data")
    return render(
        request,
        "accounts/my_data.html",
        {
            "form": form,
            "requests": request.user.data_requests.all(),
            "consents": Consent.objects.filter(user=request.user).select_related("text"),
        },
    )


@login_required
def my_data_json(request):
    data = services.export_personal_data(request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="data-pribadi-peksos.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def my_data_pdf(request):
    data = services.export_personal_data(request.user)
    body = pdf.render_pdf(
        "core/pdf/personal_data.html",
        pdf.document_context(
            issuer=letterheads.consortium(),  # the controller of the data (UU 27/2022)
            title=_("Personal data held by Peksos"),
            sections=readable.readable({k: v for k, v in data.items() if k != "generated_at"}),
            holder=request.user.name or request.user.email,
            generated_at=timezone.now(),
        ),
    )
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="data-pribadi-peksos.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def data_requests(request):
    if not policy.allows(request.user, "accounts.handle_data_requests"):
        raise PermissionDenied
    status = request.GET.get("status", "open")
    queryset = DataSubjectRequest.objects.select_related("user")
    queryset = queryset.open() if status == "open" else queryset
    page = page_without_count(queryset, request.GET.get("page"), 50)
    return render(request, "accounts/data_requests.html", {"page": page, "status": status})


class DecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Outcome"),
        choices=[
            (s.value, s.label)
            for s in (
                DataSubjectRequest.Status.IN_PROGRESS,
                DataSubjectRequest.Status.COMPLETED,
                DataSubjectRequest.Status.REFUSED,
            )
        ],
    )
    response = forms.CharField(
        label=gettext_lazy("Answer to the person"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


@login_required
def data_request_detail(request, pk):
    if not policy.allows(request.user, "accounts.handle_data_requests"):
        raise PermissionDenied
    data_request = get_object_or_404(DataSubjectRequest.objects.select_related("user"), pk=pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decide_request(actor=request.user, request=data_request, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("The request was updated."))
            return redirect("accounts:data_requests")
    return render(request, "accounts/data_request_detail.html", {"req": data_request, "form": form})


class BreachForm(forms.ModelForm):
    class Meta:
        model = DataBreach
        fields = ["discovered_at", "description", "data_categories", "affected_count", "handling"]
        widgets = {
            "discovered_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "handling": forms.Textarea(attrs={"rows": 3}),
        }


@login_required
def breaches(request):
    if not policy.allows(request.user, "accounts.manage_breaches"):
        raise PermissionDenied
    form = BreachForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_breach(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(
                request, _("The breach was recorded. Notify the people affected and the authority within 3 × 24 hours.")
            )
            return redirect("accounts:breaches")
    return render(request, "accounts/breaches.html", {"form": form, "breaches": DataBreach.objects.all()[:100]})


@login_required
@require_POST
def breach_notified(request, pk, who):
    breach = get_object_or_404(DataBreach, pk=pk)
    try:
        services.mark_breach_notified(actor=request.user, breach=breach, who=who)
    except DomainError as exc:
        if exc.code == "forbidden":
            raise PermissionDenied from exc
        messages.error(request, str(exc))
    return redirect("accounts:breaches")


@login_required
def inbox(request):
    page = page_without_count(Notification.objects.filter(user=request.user), request.GET.get("page"), 30)
    return render(request, "accounts/inbox.html", {"page": page})


@login_required
@require_POST
def inbox_read(request, pk):
    from django.utils import timezone

    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    if notification.url.startswith("/"):
        return redirect(notification.url)
    return redirect("accounts:inbox")
