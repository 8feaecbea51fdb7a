from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import policy
from core import audit
from core.errors import DomainError
from core.exports import streaming_csv, xlsx_bytes
from core.models import AuditEvent
from regions.models import Province
from registry.models import Person

from . import selectors, services
from .forms import (
    AdoptForm,
    BodyForm,
    CommentForm,
    CommunityForm,
    CoordinatorForm,
    MapForm,
    MemberFieldForm,
    PracticeFieldForm,
    RetireForm,
    StandardForm,
)
from .models import Community, MemberPracticeField, PracticeField, StandardVersion


def _form_error(form, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, str(exc))


def _own_person(request) -> Person | None:
    return Person.objects.filter(user=request.user).first()


# --- a member's own fields ------------------------------------------------------------------------


@login_required
def my_fields(request):
    person = _own_person(request)
    entries = (
        MemberPracticeField.objects.filter(person=person).select_related("field")
        if person
        else MemberPracticeField.objects.none()
    )
    communities = (
        Community.objects.filter(memberships__person=person, memberships__left_at__isnull=True).select_related("field")
        if person
        else Community.objects.none()
    )
    return render(
        request,
        "practice/my_fields.html",
        {
            "person": person,
            "entries": entries,
            "suggestions": selectors.suggested_fields(person) if person else [],
            "communities": communities,
        },
    )


