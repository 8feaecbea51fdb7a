from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import policy
from accounts.roles import Role
from core import audit
from core.dates import format_id, register_day
from core.errors import DomainError
from core.files import serve_private
from core.models import AuditEvent
from core.paging import page_without_count
from regions.models import Province

from . import services
from .forms import (
    AccountabilityReportForm,
    AssemblyForm,
    CorrectionForm,
    DecideCorrectionForm,
    DoorForm,
    MinutesForm,
    PastRollForm,
)
from .models import Assembly, CorrectionRequest, RollEntry


def _form_error(form, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, str(exc))


def _refused(request, exc: DomainError) -> None:
    if exc.code == "forbidden":
        raise PermissionDenied from exc
    messages.error(request, str(exc))


def _assembly(request, pk, perm: str) -> Assembly:
    """The assembly, if the user may `perm` it; otherwise it does not exist for them."""
    assembly = get_object_or_404(Assembly.objects.select_related("rule", "province"), pk=pk)
    if not policy.allows(request.user, perm, assembly):
        raise Http404
    return assembly


# --- Members ----------------------------------------------------------------------------------


@login_required
def mine(request):
    """ "Am I on the roll of the Kongres?": every roll the person is on, their standing, and the
    assemblies of their scope."""
    person = getattr(request.user, "person", None)
    if person is None:
        messages.info(request, _("Complete your social-worker profile first."))
        return redirect("core:dashboard")
    entries = list(
        RollEntry.objects.filter(person=person).select_related("assembly", "province").order_by("-assembly__starts_on")
    )
    on_roll = {e.assembly_id for e in entries}
    others = [a for a in Assembly.objects.for_person(person).select_related("province")[:50] if a.pk not in on_roll]
    return render(request, "assemblies/mine.html", {"entries": entries, "others": others, "today": register_day()})


@login_required
def my_entry(request, pk):
    """The member's standing on one roll, their invitation's QR code, and the correction request."""
    entry = get_object_or_404(RollEntry.objects.select_related("assembly__province", "person", "member", "province"), pk=pk)
    if not policy.allows(request.user, "assemblies.view_own_entry", entry):
        raise Http404
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_correction(actor=request.user, entry=entry, statement=form.cleaned_data["statement"])
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Your request was sent to your DPD."))
            return redirect("assemblies:my_entry", pk=entry.pk)
    assembly = entry.assembly
    show_qr = entry.may_attend and not assembly.recorded_afterwards and assembly.ends_on >= register_day()
    door = settings.SITE_URL + reverse("assemblies:door", args=[assembly.pk]) + f"?t={entry.token}"
    return render(
        request,
        "assemblies/my_entry.html",
        {
            "entry": entry,
            "assembly": assembly,
            "form": form,
            "corrections": entry.corrections.all(),
            "corrections_open": assembly.corrections_open(register_day()),
            "deadline": format_id(assembly.correction_deadline),
            "qr_data": door if show_qr else "",
            "token": entry.token if show_qr else "",
        },
    )


@login_required
def detail(request, pk):
    """The assembly's page: dates, place, agenda, the rules it runs under, the minutes and
    decisions; for the officers in scope, the roll's counts and the actions."""
    assembly = _assembly(request, pk, "assemblies.read_assembly")
    manage = policy.allows(request.user, "assemblies.manage_assembly", assembly)
    staff = policy.allows(request.user, "assemblies.view_assembly", assembly)
    context = {"assembly": assembly, "rule": assembly.rule, "manage": manage, "staff": staff}
    if staff:
        context.update(summary=services.summary(assembly), delegates=services.delegates_by_province(assembly))
    if assembly.recorded_afterwards and policy.allows(request.user, "assemblies.record_past_assembly", assembly):
        context["past_form"] = PastRollForm(batches=services.kongres_lists())
    person = getattr(request.user, "person", None)
    if person is not None:
        context["own_entry"] = RollEntry.objects.filter(assembly=assembly, person=person).first()
    return render(request, "assemblies/detail.html", context)


@login_required
def minutes_pdf(request, pk):
    assembly = _assembly(request, pk, "assemblies.read_assembly")
    return serve_private(assembly.minutes_pdf, download_name=f"notulen-{assembly.pk}.pdf")


# --- Staff --------------------------------------------------------------------------------------


@login_required
def staff_list(request):
    if not policy.allows(request.user, "assemblies.view_assembly"):
        raise PermissionDenied
    page = page_without_count(
        policy.visible(request.user, "assemblies.view_assembly", Assembly)
        .select_related("province")
        .order_by("-starts_on", "-pk"),
        request.GET.get("page"),
    )
    return render(
        request,
        "assemblies/staff_list.html",
        {"page": page, "may_create": policy.allows(request.user, "assemblies.manage_assembly")},
    )


@login_required
def create(request):
    if not policy.allows(request.user, "assemblies.manage_assembly"):
        raise PermissionDenied
    # The provinces whose Musda the officer may run: every one for the DPP, their own for a DPD.
    if policy.allows(request.user, "assemblies.record_past_assembly"):
        provinces = Province.objects.all()
    else:
        provinces = Province.objects.filter(pk__in=policy.provinces_where(request.user, Role.DPD_OFFICER))
    form = AssemblyForm(request.POST or None, provinces=provinces)
    if request.method == "POST" and form.is_valid():
        try:
            assembly = services.create_assembly(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The assembly was created."))
            return redirect("assemblies:detail", pk=assembly.pk)
    return render(request, "assemblies/create.html", {"form": form})


@login_required
@require_POST
def freeze(request, pk):
    assembly = _assembly(request, pk, "assemblies.view_assembly")
    try:
        count = services.freeze_roll(request.user, assembly)
    except DomainError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("The roll was frozen with %(count)s entries.") % {"count": count})
    return redirect("assemblies:detail", pk=assembly.pk)


