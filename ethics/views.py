from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import policy
from core import audit
from core.errors import DomainError
from core.files import serve_private
from core.models import AuditEvent
from core.paging import page_without_count
from core.ratelimit import public_rate_limit

from . import services
from .forms import AppealDecisionForm, AppealForm, ComplaintForm, DecisionForm, ExamineForm, HearingForm, StatusForm
from .models import Complaint, Evidence, Hearing, StrRecommendation

SESSION_KEY = "ethics_lodged"


def _lodge(request, *, as_officer: bool, template: str):
    form = ComplaintForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            complaint, token = services.lodge_complaint(
                actor=request.user,
                complainant_name=data["complainant_name"],
                complainant_contact=data["complainant_contact"],
                respondent_given=data["respondent_given"],
                account=data["account"],
                evidence=data["evidence"],
                as_officer=as_officer,
            )
        except DomainError as exc:
            if exc.code == "forbidden":
                raise PermissionDenied from exc
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            # Shown once, on the next page: only its hash is kept.
            request.session[SESSION_KEY] = {"reference": complaint.reference, "token": token}
            return redirect("ethics:lodged")
    return render(request, template, {"form": form})


@public_rate_limit("ethics-complaint", "30/m")
def lodge(request):
    """The public complaint form (anyone; signed in or not)."""
    return _lodge(request, as_officer=False, template="ethics/lodge.html")


@login_required
def lodge_officer(request):
    if not policy.allows(request.user, "ethics.lodge_as_officer"):
        raise PermissionDenied
    return _lodge(request, as_officer=True, template="ethics/lodge_officer.html")


def lodged(request):
    receipt = request.session.pop(SESSION_KEY, None)
    if receipt is None:
        return redirect("ethics:status")
    return render(request, "ethics/lodged.html", receipt)


@public_rate_limit("ethics-status", "30/m")
def status(request):
    """The complainant without an account reads the stage and, once decided, the outcome's
    category (as far as the law allows: nothing else about the member)."""
    form = StatusForm(request.GET or None)
    complaint = None
    if form.is_valid():
        complaint = services.complaint_for_status(form.cleaned_data["reference"], form.cleaned_data["token"])
        if complaint is None:
            form.add_error(None, _("No complaint matches this reference and secret code."))
    return render(request, "ethics/status.html", {"form": form, "complaint": complaint})


@login_required
def queue(request):
    if not policy.allows(request.user, "ethics.examine_complaint"):
        raise PermissionDenied
    complaints = policy.visible(request.user, "ethics.view_complaint", Complaint).select_related("respondent__member")
    if request.GET.get("semua") != "1":
        complaints = complaints.open()
    page = page_without_count(complaints.order_by("-lodged_at", "-pk"), request.GET.get("page"))
    return render(request, "ethics/queue.html", {"page": page})


def _complaint(request, pk) -> Complaint:
    complaint = get_object_or_404(Complaint.objects.select_related("respondent__member", "respondent__user"), pk=pk)
    if not policy.allows(request.user, "ethics.view_complaint", complaint):
        raise Http404
    return complaint


def _fail(request, exc: DomainError):
    if exc.code == "forbidden":
        raise PermissionDenied from exc
    messages.error(request, str(exc))


@login_required
def complaint_detail(request, pk):
    """Specific personal data (the complainant, clients): the council only; each opening logged."""
    complaint = _complaint(request, pk)
    audit.record_private_read(request, complaint, "ethics complaint")
    context = {
        "complaint": complaint,
        "evidence": complaint.evidence.all(),
        "hearings": complaint.hearings.all(),
        "actions": complaint.actions(),
        "examine_form": ExamineForm(
            initial={
                "member_number": complaint.respondent_given if complaint.respondent_given.upper().startswith("IPSPI.") else ""
            }
        ),
        "hearing_form": HearingForm(),
        "decision_form": DecisionForm(),
        "appeal_form": AppealDecisionForm(),
        "sanction": getattr(complaint, "sanction", None),
    }
    return render(request, "ethics/complaint.html", context)


@login_required
@require_POST
def complaint_step(request, pk, step):
    complaint = _complaint(request, pk)
    version = request.POST.get("version")
    try:
        if step == "examine":
            services.start_examination(
                actor=request.user, complaint=complaint, version=version, member_number=request.POST.get("member_number", "")
            )
        elif step == "hearing":
            form = HearingForm(request.POST, request.FILES)
            if not form.is_valid():
                raise DomainError(" ".join(m for errors in form.errors.values() for m in errors))
            services.record_hearing(actor=request.user, complaint=complaint, version=version, **form.cleaned_data)
        elif step == "decide":
            form = DecisionForm(request.POST)
            if not form.is_valid():
                raise DomainError(" ".join(m for errors in form.errors.values() for m in errors))
            services.decide(actor=request.user, complaint=complaint, version=version, **form.cleaned_data)
        elif step == "appeal":
            form = AppealDecisionForm(request.POST)
            if not form.is_valid():
                raise DomainError(" ".join(m for errors in form.errors.values() for m in errors))
            services.decide_appeal(
                actor=request.user,
                complaint=complaint,
                version=version,
                outcome=form.cleaned_data["appeal_outcome"],
                reason=form.cleaned_data["reason"],
            )
        else:
            raise Http404
    except DomainError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Saved."))
    return redirect("ethics:complaint", pk=complaint.pk)


@login_required
def evidence_file(request, pk, evidence_pk):
    complaint = _complaint(request, pk)
    evidence = get_object_or_404(Evidence, pk=evidence_pk, complaint=complaint)
    audit.record(request.user, AuditEvent.Action.DOWNLOAD_DOCUMENT, complaint, summary="ethics evidence", request=request)
    return serve_private(evidence.file)


@login_required
def hearing_file(request, pk, hearing_pk):
    complaint = _complaint(request, pk)
    hearing = get_object_or_404(Hearing, pk=hearing_pk, complaint=complaint)
    audit.record(request.user, AuditEvent.Action.DOWNLOAD_DOCUMENT, complaint, summary="ethics hearing", request=request)
    return serve_private(hearing.attachment)


@login_required
def my_case(request, pk):
    """The member's view of a complaint about them: the stage, the decision and their one appeal,
    never who complained or what they wrote."""
    complaint = get_object_or_404(Complaint.objects.select_related("respondent"), pk=pk)
    if not policy.allows(request.user, "ethics.view_decision", complaint):
        raise Http404
    form = AppealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.appeal(actor=request.user, complaint=complaint, grounds=form.cleaned_data["grounds"])
        except DomainError as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("Your appeal was sent to the ethics council."))
        return redirect("ethics:my_case", pk=complaint.pk)
    return render(
        request,
        "ethics/my_case.html",
        {
            "complaint": complaint,
            "form": form if complaint.may_appeal() else None,
            "sanction": getattr(complaint, "sanction", None),
        },
    )


@login_required
def recommendations(request):
    if not policy.allows(request.user, "ethics.handle_str_recommendation"):
        raise PermissionDenied
    if request.method == "POST":
        recommendation = get_object_or_404(StrRecommendation, pk=request.POST.get("recommendation") or 0)
        try:
            services.handle_str_recommendation(
                actor=request.user, recommendation=recommendation, note=request.POST.get("note", "")
            )
        except DomainError as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("Saved."))
        return redirect("ethics:recommendations")
    page = page_without_count(
        StrRecommendation.objects.select_related("complaint__respondent__member").order_by("handled_at", "-created_at"),
        request.GET.get("page"),
    )
    return render(request, "ethics/recommendations.html", {"page": page})
