import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import policy
from core import audit
from core.errors import DomainError
from core.files import serve_private, validate_document
from core.models import AuditEvent
from core.paging import page_without_count
from regions.models import Province

from . import documents, services
from .models import (
    LKS,
    Accreditation,
    AccreditationApplication,
    BalksAssessor,
    DeterminationBatch,
    GradeBand,
    Indicator,
    Recommendation,
    Score,
    TargetGroup,
)


def _application_or_404(user, pk) -> AccreditationApplication:
    application = get_object_or_404(
        AccreditationApplication.objects.select_related("lks__regency", "lks__province", "instrument"), pk=pk
    )
    if not policy.allows(user, "accreditation.view_application", application):
        raise Http404  # outside the viewer's scope: not even its existence is confirmed
    return application


def _fail(request, exc: DomainError):
    if exc.code == "forbidden":
        raise PermissionDenied
    messages.error(request, str(exc))


@login_required
def workspace(request):
    user = request.user
    context = {}
    if policy.allows(user, "accreditation.apply"):
        context["my_lks"] = policy.visible(user, "accreditation.apply", LKS).select_related("regency")
    if policy.allows(user, "accreditation.recommend"):
        context["dinsos_queue"] = (
            policy.visible(user, "accreditation.recommend", AccreditationApplication)
            .filter(status=AccreditationApplication.Status.SUBMITTED)
            .select_related("lks")[:100]
        )
    if policy.allows(user, "accreditation.manage"):
        managed = policy.visible(user, "accreditation.manage", AccreditationApplication).select_related("lks")
        context["balks_queue"] = managed.filter(
            status__in=[
                AccreditationApplication.Status.RECOMMENDED,
                AccreditationApplication.Status.ACCEPTED,
                AccreditationApplication.Status.SCORED,
            ]
        )[:100]
        context["validated"] = managed.filter(status=AccreditationApplication.Status.VALIDATED)[:100]
    if policy.allows(user, "accreditation.score"):
        context["assignments"] = (
            policy.visible(user, "accreditation.score", AccreditationApplication)
            .filter(status__in=[AccreditationApplication.Status.ASSIGNED, AccreditationApplication.Status.DESK_REVIEWED])
            .select_related("lks")
        )
    if policy.allows(user, "accreditation.manage") or policy.allows(user, "accreditation.determine"):
        context["batches"] = DeterminationBatch.objects.filter(decree_number="")[:50]
    if not context:
        raise PermissionDenied
    return render(request, "accreditation/workspace.html", context)


@login_required
def lks_detail(request, pk):
    lks = get_object_or_404(LKS.objects.select_related("regency", "province"), pk=pk)
    if not policy.allows(request.user, "accreditation.view_lks", lks):
        raise Http404
    if request.method == "POST":
        try:
            application = services.start_application(actor=request.user, lks=lks)
        except DomainError as exc:
            _fail(request, exc)
            return redirect("accreditation:lks", pk=lks.pk)
        return redirect("accreditation:application", pk=application.pk)
    return render(
        request,
        "accreditation/lks_detail.html",
        {
            "lks": lks,
            "applications": lks.applications.all()[:20],
            "accreditations": lks.accreditations.all()[:20],
            "can_apply": policy.allows(request.user, "accreditation.apply", lks),
            "can_edit": policy.allows(request.user, "accreditation.edit_lks", lks),
        },
    )


