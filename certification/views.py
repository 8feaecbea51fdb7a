"""Pages of competency certification: the public self-check, a member's applications, the LSP
officer's workspace and the assessor's assignments. Views call services and hold no rules."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import policy
from core import audit
from core import renewals as core_renewals
from core.dates import register_day
from core.errors import DomainError
from core.files import serve_private
from core.models import AuditEvent
from core.paging import page_without_count
from core.ratelimit import public_rate_limit

from . import forms, renewals, services
from .models import (
    LSP,
    Appeal,
    ApplicationEvidence,
    Assessment,
    AssessmentEvent,
    Certificate,
    CertificateRenewalRequest,
    CertificationApplication,
    CompetencyAssessor,
    EligibilityRuleSet,
    Scheme,
)
from .public_api import self_check

S = CertificationApplication.Status


def _fail(request, form, exc: DomainError):
    if form is not None and exc.field and exc.field in form.fields:
        form.add_error(exc.field, str(exc))
    else:
        messages.error(request, str(exc))


# --- public self-check ---------------------------------------------------------------------


@public_rate_limit("certification_self_check", "30/m")
def self_check_page(request):
    """The same engine as POST /api/v1/public/eligibility; nothing is stored."""
    form = forms.SelfCheckForm(request.POST or None)
    answer = None
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        if "date" in data:
            data["date"] = data["date"].isoformat()
        try:
            answer = self_check(data)
        except DomainError as exc:
            _fail(request, form, exc)
    from .eligibility import rule_sets_in_force

    in_force = rule_sets_in_force(timezone.localdate())
    return render(request, "certification/self_check.html", {"form": form, "answer": answer, "in_force": in_force})


# --- member self-service -------------------------------------------------------------------


@login_required
def my_applications(request):
    person = services.own_person(request.user)
    applications = CertificationApplication.objects.filter(person=person).with_related().order_by("-created_at") if person else []
    certificates = Certificate.objects.for_person(person).with_related() if person else []
    schemes = Scheme.objects.open_for_application().select_related("lsp").prefetch_related("units")
    judgement = None
    if person is not None:
        try:
            judgement = services.judge_person(person)
        except DomainError as exc:
            messages.warning(request, str(exc))
    return render(
        request,
        "certification/my_applications.html",
        {
            "person": person,
            "applications": applications,
            "certificates": certificates,
            "schemes": schemes,
            "judgement": judgement,
            "may_apply": policy.allows(request.user, "certification.apply"),
        },
    )


@login_required
@require_POST
def apply(request, scheme_pk):
    scheme = get_object_or_404(Scheme.objects.open_for_application(), pk=scheme_pk)
    try:
        application = services.start_application(actor=request.user, scheme=scheme)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("certification:my_applications")
    messages.success(request, _("Your application was started. Attach the documents and submit it."))
    return redirect("certification:my_application", pk=application.pk)


def _own_application(request, pk) -> CertificationApplication:
    application = get_object_or_404(CertificationApplication.objects.with_related(), pk=pk)
    if application.person.user_id != request.user.pk:
        raise Http404
    return application


@login_required
def my_application(request, pk):
    application = _own_application(request, pk)
    evidence_form = forms.EvidenceForm()
    appeal_form = forms.AppealForm()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "evidence":
                evidence_form = forms.EvidenceForm(request.POST, request.FILES)
                if evidence_form.is_valid():
                    services.add_evidence(
                        actor=request.user,
                        application=application,
                        kind=evidence_form.cleaned_data["kind"],
                        file=evidence_form.cleaned_data["file"],
                        title=evidence_form.cleaned_data["title"],
                    )
                    messages.success(request, _("The document was attached."))
                    return redirect("certification:my_application", pk=pk)
            elif action == "submit":
                services.submit_application(actor=request.user, application=application)
                messages.success(request, _("Your application was submitted."))
                return redirect("certification:my_application", pk=pk)
            elif action == "withdraw":
                services.withdraw_application(actor=request.user, application=application)
                messages.success(request, _("Your application was withdrawn."))
                return redirect("certification:my_application", pk=pk)
            elif action == "appeal":
                appeal_form = forms.AppealForm(request.POST)
                if appeal_form.is_valid():
                    services.lodge_appeal(
                        actor=request.user, application=application, grounds=appeal_form.cleaned_data["grounds"]
                    )
                    messages.success(request, _("Your appeal was lodged."))
                    return redirect("certification:my_application", pk=pk)
        except DomainError as exc:
            _fail(request, evidence_form if action == "evidence" else appeal_form if action == "appeal" else None, exc)
        application.refresh_from_db()
    judgement = None
    if application.editable_by_applicant:
        try:
            judgement = services.judge_application(application).chosen.as_dict()
        except DomainError as exc:
            messages.warning(request, str(exc))
    return render(
        request,
        "certification/my_application.html",
        {
            "application": application,
            "judgement": judgement or application.eligibility,
            "live": judgement is not None,
            "missing": application.missing_documents(),
            "evidence": application.evidence.all(),
            "evidence_form": evidence_form,
            "appeal_form": appeal_form,
            "steps": _steps(application),
            "certificate": Certificate.objects.filter(application=application).first(),
            "appeals": application.appeals.all(),
            "actions": application.applicant_actions(),
        },
    )


def _steps(application) -> list[dict]:
    """Where the application stands, as a list of steps for the candidate."""
    order = [S.DRAFT, S.SUBMITTED, S.ELIGIBLE, S.SCHEDULED, S.ASSESSED, S.COMPETENT]
    labels = {
        S.DRAFT: _("Prepare and attach documents"),
        S.SUBMITTED: _("Administrative check by the LSP"),
        S.ELIGIBLE: _("Eligible: waiting for an assessment event"),
        S.SCHEDULED: _("Competency assessment"),
        S.ASSESSED: _("Decision of the LSP"),
        S.COMPETENT: _("Certificate issued"),
    }
    position = {S.RETURNED: 0, S.INELIGIBLE: 1, S.NOT_YET_COMPETENT: 4, S.WITHDRAWN: 0}.get(application.status)
    if position is None:
        position = order.index(application.status)
    return [{"label": labels[s], "done": i < position, "current": i == position} for i, s in enumerate(order)]


@login_required
def evidence_file(request, pk):
    evidence = get_object_or_404(
        ApplicationEvidence.objects.select_related("application__person", "application__scheme__lsp"), pk=pk
    )
    if not policy.allows(request.user, "certification.view_application", evidence.application):
        raise Http404
    if evidence.application.person.user_id != request.user.pk:
        audit.record(request.user, AuditEvent.Action.DOWNLOAD_DOCUMENT, evidence, summary=str(evidence), request=request)
    return serve_private(evidence.file)


@login_required
def certificate_pdf(request, pk):
    certificate = get_object_or_404(Certificate.objects.with_related(), pk=pk)
    own = certificate.person.user_id == request.user.pk
    if not own and not policy.allows(request.user, "certification.manage_certificate", certificate):
        raise Http404
    if not certificate.pdf:  # the background task has not run yet: render it now
        from .documents import store_certificate_pdf

        certificate = store_certificate_pdf(certificate.pk)
    if not own:
        audit.record(request.user, AuditEvent.Action.DOWNLOAD_DOCUMENT, certificate, summary=certificate.number, request=request)
    return serve_private(certificate.pdf, download_name=f"sertifikat-{certificate.number}.pdf")


@login_required
def my_certificate(request, pk):
    """The holder's certificate: its standing and, from 90 days before its end, the renewal
    checklist under the requirements in force, and the renewal request."""
    certificate = get_object_or_404(Certificate.objects.with_related(), pk=pk)
    if certificate.person.user_id is None or certificate.person.user_id != request.user.pk:
        raise Http404
    today = register_day()
    form = forms.RenewalRequestForm(request.POST, request.FILES) if request.method == "POST" else forms.RenewalRequestForm()
    if request.method == "POST" and form.is_valid():
        try:
            services.request_certificate_renewal(
                actor=request.user, certificate=certificate, portfolio=form.cleaned_data["portfolio"]
            )
        except DomainError as exc:
            _fail(request, form, exc)
        else:
            messages.success(request, _("Your renewal request was sent to %(lsp)s.") % {"lsp": certificate.lsp.name})
            return redirect("certification:my_certificate", pk=pk)
    due = renewals.renewal_due(certificate, today)
    waiting = renewals.waiting_request(certificate)
    return render(
        request,
        "certification/my_certificate.html",
        {
            "certificate": certificate,
            "due": due,
            "checklist": renewals.certificate_checklist(certificate, today) if due else None,
            "waiting": waiting,
            "may_request": due and waiting is None and certificate.renewal_refusal(today) is None,
            "renewal_refusal": certificate.renewal_refusal(today) if due else None,
            "form": form,
            "requests": certificate.renewal_requests.all(),
            "renewed_by": certificate.renewals.first(),
            "window_opens": core_renewals.window_opens_on(certificate.valid_until) if certificate.valid_until else None,
        },
    )


# --- LSP officer ---------------------------------------------------------------------------


def _officer_lsps(user):
    """The LSPs whose schemes, events and assessors the officer manages."""
    return policy.visible(user, "certification.manage_lsp", LSP)


@login_required
def application_list(request):
    if not policy.allows(request.user, "certification.view_applications"):
        raise PermissionDenied
    applications = (
        policy.visible(request.user, "certification.view_applications", CertificationApplication)
        .with_related()
        .order_by("-submitted_at", "-pk")
    )
    status = request.GET.get("status", "")
    if status in S.values:
        applications = applications.filter(status=status)
    else:
        applications = applications.exclude(status=S.DRAFT)
    page = page_without_count(applications, request.GET.get("page"))
    return render(request, "certification/staff/application_list.html", {"page": page, "statuses": S.choices, "status": status})


def _staff_application(request, pk) -> CertificationApplication:
    application = get_object_or_404(CertificationApplication.objects.with_related(), pk=pk)
    if not policy.allows(request.user, "certification.view_applications", application):
        raise Http404  # outside the officer's LSP: as if it did not exist
    return application


@login_required
def application_detail(request, pk):
    application = _staff_application(request, pk)
    audit.record_private_read(request, application.person, "certification application")
    lsp = application.scheme.lsp
    reason_form = forms.ReasonForm()
    schedule_form = forms.ScheduleForm(application=application)
    assign_form = forms.AssignForm(lsp=lsp)
    decision_form = forms.DecisionForm()
    appeal_form = forms.AppealDecisionForm()
    if request.method == "POST":
        action = request.POST.get("action")
        form = None
        try:
            if action in ("accept", "return", "reject"):
                form = reason_form = forms.ReasonForm(request.POST)
                if reason_form.is_valid():
                    reason = reason_form.cleaned_data["reason"]
                    if action == "accept":
                        services.accept_application(actor=request.user, application=application)
                    elif action == "return":
                        services.return_application(actor=request.user, application=application, reason=reason)
                    else:
                        services.reject_as_ineligible(actor=request.user, application=application, reason=reason)
                    messages.success(request, _("The application was updated."))
                    return redirect("certification:application_detail", pk=pk)
            elif action == "schedule":
                form = schedule_form = forms.ScheduleForm(request.POST, application=application)
                if schedule_form.is_valid():
                    services.schedule_application(
                        actor=request.user, application=application, event=schedule_form.cleaned_data["event"]
                    )
                    messages.success(request, _("The candidate was scheduled."))
                    return redirect("certification:application_detail", pk=pk)
            elif action == "assign":
                form = assign_form = forms.AssignForm(request.POST, lsp=lsp)
                if assign_form.is_valid():
                    assessment = services.assign_assessor(
                        actor=request.user, application=application, assessor=assign_form.cleaned_data["assessor"]
                    )
                    messages.success(request, _("%(assessor)s was assigned.") % {"assessor": assessment.assessor})
                    return redirect("certification:application_detail", pk=pk)
            elif action == "decide":
                form = decision_form = forms.DecisionForm(request.POST)
                if decision_form.is_valid():
                    certificate = services.decide(
                        actor=request.user,
                        application=application,
                        competent=decision_form.cleaned_data["decision"] == "competent",
                        note=decision_form.cleaned_data["note"],
                    )
                    if certificate:
                        messages.success(request, _("Competent: certificate %(number)s issued.") % {"number": certificate.number})
                    else:
                        messages.success(request, _("The decision was recorded."))
                    return redirect("certification:application_detail", pk=pk)
            elif action == "appeal":
                form = appeal_form = forms.AppealDecisionForm(request.POST)
                appeal = get_object_or_404(Appeal, pk=request.POST.get("appeal"), application=application)
                if appeal_form.is_valid():
                    services.decide_appeal(
                        actor=request.user,
                        appeal=appeal,
                        uphold=appeal_form.cleaned_data["decision"] == "uphold",
                        notes=appeal_form.cleaned_data["notes"],
                    )
                    messages.success(request, _("The appeal was decided."))
                    return redirect("certification:application_detail", pk=pk)
        except DomainError as exc:
            _fail(request, form, exc)
        application.refresh_from_db()
    actions = application.staff_actions()
    assessors = services.eligible_assessors(application) if "assign" in actions else []
    return render(
        request,
        "certification/staff/application_detail.html",
        {
            "application": application,
            "evidence": application.evidence.all(),
            "assessments": application.assessments.select_related("assessor__person").prefetch_related("results__unit"),
            "standing": _standing_rows(application),
            "reason_form": reason_form,
            "schedule_form": schedule_form,
            "assign_form": assign_form,
            "decision_form": decision_form,
            "appeal_form": appeal_form,
            "assessors": assessors,
            "appeals": application.appeals.select_related("assessment__assessor__person"),
            "certificate": Certificate.objects.filter(application=application).first(),
            "actions": actions,
        },
    )


def _standing_rows(application):
    standing = services.unit_standing(application)
    return [{"unit": u, "result": standing.get(u.pk)} for u in application.scheme.units.all()]


@login_required
def scheme_list(request):
    if not policy.allows(request.user, "certification.manage_lsp"):
        raise PermissionDenied
    lsps = _officer_lsps(request.user).prefetch_related("schemes__units", "schemes__documents", "seats")
    form = forms.SchemeForm(request.POST if request.POST.get("action") == "scheme" else None)
    seat_form = forms.SeatForm(request.POST if request.POST.get("action") == "seat" else None)
    if request.method == "POST":
        lsp = get_object_or_404(lsps, pk=request.POST.get("lsp"))
        action = request.POST.get("action")
        try:
            if action == "scheme" and form.is_valid():
                scheme = form.save(commit=False)
                scheme.lsp = lsp
                services.save_scheme(actor=request.user, scheme=scheme)
                messages.success(request, _("The scheme was saved."))
                return redirect("certification:scheme_detail", pk=scheme.pk)
            if action == "seat" and seat_form.is_valid():
                services.add_board_seat(actor=request.user, lsp=lsp, **seat_form.cleaned_data)
                messages.success(request, _("The board member was recorded."))
                return redirect("certification:scheme_list")
            if action == "end_seat":
                seat = get_object_or_404(lsp.seats.all(), pk=request.POST.get("seat"))
                services.end_board_seat(actor=request.user, seat=seat, term_end=timezone.localdate())
                messages.success(request, _("The term was ended today."))
                return redirect("certification:scheme_list")
        except DomainError as exc:
            _fail(request, seat_form if action == "seat" else form if action == "scheme" else None, exc)
    today = timezone.localdate()
    boards = [{"lsp": x, "seats": x.seats_on(today), "warnings": x.composition_warnings(today)} for x in lsps]
    return render(
        request, "certification/staff/scheme_list.html", {"lsps": lsps, "boards": boards, "form": form, "seat_form": seat_form}
    )


@login_required
def scheme_detail(request, pk):
    scheme = get_object_or_404(Scheme.objects.select_related("lsp"), pk=pk)
    if not policy.allows(request.user, "certification.manage_lsp", scheme):
        raise Http404
    unit_form, document_form = forms.UnitForm(), forms.DocumentRequirementForm()
    form = forms.SchemeForm(instance=scheme)
    if request.method == "POST":
        action = request.POST.get("action")
        target = None
        try:
            if action == "unit":
                target = unit_form = forms.UnitForm(request.POST)
                if unit_form.is_valid():
                    services.add_unit(actor=request.user, scheme=scheme, **unit_form.cleaned_data)
                    return redirect("certification:scheme_detail", pk=pk)
            elif action == "document":
                target = document_form = forms.DocumentRequirementForm(request.POST)
                if document_form.is_valid():
                    services.set_required_document(actor=request.user, scheme=scheme, **document_form.cleaned_data)
                    return redirect("certification:scheme_detail", pk=pk)
            elif action == "scheme":
                target = form = forms.SchemeForm(request.POST, instance=scheme)
                if form.is_valid():
                    services.save_scheme(actor=request.user, scheme=form.save(commit=False))
                    messages.success(request, _("The scheme was saved."))
                    return redirect("certification:scheme_detail", pk=pk)
        except DomainError as exc:
            _fail(request, target, exc)
    return render(
        request,
        "certification/staff/scheme_detail.html",
        {
            "scheme": scheme,
            "units": scheme.units.all(),
            "documents": scheme.documents.all(),
            "form": form,
            "unit_form": unit_form,
            "document_form": document_form,
        },
    )


@login_required
def event_list(request):
    if not policy.allows(request.user, "certification.manage_lsp"):
        raise PermissionDenied
    lsps = _officer_lsps(request.user)
    lsp = lsps.filter(pk=request.POST.get("lsp")).first() if request.method == "POST" else lsps.first()
    form = forms.EventForm(request.POST or None, lsp=lsp)
    if request.method == "POST" and lsp is not None and form.is_valid():
        try:
            services.create_event(actor=request.user, lsp=lsp, **form.cleaned_data)
        except DomainError as exc:
            _fail(request, form, exc)
        else:
            messages.success(request, _("The event was created."))
            return redirect("certification:event_list")
    page = page_without_count(
        AssessmentEvent.objects.filter(lsp__in=lsps).select_related("lsp", "scheme"), request.GET.get("page")
    )
    return render(request, "certification/staff/event_list.html", {"page": page, "form": form, "lsps": lsps})


@login_required
def certificate_list(request):
    if not policy.allows(request.user, "certification.manage_certificate"):
        raise PermissionDenied
    certificates = policy.visible(request.user, "certification.manage_certificate", Certificate).with_related()
    q = request.GET.get("q", "").strip()
    if q:
        from registry.models import normalise_name
        from registry.name_index import name_contains

        certificates = certificates.filter(Q(number__iexact=q) | name_contains(normalise_name(q), prefix="person__"))
    page = page_without_count(certificates, request.GET.get("page"))
    return render(request, "certification/staff/certificate_list.html", {"page": page, "q": q})


@login_required
def certificate_export(request):
    """CSV of the officer's LSP certificates (public fields only), streamed and audited."""
    if not policy.allows(request.user, "certification.manage_certificate"):
        raise PermissionDenied
    from core.exports import streaming_csv

    certificates = (
        policy.visible(request.user, "certification.manage_certificate", Certificate)
        .select_related("person", "lsp", "scheme")
        .order_by("number")
    )
    audit.record(request.user, AuditEvent.Action.EXPORT, summary="competency certificates CSV", request=request)
    header = [
        _("Number"),
        _("Holder"),
        _("LSP"),
        _("Scheme"),
        _("Level"),
        _("Field of practice"),
        _("Issued on"),
        _("Valid until"),
        _("Status"),
    ]
    rows = (
        [
            c.number,
            c.person.full_name,
            c.lsp.code,
            c.scheme.code,
            c.get_level_display(),
            c.get_practice_field_display(),
            c.issued_on.isoformat(),
            c.valid_until.isoformat() if c.valid_until else "",
            c.get_status_display(),
        ]
        for c in certificates.iterator(chunk_size=2000)
    )
    return streaming_csv("sertifikat-kompetensi.csv", header, rows)