@login_required
@require_POST
def invite(request, pk):
    assembly = _assembly(request, pk, "assemblies.view_assembly")
    try:
        sent = services.send_invitations(actor=request.user, assembly=assembly)
    except DomainError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("%(count)s invitations sent.") % {"count": sent})
    return redirect("assemblies:detail", pk=assembly.pk)


@login_required
@require_POST
def past_roll(request, pk):
    assembly = _assembly(request, pk, "assemblies.view_assembly")
    form = PastRollForm(request.POST, batches=services.kongres_lists())
    if not form.is_valid():
        messages.error(request, _("Choose an imported congress list."))
        return redirect("assemblies:detail", pk=assembly.pk)
    try:
        added = services.roll_from_import(actor=request.user, assembly=assembly, **form.cleaned_data)
    except DomainError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("%(count)s people added to the roll.") % {"count": added})
    return redirect("assemblies:detail", pk=assembly.pk)


@login_required
def roll(request, pk):
    """The roll, as far as the officer's scope reaches (a DPD officer: their province's members)."""
    assembly = _assembly(request, pk, "assemblies.view_assembly")
    entries = policy.visible(request.user, "assemblies.view_roll_entry", RollEntry).filter(assembly=assembly)
    if request.GET.get("voters") == "1":
        entries = entries.voters()
    page = page_without_count(entries.for_list(), request.GET.get("page"))
    audit.record(request.user, AuditEvent.Action.READ_PRIVATE, assembly, summary="assembly roll", request=request)
    return render(
        request, "assemblies/roll.html", {"assembly": assembly, "page": page, "voters": request.GET.get("voters") == "1"}
    )


@login_required
def door(request, pk):
    """The registration desk, on a phone or a laptop: the code in (the page's camera scanner, a
    USB scanner, or typed), attendance out."""
    assembly = _assembly(request, pk, "assemblies.view_assembly")
    if not policy.allows(request.user, "assemblies.record_attendance", assembly):
        raise PermissionDenied
    form = DoorForm(request.POST or None, initial={"token": request.GET.get("t", "")})
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = services.record_attendance(actor=request.user, assembly=assembly, scanned=form.cleaned_data["token"])
        except DomainError as exc:
            _form_error(form, exc)
        else:
            form = DoorForm()  # ready for the next one
    # The in-page scanner posts through htmx and gets back only the desk (result, form, quorum),
    # so the camera keeps running; a plain post gets the whole page.
    template = "assemblies/_desk.html" if request.headers.get("HX-Request") == "true" else "assemblies/door.html"
    return render(
        request, template, {"assembly": assembly, "form": form, "result": result, "summary": services.summary(assembly)}
    )


@login_required
def quorum(request, pk):
    """The live count at the door (polled by htmx)."""
    assembly = _assembly(request, pk, "assemblies.view_assembly")
    return render(request, "assemblies/_quorum.html", {"assembly": assembly, "summary": services.summary(assembly)})


@login_required
def minutes(request, pk):
    assembly = _assembly(request, pk, "assemblies.view_assembly")
    if not policy.allows(request.user, "assemblies.manage_assembly", assembly):
        raise PermissionDenied
    form = MinutesForm(
        request.POST or None,
        request.FILES or None,
        initial={
            "minutes": assembly.minutes,
            "decisions": assembly.decisions,
            "accountability_report_url": assembly.accountability_report_url,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.publish_minutes(actor=request.user, assembly=assembly, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The minutes were published to the members."))
            return redirect("assemblies:detail", pk=assembly.pk)
    return render(request, "assemblies/minutes.html", {"assembly": assembly, "form": form})


@login_required
def report(request, pk):
    """The board's accountability report: the period it covers and the board's own account,
    editable until the assembly's last day; the PDF adds Peksos's figures for the period."""
    assembly = _assembly(request, pk, "assemblies.view_assembly")
    if not policy.allows(request.user, "assemblies.manage_assembly", assembly):
        raise PermissionDenied
    start, end = services.default_report_period(assembly)
    form = AccountabilityReportForm(
        request.POST or None, initial={"period_start": start, "period_end": end, "text": assembly.report_text}
    )
    editable = assembly.report_editable(register_day())
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_accountability_report(actor=request.user, assembly=assembly, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The accountability report was saved."))
            return redirect("assemblies:report", pk=assembly.pk)
    return render(request, "assemblies/report.html", {"assembly": assembly, "form": form, "editable": editable})


@login_required
def corrections(request):
    if not policy.allows(request.user, "assemblies.decide_correction"):
        raise PermissionDenied
    page = page_without_count(
        policy.visible(request.user, "assemblies.decide_correction", CorrectionRequest)
        .open()
        .select_related("entry__assembly", "entry__person", "entry__member"),
        request.GET.get("page"),
    )
    return render(request, "assemblies/corrections.html", {"page": page})


@login_required
def correction(request, pk):
    item = get_object_or_404(
        CorrectionRequest.objects.select_related("entry__assembly", "entry__person", "entry__member", "entry__province"), pk=pk
    )
    if not policy.allows(request.user, "assemblies.decide_correction", item):
        raise Http404
    form = DecideCorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.decide_correction(
                actor=request.user,
                request=item,
                grant=data["decision"] == "grant",
                reason=data["reason"],
                may_attend=data["may_attend"],
                may_vote=data["may_vote"],
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The decision was recorded and the member told."))
            return redirect("assemblies:corrections")
    audit.record_private_read(request, item.entry.person, "assembly roll correction")
    return render(request, "assemblies/correction.html", {"item": item, "entry": item.entry, "form": form})
