import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import policy
from certification import renewals as certificate_renewals
from certification.models import Certificate
from core import audit
from core.dates import format_local, register_day
from core.errors import DomainError
from core.files import serve_private, validate_document
from core.models import AuditEvent
from core.paging import page_without_count
from credentials.models import DECISION_CATEGORIES
from regions.models import Regency

from . import documents, renewals, services
from .models import Licence, LicenceApplication, LicensingRuleSet, Str, StrApplication


def _person(request):
    person = getattr(request.user, "person", None)
    if person is None:
        messages.info(request, _("Complete your social-worker profile first."))
    return person


@login_required
def my_credentials(request):
    """Everything a social worker holds, what expires when, and what to do next."""
    person = _person(request)
    if person is None:
        return redirect("core:dashboard")
    today = register_day()
    member = getattr(person, "member", None)
    certificates = list(Certificate.objects.filter(person=person).select_related("scheme", "lsp", "credential"))
    strs = list(Str.objects.filter(person=person).select_related("credential"))
    licences = list(Licence.objects.filter(person=person).select_related("credential", "authority"))
    next_steps = []
    rule_set = services.rule_set_on(today)
    valid_certificates = [c for c in certificates if c.is_valid_on(today)]
    valid_strs = [s for s in strs if s.is_valid_on(today)]
    if not valid_certificates:
        next_steps.append(_("Apply for competency certification with the LSP."))
    elif rule_set.requires_str and not valid_strs:
        next_steps.append(_("Apply for your STR with IPSPI (UU 14/2019): you need it before a practice licence."))
    elif not [lic for lic in licences if lic.is_valid_on(today)]:
        next_steps.append(_("Apply for a practice licence (SIPPS) to the kabupaten/kota where you practise."))
    renewable = {lic.pk for lic in licences if services.may(services.check_may_renew_licence, lic, today)}
    for record in [*certificates, *strs, *licences]:
        if record.valid_until and 0 <= (record.valid_until - today).days <= 90 and record.current_status() == "valid":
            next_steps.append(
                _("%(what)s %(number)s expires on %(date)s: renew it in time.")
                % {"what": record._meta.verbose_name, "number": record.number, "date": format_local(record.valid_until)}
            )
    return render(
        request,
        "licensing/my_credentials.html",
        {
            "member": member,
            "certificates": certificates,
            "strs": strs,
            "licences": licences,
            "next_steps": next_steps,
            "rule_set": rule_set,
            "renewable": renewable,
            "may_apply_for_str": services.may(services.check_may_apply_for_str, person, today),
            "may_apply_for_licence": services.may(services.check_may_apply_for_licence, person, today),
            "str_applications": StrApplication.objects.filter(person=person)[:10],
            "certificate_checklists": [
                (c, certificate_renewals.certificate_checklist(c, today))
                for c in certificates
                if certificate_renewals.renewal_due(c, today)
            ],
            "str_checklists": [(s, renewals.str_checklist(s, today)) for s in strs if renewals.renewal_due(s, today)],
            "licence_checklists": [
                (lic, renewals.licence_checklist(lic, today)) for lic in licences if renewals.licence_renewal_due(lic, today)
            ],
            "licence_applications": LicenceApplication.objects.filter(person=person).select_related("authority")[:10],
        },
    )