class SelfAssessmentForm(forms.Form):
    request_letter = forms.FileField(
        label=gettext_lazy("Request letter to the head of BALKS"), required=False, validators=[validate_document]
    )
    evidence = forms.FileField(
        label=gettext_lazy("Documentary evidence (Formulir B)"), required=False, validators=[validate_document]
    )

    def __init__(self, *args, indicators, scale, initial_scores, draft=False, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + [(str(v), str(v)) for v in range(scale[0], scale[1] + 1)]
        for indicator in indicators:
            self.fields[f"ind_{indicator.pk}"] = forms.ChoiceField(
                label=f"{indicator.code} {indicator.text}",
                choices=choices,
                required=not draft,  # a draft keeps the answers given so far
                initial=str(initial_scores.get(str(indicator.pk), "")),
                help_text=indicator.evidence_guidance,
            )

    def scores(self) -> dict[str, int]:
        return {
            name.removeprefix("ind_"): int(value)
            for name, value in self.cleaned_data.items()
            if name.startswith("ind_") and value not in ("", None)
        }


class ScoreForm(forms.Form):
    def __init__(self, *args, indicators, scale, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + [(str(v), str(v)) for v in range(scale[0], scale[1] + 1)]
        for indicator in indicators:
            self.fields[f"ind_{indicator.pk}"] = forms.ChoiceField(label=f"{indicator.code} {indicator.text}", choices=choices)
            self.fields[f"note_{indicator.pk}"] = forms.CharField(
                label=_("Note on %(code)s") % {"code": indicator.code}, required=False, max_length=300
            )


def _indicators(application):
    from .services import instrument_on

    instrument = application.instrument or instrument_on(timezone.localdate())
    return instrument, list(Indicator.objects.filter(standard__instrument=instrument).select_related("standard"))


@login_required
def application_detail(request, pk):
    application = _application_or_404(request.user, pk)
    user = request.user
    context = {"application": application, "lks": application.lks}
    steps = application.steps_for(user)
    context["steps"] = steps
    if "submit" in steps:
        instrument, indicators = _indicators(application)
        draft = request.POST.get("action") == "draft"
        form = SelfAssessmentForm(
            request.POST or None,
            request.FILES or None,
            indicators=indicators,
            scale=(instrument.scale_min, instrument.scale_max),
            initial_scores=application.self_assessment,
            draft=draft,
        )
        if request.method == "POST" and form.is_valid():
            try:
                with transaction.atomic():
                    for field in ("request_letter", "evidence"):
                        if form.cleaned_data.get(field):
                            setattr(application, field, form.cleaned_data[field])
                    application.save(update_fields=["request_letter", "evidence"])
                    save = services.save_self_assessment_draft if draft else services.submit_application
                    save(actor=user, application=application, version=request.POST.get("version"), self_assessment=form.scores())
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                if draft:
                    messages.success(request, _("The self-assessment was saved as a draft; it is not submitted yet."))
                else:
                    messages.success(request, _("The request was sent to the Dinas Sosial."))
                return redirect("accreditation:application", pk=application.pk)
        context["self_assessment_form"] = form
    # Every button below is offered exactly when the state machine allows its step to this user.
    if "assign" in steps:
        context["proposal"] = services.propose_assessors(application)
        context["assessors"] = BalksAssessor.objects.all()
    context["can_manage"] = policy.allows(user, "accreditation.manage", application)
    context["assignment_list"] = application.assignments.select_related("assessor")
    context["recommendations"] = application.recommendations.all()
    if hasattr(user, "balks_assessor") and application.assignments.filter(assessor=user.balks_assessor).exists():
        if "finish_desk_review" in steps:
            context["score_phase"] = Score.Phase.DESK
        elif "finish_visit" in steps:
            context["score_phase"] = Score.Phase.VISIT
    context["accreditation"] = Accreditation.objects.filter(application=application).first()
    if application.status != AccreditationApplication.Status.DRAFT:
        context["self_assessment"] = services.self_assessment_of(application)
    if application.total_score is not None and application.instrument is not None:
        context["proposed_grade"] = application.instrument.grade_for(application.total_score)
    return render(request, "accreditation/application_detail.html", context)


@login_required
@require_POST
def dinsos_decide(request, pk):
    application = _application_or_404(request.user, pk)
    text = request.POST.get("text", "")
    try:
        if request.POST.get("decision") == "return":
            services.return_application(
                actor=request.user, application=application, version=request.POST.get("version"), reason=text
            )
        else:
            services.recommend(actor=request.user, application=application, version=request.POST.get("version"), note=text)
    except DomainError as exc:
        _fail(request, exc)
    return redirect("accreditation:application", pk=application.pk)


@login_required
@require_POST
def balks_accept(request, pk):
    application = _application_or_404(request.user, pk)
    try:
        services.accept(actor=request.user, application=application, version=request.POST.get("version"))
    except DomainError as exc:
        _fail(request, exc)
    return redirect("accreditation:application", pk=application.pk)


@login_required
@require_POST
def balks_decide(request, pk):
    """BALKS at acceptance: return the application for correction, or refuse it (both with a
    reason)."""
    application = _application_or_404(request.user, pk)
    step = services.refuse_application if request.POST.get("decision") == "refuse" else services.return_by_balks
    try:
        step(
            actor=request.user, application=application, version=request.POST.get("version"), reason=request.POST.get("text", "")
        )
    except DomainError as exc:
        _fail(request, exc)
    return redirect("accreditation:application", pk=application.pk)


@login_required
@require_POST
def remove_from_batch(request, pk, application_pk):
    batch = get_object_or_404(DeterminationBatch, pk=pk)
    application = get_object_or_404(AccreditationApplication, pk=application_pk, batch=batch)
    try:
        services.remove_from_batch(
            actor=request.user, batch=batch, application=application, reason=request.POST.get("reason", "")
        )
    except DomainError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("%(lks)s was taken out of the batch.") % {"lks": application.lks})
    return redirect("accreditation:batches")


@login_required
@require_POST
def balks_assign(request, pk):
    application = _application_or_404(request.user, pk)
    assessors = list(BalksAssessor.objects.filter(pk__in=[v for v in request.POST.getlist("assessors") if v.isdigit()]))
    try:
        services.assign_assessors(
            actor=request.user, application=application, version=request.POST.get("version"), assessors=assessors
        )
    except DomainError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Assessors assigned."))
    return redirect("accreditation:application", pk=application.pk)


@login_required
def score(request, pk, phase):
    application = _application_or_404(request.user, pk)
    if not policy.allows(request.user, "accreditation.score", application) or phase not in Score.Phase.values:
        raise PermissionDenied
    instrument, indicators = _indicators(application)
    form = ScoreForm(request.POST or None, indicators=indicators, scale=(instrument.scale_min, instrument.scale_max))
    if request.method == "POST" and form.is_valid():
        values = {i.pk: int(form.cleaned_data[f"ind_{i.pk}"]) for i in indicators}
        notes = {i.pk: form.cleaned_data.get(f"note_{i.pk}", "") for i in indicators}
        try:
            services.record_scores(actor=request.user, application=application, phase=phase, values=values, notes=notes)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your scores were recorded."))
            return redirect("accreditation:application", pk=application.pk)
    return render(request, "accreditation/score.html", {"application": application, "form": form, "phase": Score.Phase(phase)})


@login_required
@require_POST
def balks_validate(request, pk):
    application = _application_or_404(request.user, pk)
    try:
        services.validate_result(
            actor=request.user, application=application, version=request.POST.get("version"), note=request.POST.get("note", "")
        )
    except DomainError as exc:
        _fail(request, exc)
    return redirect("accreditation:application", pk=application.pk)


@login_required
@require_POST
def recommendation_edit(request, pk):
    recommendation = get_object_or_404(Recommendation.objects.select_related("application"), pk=pk)
    try:
        services.edit_recommendation(actor=request.user, recommendation=recommendation, text=request.POST.get("text", ""))
    except DomainError as exc:
        _fail(request, exc)
    return redirect("accreditation:application", pk=recommendation.application_id)


@login_required
def batches(request):
    user = request.user
    if not (policy.allows(user, "accreditation.manage") or policy.allows(user, "accreditation.determine")):
        raise PermissionDenied
    if request.method == "POST" and policy.allows(user, "accreditation.manage"):
        chosen = list(
            AccreditationApplication.objects.filter(pk__in=[v for v in request.POST.getlist("applications") if v.isdigit()])
        )
        try:
            services.send_to_minister(actor=user, applications=chosen)
        except DomainError as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("The results were sent to the Minister for determination."))
        return redirect("accreditation:batches")
    return render(
        request,
        "accreditation/batches.html",
        {
            "validated": policy.visible(user, "accreditation.view_application", AccreditationApplication)
            .filter(status=AccreditationApplication.Status.VALIDATED)
            .select_related("lks"),
            "batches": DeterminationBatch.objects.prefetch_related("applications__lks")[:50],
            "can_send": policy.allows(user, "accreditation.manage"),
            "can_determine": policy.allows(user, "accreditation.determine"),
        },
    )