@login_required
def field_edit(request, pk: int | None = None):
    person = _own_person(request)
    if pk is not None:
        entry = get_object_or_404(MemberPracticeField, pk=pk, person=person) if person else None
        if entry is None:
            raise Http404
    else:
        if person is None:
            messages.info(request, _("Fill in your profile in the member register first."))
            return redirect("registry:profile_edit")
        entry = MemberPracticeField(person=person)
    initial = {}
    if request.method == "GET" and pk is None:
        # A suggestion the member chose: the form starts from it and saves only when they confirm.
        suggested = PracticeField.objects.active().filter(code=request.GET.get("bidang", "")).first()
        if suggested is not None:
            initial = {"field": suggested.pk, "setting": request.GET.get("setting", "")[:100]}
            if request.GET.get("tahun", "").isdigit():
                initial["years"] = min(int(request.GET["tahun"]), 70)
    form = MemberFieldForm(request.POST or None, instance=entry, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.keep_field(actor=request.user, entry=form.instance)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Your practice field was saved."))
            return redirect("practice:my_fields")
    return render(request, "practice/field_form.html", {"form": form, "entry": entry})


@login_required
@require_POST
def field_remove(request, pk: int):
    person = _own_person(request)
    entry = get_object_or_404(MemberPracticeField, pk=pk, person=person) if person else None
    if entry is None:
        raise Http404
    services.remove_field(actor=request.user, entry=entry)
    messages.success(request, _("The practice field was removed."))
    return redirect("practice:my_fields")


# --- the DPP's list of fields ---------------------------------------------------------------------


@login_required
def field_list(request):
    if not policy.allows(request.user, "practice.manage_fields"):
        raise PermissionDenied
    form = PracticeFieldForm(request.POST or None, initial={"source": _("Set by the DPP IPSPI")})
    if request.method == "POST" and form.is_valid():
        try:
            services.save_field(actor=request.user, practice_field=form.instance)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The practice field was added."))
            return redirect("practice:field_list")
    fields = PracticeField.objects.annotate(community_count=Count("communities"))
    return render(request, "practice/staff/field_list.html", {"form": form, "fields": fields, "retire_form": RetireForm()})


@login_required
def field_change(request, pk: int):
    if not policy.allows(request.user, "practice.manage_fields"):
        raise PermissionDenied
    practice_field = get_object_or_404(PracticeField, pk=pk)
    form = PracticeFieldForm(request.POST or None, instance=practice_field)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_field(actor=request.user, practice_field=form.instance)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The practice field was saved."))
            return redirect("practice:field_list")
    return render(request, "practice/staff/field_form.html", {"form": form, "practice_field": practice_field})


@login_required
@require_POST
def field_retire(request, pk: int):
    if not policy.allows(request.user, "practice.manage_fields"):
        raise PermissionDenied
    practice_field = get_object_or_404(PracticeField, pk=pk)
    form = RetireForm(request.POST)
    try:
        services.retire_field(
            actor=request.user, practice_field=practice_field, reason=form.data.get("reason", "") if form.is_valid() else ""
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The field was retired."))
    return redirect("practice:field_list")


@login_required
@require_POST
def field_reactivate(request, pk: int):
    if not policy.allows(request.user, "practice.manage_fields"):
        raise PermissionDenied
    practice_field = get_object_or_404(PracticeField, pk=pk)
    try:
        services.reactivate_field(actor=request.user, practice_field=practice_field)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The field is active again."))
    return redirect("practice:field_list")


# --- the practice map -----------------------------------------------------------------------------

CHART_WIDTH = 320


def _map_for(request):
    if not policy.allows(request.user, "practice.view_map"):
        raise PermissionDenied
    provinces = policy.narrowed(request.user, "practice.view_map", Province)
    return selectors.practice_map(provinces=provinces), provinces


def _chart(summaries) -> dict:
    """Horizontal bars drawn on the server: members per field, and those certified in it."""
    most = max((s.members for s in summaries), default=0) or 1
    bars = [
        {
            "label": s.field.name,
            "members": s.members,
            "certified": s.certified,
            "y": 24 * i,
            "width": round(CHART_WIDTH * s.members / most),
            "certified_width": round(CHART_WIDTH * s.certified / most),
        }
        for i, s in enumerate(summaries)
    ]
    return {
        "bars": bars,
        "height": 24 * len(bars) + 4,
        "width": CHART_WIDTH + 310,
        "bar_x": 250,
    }  # room after the longest bar for "certified/members"


@login_required
def practice_map(request):
    result, provinces = _map_for(request)
    form = MapForm(request.GET or None)
    few = 25
    if form.is_bound and form.is_valid() and form.cleaned_data.get("few"):
        few = form.cleaned_data["few"]
    return render(
        request,
        "practice/staff/map.html",
        {
            "map": result,
            "form": form,
            "few": few,
            "few_certified": result.few_certified(few),
            "schemes_missing": result.schemes_missing(),
            "chart": _chart(result.fields),
            "levels": selectors.LEVELS,
            "scope_provinces": list(provinces) if provinces is not None else None,
        },
    )


def map_table(result) -> tuple[list[str], list[list]]:
    header = [
        _("Field code"),
        # "Field" alone reads "Kolom" in a catalogue ahead of this one.
        _("Practice field"),
        _("Province code"),
        _("Province"),
        _("Members"),
        *[str(level) for level in selectors.LEVELS],
        _("Certified in this field"),
        _("Certified in another field only"),
        _("Not certified"),
    ]
    rows = [
        [
            row.field.code,
            row.field.name,
            row.province_code,
            row.province_name,
            row.members,
            *[row.by_level[level] for level in selectors.LEVELS],
            row.certified,
            row.other_field_only,
            row.not_certified,
        ]
        for row in result.rows
    ]
    return header, rows


@login_required
def map_download(request, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    result, provinces = _map_for(request)
    audit.record(
        request.user,
        AuditEvent.Action.EXPORT,
        None,
        summary=f"practice map {fmt}",
        request=request,
        provinces=[p.code for p in provinces] if provinces is not None else "national",
    )
    header, rows = map_table(result)
    filename = f"peksos-peta-praktik-{timezone.localdate().isoformat()}"
    if fmt == "csv":
        return streaming_csv(f"{filename}.csv", header, rows)
    response = HttpResponse(
        xlsx_bytes(header, rows), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- communities ----------------------------------------------------------------------------------


@login_required
def community_list(request):
    can_manage = policy.allows(request.user, "practice.manage_communities")
    form = CommunityForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                community = services.create_community(actor=request.user, community=form.instance)
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("The community was created. Name its coordinator next."))
                return redirect("practice:community_detail", pk=community.pk)
    communities = (
        Community.objects.select_related("field", "coordinator")
        .annotate(members=Count("memberships", filter=Q(memberships__left_at__isnull=True)))
        .order_by("field__order", "name")
    )
    return render(request, "practice/community_list.html", {"communities": communities, "form": form})


@login_required
def community_detail(request, pk: int):
    community = get_object_or_404(Community.objects.select_related("field", "coordinator"), pk=pk)
    person = _own_person(request)
    is_member = bool(person) and community.memberships.current().filter(person=person).exists()
    read_drafts = policy.allows(request.user, "practice.read_drafts", community)
    versions = StandardVersion.objects.order_by("-number")
    if not read_drafts:
        versions = versions.filter(status__in=[StandardVersion.Status.ADOPTED, StandardVersion.Status.SUPERSEDED])
    standards = community.standards.prefetch_related(Prefetch("versions", queryset=versions))
    return render(
        request,
        "practice/community_detail.html",
        {
            "community": community,
            "standards": standards,
            "is_member": is_member,
            "member_count": community.memberships.current().count(),
            "can_join": not is_member and policy.allows(request.user, "practice.join_community", community),
            "can_manage": policy.allows(request.user, "practice.manage_communities"),
            "can_draft": policy.allows(request.user, "practice.draft_standard", community),
            "coordinator_form": CoordinatorForm(),
        },
    )


@login_required
@require_POST
def community_join(request, pk: int):
    community = get_object_or_404(Community, pk=pk)
    if not policy.allows(request.user, "practice.join_community", community):
        raise PermissionDenied
    try:
        services.join_community(actor=request.user, community=community)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("You joined the community."))
    return redirect("practice:community_detail", pk=community.pk)


@login_required
@require_POST
def community_leave(request, pk: int):
    community = get_object_or_404(Community, pk=pk)
    try:
        services.leave_community(actor=request.user, community=community)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("You left the community."))
    return redirect("practice:community_detail", pk=community.pk)


@login_required
@require_POST
def community_coordinator(request, pk: int):
    if not policy.allows(request.user, "practice.manage_communities"):
        raise PermissionDenied
    community = get_object_or_404(Community, pk=pk)
    try:
        services.name_coordinator(actor=request.user, community=community, member_number=request.POST.get("member_number", ""))
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The coordinator was named."))
    return redirect("practice:community_detail", pk=community.pk)


@login_required
def standard_new(request, pk: int):
    community = get_object_or_404(Community, pk=pk)
    if not policy.allows(request.user, "practice.draft_standard", community):
        raise PermissionDenied
    form = StandardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.start_standard(actor=request.user, community=community, **form.cleaned_data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("practice:version_detail", pk=version.pk)
    return render(request, "practice/standard_form.html", {"form": form, "community": community})


def _version(request, pk: int) -> StandardVersion:
    version = get_object_or_404(StandardVersion.objects.select_related("standard__community__coordinator"), pk=pk)
    if not version.is_public and not policy.allows(request.user, "practice.read_drafts", version):
        raise Http404
    return version


def _other_versions(request, version):
    versions = version.standard.versions.exclude(pk=version.pk)
    if not policy.allows(request.user, "practice.read_drafts", version):
        versions = versions.filter(status__in=[StandardVersion.Status.ADOPTED, StandardVersion.Status.SUPERSEDED])
    return versions


@login_required
def version_detail(request, pk: int):
    version = _version(request, pk)
    return render(
        request,
        "practice/version_detail.html",
        {
            "version": version,
            "community": version.standard.community,
            "comments": version.comments.select_related("author"),
            "other_versions": _other_versions(request, version),
            "can_comment": version.status == StandardVersion.Status.IN_COMMENT
            and policy.allows(request.user, "practice.comment_standard", version),
            "can_draft": policy.allows(request.user, "practice.draft_standard", version),
            "can_adopt": "adopt" in version.allowed_transitions
            and policy.allows(request.user, "practice.adopt_standard", version),
            "comment_form": CommentForm(),
            "adopt_form": AdoptForm(),
        },
    )


@login_required
def version_edit(request, pk: int):
    version = _version(request, pk)
    if not policy.allows(request.user, "practice.draft_standard", version):
        raise PermissionDenied
    form = BodyForm(request.POST or None, initial={"body": version.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_draft(actor=request.user, version=version, body=form.cleaned_data["body"])
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("practice:version_detail", pk=version.pk)
    return render(request, "practice/version_form.html", {"form": form, "version": version})


@login_required
@require_POST
def version_comment(request, pk: int):
    version = _version(request, pk)
    if not policy.allows(request.user, "practice.comment_standard", version):
        raise PermissionDenied
    try:
        services.comment(actor=request.user, version=version, body=request.POST.get("body", ""))
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your comment was added."))
    return redirect("practice:version_detail", pk=version.pk)


@login_required
@require_POST
def version_open(request, pk: int):
    version = _version(request, pk)
    if not policy.allows(request.user, "practice.draft_standard", version):
        raise PermissionDenied
    try:
        services.open_for_comment(actor=request.user, version=version)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The version is open for comment by the community's members."))
    return redirect("practice:version_detail", pk=version.pk)


@login_required
@require_POST
def version_adopt(request, pk: int):
    version = _version(request, pk)
    if not policy.allows(request.user, "practice.adopt_standard", version):
        raise PermissionDenied
    try:
        services.adopt(actor=request.user, version=version, reference=request.POST.get("reference", ""))
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The version was adopted and is published on the portal."))
    return redirect("practice:version_detail", pk=version.pk)


@login_required
@require_POST
def version_next(request, pk: int):
    version = _version(request, pk)
    if not policy.allows(request.user, "practice.draft_standard", version):
        raise PermissionDenied
    try:
        draft = services.new_version(actor=request.user, standard=version.standard)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("practice:version_detail", pk=version.pk)
    messages.success(request, _("A new draft version was started from this text."))
    return redirect("practice:version_edit", pk=draft.pk)


# --- public -----------------------------------------------------------------------------------------


def _published():
    return StandardVersion.objects.published().select_related("standard__community__field", "standard__community__coordinator")


def public_standards(request):
    """Adopted practice standards, as the portal publishes them: the community, its
    coordinator's name and the text; nothing else about anyone."""
    versions = _published().order_by("standard__community__field__order", "standard__community__name", "standard__title")
    return render(request, "practice/public_list.html", {"versions": versions})


def public_standard(request, pk: int):
    version = get_object_or_404(_published(), pk=pk)
    return render(request, "practice/public_detail.html", {"version": version})