class StrForm(forms.Form):
    certificate = forms.ModelChoiceField(label=gettext_lazy("Competency certificate"), queryset=Certificate.objects.none())
    health_statement = forms.FileField(label=gettext_lazy("Physical and mental health statement"), validators=[validate_document])
    oath_taken = forms.BooleanField(
        label=gettext_lazy("I have sworn the social worker's oath (sumpah/janji Pekerja Sosial)."), required=False
    )
    code_of_ethics = forms.BooleanField(
        label=gettext_lazy("I state that I will comply with the social workers' code of ethics."), required=False
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["certificate"].queryset = Certificate.objects.valid_for(person)


@login_required
def apply_str(request):
    person = _person(request)
    if person is None:
        return redirect("core:dashboard")
    form = StrForm(request.POST or None, request.FILES or None, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.apply_for_str(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("Your STR application was sent to the DPP."))
            return redirect("licensing:str_application", pk=application.pk)
    return render(request, "licensing/apply_str.html", {"form": form})


def _str_application(request, pk) -> StrApplication:
    application = get_object_or_404(StrApplication.objects.select_related("person", "certificate"), pk=pk)
    if not policy.allows(request.user, "licensing.view_str_application", application):
        raise Http404
    return application


@login_required
def str_application(request, pk):
    application = _str_application(request, pk)
    if request.method == "POST":
        try:
            services.decide_str(
                actor=request.user,
                application=application,
                version=request.POST.get("version"),
                approve=request.POST.get("decision") == "issue",
                reason=request.POST.get("reason", ""),
            )
        except DomainError as exc:
            if exc.code == "forbidden":
                raise PermissionDenied from exc
            messages.error(request, str(exc))
        return redirect("licensing:str_application", pk=application.pk)
    can_decide = policy.allows(request.user, "licensing.decide_str", application)
    issued = Str.objects.filter(application=application).first()
    return render(
        request,
        "licensing/str_application.html",
        {
            "application": application,
            # What the state machine allows, offered to whom policy allows it.
            "decisions": services.str_decisions(application, register_day()) if can_decide else [],
            "status_actions": issued.status_actions() if issued and can_decide else [],
            "issued": issued,
            "status_categories": DECISION_CATEGORIES,
            "checklist": renewals.str_checklist(application.renewal_of, register_day()) if application.renewal_of else None,
        },
    )


@login_required
def str_renewals_due(request):
    """STRs ending within 90 days without renewal, with what is missing: the DPD's own province,
    the DPP nationally."""
    if not policy.allows(request.user, "licensing.view_str_renewals"):
        raise PermissionDenied
    strs = policy.visible(request.user, "licensing.view_str_renewals", Str)
    rows = renewals.ending_without_renewal(strs, today=register_day())
    return render(request, "licensing/str_renewals_due.html", {"rows": rows})


@login_required
def licence_renewals_due(request):
    """Licences ending within 90 days without renewal, with what is missing: each authority its
    own, the ministry the national route's."""
    if not policy.allows(request.user, "licensing.view_licence_renewals"):
        raise PermissionDenied
    licences = policy.visible(request.user, "licensing.view_licence_renewals", Licence)
    rows = renewals.licences_ending_without_renewal(licences, today=register_day())
    return render(request, "licensing/licence_renewals_due.html", {"rows": rows})


@login_required
def health_statement(request, pk):
    """Specific personal data (UU 27/2022 Pasal 4): the person and the deciding DPP officer only,
    and every staff opening is in the audit trail."""
    application = _str_application(request, pk)
    if application.person.user_id != request.user.pk:
        audit.record(request.user, AuditEvent.Action.DOWNLOAD_DOCUMENT, application, summary="health statement", request=request)
    return serve_private(application.health_statement)


@login_required
def str_queue(request):
    if not policy.allows(request.user, "licensing.decide_str"):
        raise PermissionDenied
    page = page_without_count(
        StrApplication.objects.filter(status=StrApplication.State.SUBMITTED).select_related("person", "certificate"),
        request.GET.get("page"),
    )
    return render(request, "licensing/str_queue.html", {"page": page})


class LicenceForm(forms.Form):
    certificate = forms.ModelChoiceField(label=gettext_lazy("Competency certificate"), queryset=Certificate.objects.none())
    str_record = forms.ModelChoiceField(label=gettext_lazy("STR"), queryset=Str.objects.none(), required=False)
    setting = forms.ChoiceField(label=gettext_lazy("Practice setting"), choices=LicenceApplication.Setting.choices)
    place = forms.CharField(label=gettext_lazy("Practice place (institution, address or community)"), max_length=200)
    regency = forms.ModelChoiceField(label=gettext_lazy("Regency/city of the practice place"), queryset=Regency.objects.all())
    field = forms.CharField(label=gettext_lazy("Field of practice"), max_length=60)

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["certificate"].queryset = Certificate.objects.valid_for(person)
        self.fields["str_record"].queryset = Str.objects.valid().filter(person=person)


@login_required
def apply_licence(request):
    person = _person(request)
    if person is None:
        return redirect("core:dashboard")
    form = LicenceForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.apply_for_licence(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(
                request, _("Your licence application was sent to %(authority)s.") % {"authority": application.authority}
            )
            return redirect("licensing:licence_application", pk=application.pk)
    return render(request, "licensing/apply_licence.html", {"form": form, "rule_set": services.rule_set_on(register_day())})


def _licence_application(request, pk) -> LicenceApplication:
    application = get_object_or_404(
        LicenceApplication.objects.select_related(
            "person", "certificate__lsp", "authority__regency", "regency", "rule_set", "str_record"
        ),
        pk=pk,
    )
    if not policy.allows(request.user, "licensing.view_licence_application", application):
        raise Http404
    return application


@login_required
def licence_application(request, pk):
    application = _licence_application(request, pk)
    if request.method == "POST":
        action = request.POST.get("decision")
        try:
            if action == "recommend":
                services.recommend_licence(
                    actor=request.user,
                    application=application,
                    version=request.POST.get("version"),
                    text=request.POST.get("text", ""),
                )
            else:

                def day(name):
                    raw = request.POST.get(name, "")
                    try:
                        return datetime.date.fromisoformat(raw) if raw else None
                    except ValueError:
                        raise DomainError(_("Write the date as YYYY-MM-DD, e.g. 2025-01-31."), field=name) from None

                services.decide_licence(
                    actor=request.user,
                    application=application,
                    version=request.POST.get("version"),
                    grant=action == "grant",
                    decree_number=request.POST.get("decree_number", ""),
                    decree_date=day("decree_date"),
                    valid_until=day("valid_until"),
                    reason=request.POST.get("reason", ""),
                )
        except DomainError as exc:
            if exc.code == "forbidden":
                raise PermissionDenied from exc
            messages.error(request, str(exc))
        return redirect("licensing:licence_application", pk=application.pk)
    licence = Licence.objects.filter(application=application).first()
    # What the state machine allows, offered to whom policy allows it.
    allowed = application.decisions()
    decisions = (
        [d for d in allowed if d == "recommend"]
        if policy.allows(request.user, "licensing.recommend_licence", application)
        else []
    )
    if policy.allows(request.user, "licensing.decide_licence", application):
        decisions += [d for d in allowed if d in ("grant", "refuse")]
    can_manage = licence is not None and policy.allows(request.user, "licensing.manage_licence", licence)
    return render(
        request,
        "licensing/licence_application.html",
        {
            "application": application,
            "licence": licence,
            "decisions": decisions,
            "status_actions": licence.status_actions() if can_manage else [],
            "status_categories": DECISION_CATEGORIES,
        },
    )


@login_required
@require_POST
def licence_status(request, pk):
    licence = get_object_or_404(Licence.objects.select_related("authority", "credential"), pk=pk)
    try:
        services.change_licence_status(
            actor=request.user,
            licence=licence,
            action=request.POST.get("action", ""),
            reason=request.POST.get("reason", ""),
            category=request.POST.get("category", ""),
        )
    except DomainError as exc:
        if exc.code == "forbidden":
            raise PermissionDenied from exc
        messages.error(request, str(exc))
    if licence.application_id is None:  # imported from before Peksos: no application page
        return redirect("licensing:licence_queue")
    return redirect("licensing:licence_application", pk=licence.application_id)


@login_required
@require_POST
def str_status(request, pk):
    str_record = get_object_or_404(Str.objects.select_related("credential"), pk=pk)
    try:
        services.change_str_status(
            actor=request.user,
            str_record=str_record,
            action=request.POST.get("action", ""),
            reason=request.POST.get("reason", ""),
            category=request.POST.get("category", ""),
        )
    except DomainError as exc:
        if exc.code == "forbidden":
            raise PermissionDenied from exc
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The STR is now %(status)s.") % {"status": str_record.get_status_display()})
    if str_record.application_id is None:  # imported from before Peksos: no application page
        return redirect("licensing:str_queue")
    return redirect("licensing:str_application", pk=str_record.application_id)


@login_required
@require_POST
def renew_licence(request, pk):
    licence = get_object_or_404(Licence.objects.select_related("person", "application__regency"), pk=pk)
    if licence.person.user_id != request.user.pk:
        raise Http404
    try:
        application = services.renew_licence(actor=request.user, licence=licence)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("licensing:my_credentials")
    messages.success(request, _("Your renewal application was sent to %(authority)s.") % {"authority": application.authority})
    return redirect("licensing:licence_application", pk=application.pk)


@login_required
def licence_queue(request):
    if not policy.allows(request.user, "licensing.view_licence_queue"):
        raise PermissionDenied
    visible = (
        policy.visible(request.user, "licensing.view_licence_application", LicenceApplication)
        .filter(status__in=[LicenceApplication.State.SUBMITTED, LicenceApplication.State.RECOMMENDED])
        .select_related("person", "authority", "regency")
    )
    page = page_without_count(visible.order_by("submitted_at"), request.GET.get("page"))
    return render(request, "licensing/licence_queue.html", {"page": page})


@login_required
def licence_pdf(request, pk):
    licence = get_object_or_404(Licence.objects.select_related("person", "authority", "application", "credential"), pk=pk)
    if licence.application_id is None:  # imported from before Peksos
        allowed = licence.person.user_id == request.user.pk or policy.allows(request.user, "licensing.manage_licence", licence)
    else:
        allowed = policy.allows(request.user, "licensing.view_licence_application", licence.application)
    if not allowed:
        raise Http404
    body = documents.licence_pdf_bytes(licence)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="izin-praktik-{licence.pk}.pdf"'
    return response


@login_required
def str_pdf(request, pk):
    """The STR document, for its holder and the DPP (rendered when issued; rendered now if the
    background task has not run yet)."""
    str_record = get_object_or_404(Str.objects.select_related("person"), pk=pk)
    own = str_record.person.user_id == request.user.pk
    if not own and not policy.allows(request.user, "licensing.decide_str"):
        raise Http404
    if not str_record.pdf:
        str_record = documents.store_str_pdf(str_record.pk)
    if not own:
        audit.record(request.user, AuditEvent.Action.DOWNLOAD_DOCUMENT, str_record, summary=str_record.number, request=request)
    return serve_private(str_record.pdf, download_name=f"STR-{str_record.number}.pdf".replace("/", "-"))


class ValidityForm(forms.Form):
    valid_from = forms.DateField(label=gettext_lazy("In force from"), widget=forms.DateInput(attrs={"type": "date"}))
    str_validity_years = forms.IntegerField(label=gettext_lazy("STR valid for (years)"), min_value=1, max_value=50)
    licence_validity_years = forms.IntegerField(label=gettext_lazy("Licence valid for (years)"), min_value=1, max_value=50)
    source = forms.CharField(label=gettext_lazy("Source (decree or decision)"), max_length=255)

    def __init__(self, *args, user, current, **kwargs):
        super().__init__(*args, **kwargs)
        # Each owner sets its own period; the other one is shown and copied as it is.
        for name, perm in (
            ("str_validity_years", "licensing.set_str_validity"),
            ("licence_validity_years", "licensing.set_licence_validity"),
        ):
            if current is not None:
                self.fields[name].initial = getattr(current, name)
            if not policy.allows(user, perm):
                self.fields[name].disabled = True
                self.fields[name].required = False
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")


@login_required
def validity(request):
    can_str = policy.allows(request.user, "licensing.set_str_validity")
    can_licence = policy.allows(request.user, "licensing.set_licence_validity")
    if not (can_str or can_licence):
        raise PermissionDenied
    current = services.rule_set_in_force_today()
    form = ValidityForm(request.POST or None, user=request.user, current=current)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.publish_validity(
                actor=request.user,
                valid_from=data["valid_from"],
                source=data["source"],
                str_validity_years=data["str_validity_years"] if can_str else None,
                licence_validity_years=data["licence_validity_years"] if can_licence else None,
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("The new validity periods were published."))
            return redirect("licensing:validity")
    versions = LicensingRuleSet.objects.select_related("set_by").order_by("-valid_from")
    return render(request, "licensing/validity.html", {"form": form, "versions": versions})