@login_required
def certificate_detail(request, pk):
    certificate = get_object_or_404(Certificate.objects.with_related(), pk=pk)
    if not policy.allows(request.user, "certification.manage_certificate", certificate):
        raise Http404
    today = register_day()
    form = forms.CertificateStatusForm(request.POST or None, actions=certificate.status_actions())
    refuse_form = forms.ReasonForm(request.POST if request.POST.get("action") == "refuse_renewal" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "renew":
                renewal = services.renew_certificate(actor=request.user, certificate=certificate)
                messages.success(request, _("Renewed as %(number)s.") % {"number": renewal.number})
                return redirect("certification:certificate_detail", pk=renewal.pk)
            if action == "refuse_renewal":
                waiting = renewals.waiting_request(certificate)
                if waiting is None:
                    raise DomainError(_("No renewal request is waiting."))
                if refuse_form.is_valid():
                    services.refuse_certificate_renewal(
                        actor=request.user, request=waiting, reason=refuse_form.cleaned_data["reason"]
                    )
                    messages.success(request, _("The renewal request was refused; the holder was told why."))
                    return redirect("certification:certificate_detail", pk=pk)
            elif form.is_valid():
                services.change_certificate_status(actor=request.user, certificate=certificate, **form.cleaned_data)
                messages.success(request, _("The status was changed."))
                return redirect("certification:certificate_detail", pk=pk)
        except DomainError as exc:
            _fail(request, refuse_form if action == "refuse_renewal" else form, exc)
        certificate.refresh_from_db()
    actions = services.certificate_actions(certificate, today)
    due = renewals.renewal_due(certificate, today)
    return render(
        request,
        "certification/staff/certificate_detail.html",
        {
            "certificate": certificate,
            "form": form if certificate.status_actions() else None,
            "refuse_form": refuse_form,
            "actions": actions,
            "renewal_refusal": certificate.renewal_refusal(today),
            "checklist": renewals.certificate_checklist(certificate, today) if due else None,
            "waiting": renewals.waiting_request(certificate),
            "requests": certificate.renewal_requests.select_related("decided_by", "renewal"),
        },
    )


@login_required
def renewals_due(request):
    """The LSP's certificates ending within 90 days without renewal, with what each renewal
    lacks or that its request waits for the LSP."""
    if not policy.allows(request.user, "certification.view_certificate_renewals"):
        raise PermissionDenied
    certificates = policy.visible(request.user, "certification.view_certificate_renewals", Certificate)
    rows = renewals.ending_without_renewal(certificates, today=register_day())
    return render(request, "certification/staff/renewals_due.html", {"rows": rows})


@login_required
def renewal_portfolio(request, pk):
    """A renewal portfolio is the holder's document: the holder and the issuing LSP's officers
    only, every staff opening in the audit trail."""
    renewal_request = get_object_or_404(
        CertificateRenewalRequest.objects.select_related("certificate__person", "certificate__lsp"), pk=pk
    )
    certificate = renewal_request.certificate
    own = certificate.person.user_id is not None and certificate.person.user_id == request.user.pk
    if not own and not policy.allows(request.user, "certification.manage_certificate", certificate):
        raise Http404
    if not renewal_request.portfolio:
        raise Http404
    if not own:
        audit.record(
            request.user, AuditEvent.Action.DOWNLOAD_DOCUMENT, renewal_request, summary="renewal portfolio", request=request
        )
    return serve_private(renewal_request.portfolio)


@login_required
def validity(request):
    """The ministry publishes a new version of a certification route with the certificate
    validity and renewal window, from a future day (the version in force is closed the day
    before; certificates keep the version they were issued under)."""
    if not policy.allows(request.user, "certification.set_certificate_validity"):
        raise PermissionDenied
    from .eligibility import rule_sets_in_force

    in_force = rule_sets_in_force(register_day())
    form = forms.CertificateValidityForm(request.POST or None, in_force=in_force)
    if request.method == "POST" and form.is_valid():
        try:
            services.publish_certificate_validity(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            _fail(request, form, exc)
        else:
            messages.success(request, _("The new certificate validity was published."))
            return redirect("certification:validity")
    versions = EligibilityRuleSet.objects.filter(purpose=EligibilityRuleSet.Purpose.CERTIFICATION).order_by("name", "-valid_from")
    return render(request, "certification/staff/validity.html", {"form": form, "versions": versions, "in_force": in_force})


@login_required
def assessor_list(request):
    if not policy.allows(request.user, "certification.manage_lsp"):
        raise PermissionDenied
    lsps = _officer_lsps(request.user)
    form = forms.AssessorForm()
    relative_form = forms.RelativeForm()
    if request.method == "POST":
        try:
            if request.POST.get("action") == "relative":
                relative_form = forms.RelativeForm(request.POST)
                assessor = get_object_or_404(CompetencyAssessor.objects.filter(lsp__in=lsps), pk=request.POST.get("assessor"))
                if relative_form.is_valid():
                    services.declare_relative(actor=request.user, assessor=assessor, **relative_form.cleaned_data)
                    messages.success(request, _("The relative was recorded."))
                    return redirect("certification:assessor_list")
                messages.error(request, _("Give the member number of the relative."))
            else:
                form = forms.AssessorForm(request.POST)
                lsp = get_object_or_404(lsps, pk=request.POST.get("lsp"))
                if form.is_valid():
                    services.register_assessor(actor=request.user, lsp=lsp, **form.cleaned_data)
                    messages.success(request, _("The assessor was registered."))
                    return redirect("certification:assessor_list")
        except DomainError as exc:
            if request.POST.get("action") == "relative":  # the row's field shows no form errors: say it above
                messages.error(request, str(exc))
            else:
                _fail(request, form, exc)
    assessors = (
        CompetencyAssessor.objects.filter(lsp__in=lsps)
        .select_related("person", "lsp")
        .with_open_load()
        .prefetch_related("declared_relatives")
    )
    page = page_without_count(assessors, request.GET.get("page"))
    return render(
        request,
        "certification/staff/assessor_list.html",
        {"page": page, "form": form, "relative_form": relative_form, "lsps": lsps},
    )


# --- assessor ------------------------------------------------------------------------------


@login_required
def assignment_list(request):
    if not policy.allows(request.user, "certification.view_assignments"):
        raise PermissionDenied
    assessments = (
        Assessment.objects.filter(assessor__user=request.user)
        .select_related("application__person", "application__scheme", "event")
        .order_by("recommendation", "-assigned_at")
    )
    relative_form = forms.RelativeForm(request.POST or None)
    posts = CompetencyAssessor.objects.filter(user=request.user)
    if request.method == "POST" and relative_form.is_valid() and not posts.exists():
        relative_form.add_error(None, _("You hold no assessor registration; ask your LSP to record the relative."))
    elif request.method == "POST" and relative_form.is_valid():
        for assessor in posts:
            try:
                services.declare_relative(actor=request.user, assessor=assessor, **relative_form.cleaned_data)
            except DomainError as exc:
                _fail(request, relative_form, exc)
                break
        else:
            messages.success(request, _("The relative was recorded."))
            return redirect("certification:assignment_list")
    page = page_without_count(assessments, request.GET.get("page"))
    relatives = {
        p
        for a in CompetencyAssessor.objects.filter(user=request.user).prefetch_related("declared_relatives")
        for p in a.declared_relatives.all()
    }
    return render(
        request,
        "certification/assessor/assignment_list.html",
        {"page": page, "relative_form": relative_form, "relatives": relatives},
    )


@login_required
def assignment(request, pk):
    assessment = get_object_or_404(
        Assessment.objects.select_related("application__person", "application__scheme__lsp", "assessor", "event"), pk=pk
    )
    if not policy.allows(request.user, "certification.record_results", assessment):
        raise Http404
    recommendation_form = forms.RecommendationForm()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "unit":
                unit = get_object_or_404(assessment.units.all(), pk=request.POST.get("unit"))
                unit_form = forms.UnitResultForm(request.POST, prefix=f"u{unit.pk}")
                if unit_form.is_valid():
                    services.record_unit_result(actor=request.user, assessment=assessment, unit=unit, **unit_form.cleaned_data)
                    messages.success(request, _("Result recorded for %(unit)s.") % {"unit": unit.code})
                    return redirect("certification:assignment", pk=pk)
                messages.error(request, _("Choose Kompeten or Belum Kompeten."))
            elif action == "recommend":
                recommendation_form = forms.RecommendationForm(request.POST)
                if recommendation_form.is_valid():
                    services.record_recommendation(actor=request.user, assessment=assessment, **recommendation_form.cleaned_data)
                    messages.success(request, _("Your recommendation was recorded."))
                    return redirect("certification:assignment", pk=pk)
        except DomainError as exc:
            _fail(request, recommendation_form if action == "recommend" else None, exc)
        assessment.refresh_from_db()
    results = {r.unit_id: r for r in assessment.results.all()}
    rows = []
    for unit in assessment.units.all().order_by("order", "code"):
        current = results.get(unit.pk)
        initial = {"result": current.result, "notes": current.notes} if current else None
        rows.append({"unit": unit, "result": current, "form": forms.UnitResultForm(prefix=f"u{unit.pk}", initial=initial)})
    return render(
        request,
        "certification/assessor/assignment.html",
        {
            "assessment": assessment,
            "rows": rows,
            "recommendation_form": recommendation_form,
            "portfolio": assessment.application.portfolio,
            "evidence": assessment.application.evidence.all(),
        },
    )