@login_required
@require_POST
def determine(request, pk):
    batch = get_object_or_404(DeterminationBatch, pk=pk)
    raw_date = request.POST.get("decree_date", "")
    try:
        decree_date = datetime.date.fromisoformat(raw_date) if raw_date else None
    except ValueError:
        decree_date = None
    try:
        services.determine(
            actor=request.user, batch=batch, decree_number=request.POST.get("decree_number", ""), decree_date=decree_date
        )
    except DomainError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("The accreditation results are determined."))
    return redirect("accreditation:batches")


@login_required
def monitoring(request):
    user = request.user
    if not policy.allows(user, "accreditation.monitor"):
        raise PermissionDenied
    accreditations = (
        policy.visible(user, "accreditation.monitor", Accreditation)
        .select_related("lks__regency", "lks__province")
        .order_by("valid_until", "pk")
    )
    filters = {k: request.GET.get(k, "") for k in ("provinsi", "peringkat", "sasaran", "jatuh_tempo")}
    if filters["provinsi"]:
        accreditations = accreditations.filter(lks__province__code=filters["provinsi"][:2])
    if filters["peringkat"] in GradeBand.Grade.values:
        accreditations = accreditations.filter(grade=filters["peringkat"])
    if filters["sasaran"]:
        accreditations = accreditations.filter(lks__target_groups__code=filters["sasaran"][:40])
    if filters["jatuh_tempo"]:
        try:
            accreditations = accreditations.due_before(datetime.date.fromisoformat(filters["jatuh_tempo"]))
        except ValueError:
            messages.error(request, _("Write the date as YYYY-MM-DD, e.g. 2025-01-31."))
    page = page_without_count(accreditations, request.GET.get("page"), 50)
    return render(
        request,
        "accreditation/monitoring.html",
        {
            "page": page,
            "filters": filters,
            "provinces": Province.objects.all(),
            "grades": GradeBand.Grade.choices,
            "groups": TargetGroup.objects.all(),
        },
    )


@login_required
def certificate_pdf(request, pk):
    accreditation = get_object_or_404(
        Accreditation.objects.select_related("lks__regency", "lks__province", "credential", "application__instrument"), pk=pk
    )
    if not policy.allows(request.user, "accreditation.view_lks", accreditation.lks) or not accreditation.credential:
        raise Http404
    body = documents.certificate_pdf_bytes(accreditation)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="sertifikat-akreditasi-{accreditation.pk}.pdf"'
    return response


@login_required
def document(request, pk, kind):
    application = _application_or_404(request.user, pk)
    if kind not in ("request_letter", "evidence"):
        raise Http404
    fieldfile = getattr(application, kind)
    if not policy.allows(request.user, "accreditation.apply", application.lks):
        what = str(application._meta.get_field(kind).verbose_name)
        audit.record(request.user, AuditEvent.Action.DOWNLOAD_DOCUMENT, application, summary=what, request=request)
    return serve_private(fieldfile)
