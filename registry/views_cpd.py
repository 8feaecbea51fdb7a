"""Pages of renewals and CPD (PKB) in the member register: the member's CPD record, the DPD's
review queue and list of members short of credits, the DPP's provider list, a provider's
attendance lists, and the officers' list of member cards ending without renewal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import policy
from core import audit
from core.dates import register_day
from core.errors import DomainError
from core.files import serve_private
from core.models import AuditEvent
from core.paging import page_without_count

from . import cpd, renewals, services
from .forms_cpd import AttendanceForm, CategoryForm, CpdActivityForm, CpdProviderForm
from .models import CpdActivity, CpdCategory, CpdProvider, Member


def _form_error(form, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, str(exc))


# --- the member ---------------------------------------------------------------------------------


@login_required
def my_cpd(request):
    person = services.own_person(request.user)
    member = Member.objects.filter(person=person).first() if person else None
    if member is None:
        messages.info(request, _("CPD is recorded by IPSPI members."))
        return redirect("registry:my_membership")
    form = CpdActivityForm()
    if request.method == "POST":
        form = CpdActivityForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                cpd.record_activity(actor=request.user, activity=form.save(commit=False))
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The activity was recorded; it counts once the DPD has accepted it."))
                return redirect("registry:my_cpd")
    today = register_day()
    standing = cpd.standing(person, today)
    rates = list(cpd.CpdCreditRate.objects.all())
    activities = [(a, cpd.credits_of(a, rates)) for a in person.cpd_activities.select_related("provider")]
    return render(
        request,
        "registry/cpd/my_cpd.html",
        {
            "member": member,
            "standing": standing,
            "by_category": [(CpdCategory(c).label, v) for c, v in standing.by_category.items()],
            "activities": activities,
            "form": form,
        },
    )


@login_required
def my_cpd_evidence(request, pk: int):
    person = services.own_person(request.user)
    activity = get_object_or_404(CpdActivity, pk=pk, person=person) if person else None
    if activity is None or not activity.evidence:
        raise Http404
    return serve_private(activity.evidence)


# --- the DPD: review and shortfall ----------------------------------------------------------


@login_required
def cpd_review_queue(request):
    if not policy.allows(request.user, "registry.review_cpd"):
        raise PermissionDenied
    qs = (
        policy.visible(request.user, "registry.review_cpd", CpdActivity)
        .filter(status=CpdActivity.Status.SUBMITTED)
        .select_related("person__member", "provider")
        .order_by("recorded_at", "pk")
    )
    page = page_without_count(qs, request.GET.get("page"))
    return render(request, "registry/cpd/review_queue.html", {"page": page})


def _reviewable(request, pk: int) -> CpdActivity:
    activity = get_object_or_404(CpdActivity.objects.select_related("person__member"), pk=pk)
    if not policy.allows(request.user, "registry.review_cpd", activity):
        raise Http404
    return activity


@login_required
@require_POST
def cpd_review(request, pk: int, decision: str):
    activity = _reviewable(request, pk)
    if decision not in ("accept", "reject"):
        raise Http404
    try:
        cpd.review_activity(
            actor=request.user, activity=activity, accept=decision == "accept", reason=request.POST.get("reason", "")
        )
        messages.success(request, _("The activity was accepted.") if decision == "accept" else _("The activity was rejected."))
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect("registry:cpd_review_queue")


@login_required
def cpd_review_evidence(request, pk: int):
    activity = _reviewable(request, pk)
    if not activity.evidence:
        raise Http404
    audit.record(request.user, AuditEvent.Action.DOWNLOAD_DOCUMENT, activity, summary="CPD evidence", request=request)
    return serve_private(activity.evidence)


@login_required
def cpd_shortfall(request):
    """Members whose STR period ends within a year with too few credits (the DPD's province)."""
    if not policy.allows(request.user, "registry.view_member"):
        raise PermissionDenied
    members = policy.visible(request.user, "registry.view_member", Member)
    rows = cpd.short_of_credits(members, today=register_day())
    return render(request, "registry/cpd/shortfall.html", {"rows": rows})


# --- the DPP: providers; a provider: attendance lists -------------------------------------------


@login_required
def cpd_providers(request):
    if not policy.allows(request.user, "registry.manage_cpd_providers"):
        raise PermissionDenied
    form = CpdProviderForm()
    if request.method == "POST":
        form = CpdProviderForm(request.POST)
        if form.is_valid():
            try:
                cpd.add_provider(actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The provider was added."))
                return redirect("registry:cpd_providers")
    return render(request, "registry/cpd/providers.html", {"providers": CpdProvider.objects.all(), "form": form})


@login_required
def cpd_attendance(request, pk: int):
    provider = get_object_or_404(CpdProvider, pk=pk)
    if not policy.allows(request.user, "registry.import_cpd_attendance", provider):
        raise Http404
    form = AttendanceForm()
    report = None
    if request.method == "POST":
        form = AttendanceForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                report = cpd.import_attendance(
                    actor=request.user,
                    provider=provider,
                    upload=form.cleaned_data["file"],
                    category=form.cleaned_data["category"],
                )
            except DomainError as exc:
                _form_error(form, exc)
            else:
                if report["problems"]:
                    messages.error(request, _("Nothing was saved: correct the rows below and send the list again."))
                else:
                    messages.success(
                        request,
                        _("%(created)s activities recorded, %(unchanged)s already recorded before.")
                        % {"created": report["created"], "unchanged": report["unchanged"]},
                    )
    return render(request, "registry/cpd/attendance.html", {"provider": provider, "form": form, "report": report})


@login_required
def cpd_my_provider(request):
    """A provider's account opens its own provider's attendance page (the menu's entry)."""
    from accounts.policy import organisations_where
    from accounts.roles import Role

    if not policy.allows(request.user, "registry.act_as_cpd_provider"):
        raise PermissionDenied
    ids = sorted(organisations_where(request.user, Role.CPD_PROVIDER, CpdProvider))
    if not ids:
        raise PermissionDenied
    return redirect("registry:cpd_attendance", pk=ids[0])


# --- officers: cards ending without renewal; a change of category ------------------------------


@login_required
def renewals_due(request):
    """Member cards ending within the renewal window that will not renew themselves, with what
    is missing (the DPD's own province; the DPP nationally)."""
    if not policy.allows(request.user, "registry.view_member"):
        raise PermissionDenied
    members = policy.visible(request.user, "registry.view_member", Member)
    rows = renewals.ending_without_renewal(members, today=register_day())
    return render(request, "registry/cpd/renewals_due.html", {"rows": rows})


@login_required
@require_POST
def member_category(request, pk: int):
    member = get_object_or_404(Member, pk=pk)
    if not policy.allows(request.user, "registry.view_member", member):
        raise Http404
    form = CategoryForm(request.POST)
    if form.is_valid():
        try:
            services.change_member_category(actor=request.user, member=member, **form.cleaned_data)
            messages.success(request, _("The category was changed and a new member card issued."))
        except DomainError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("Choose the new category and give the reason."))
    return redirect("registry:member_detail", pk=member.pk)
