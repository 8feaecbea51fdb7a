"""Reference data kept by the people who own it: the LKS register (Dinas Sosial, LKS operators),
and BALKS's instrument versions, board periods and assessor pool."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import policy
from accounts.roles import Role
from core.errors import DomainError
from core.paging import page_without_count
from regions.models import Regency

from . import services
from .models import (
    LKS,
    Accreditation,
    AssessorProposal,
    BalksAssessor,
    BoardMember,
    BoardMemberRule,
    BoardPeriod,
    GradeBand,
    Instrument,
    Standard,
    TargetGroup,
)


# --- the LKS register -----------------------------------------------------------------------------
class LKSForm(forms.ModelForm):
    target_groups = forms.ModelMultipleChoiceField(
        queryset=TargetGroup.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = LKS
        fields = [*services.LKS_FIELDS, "target_groups"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_groups"].label = LKS._meta.get_field("target_groups").verbose_name
        regencies = policy.regencies_where(user, Role.DINSOS_OFFICER)
        if regencies:
            self.fields["regency"].queryset = Regency.objects.filter(pk__in=regencies)
        else:
            del self.fields["regency"]  # an operator keeps the profile, not the regency


def _save(request, form, lks=None):
    data = {name: form.cleaned_data[name] for name in services.LKS_FIELDS if name in form.cleaned_data}
    groups = form.cleaned_data.get("target_groups")
    try:
        if lks is None:
            return services.register_lks(actor=request.user, data=data, target_groups=groups)
        return services.update_lks(actor=request.user, lks=lks, data=data, target_groups=groups)
    except DomainError as exc:
        if exc.code == "forbidden":
            raise PermissionDenied from None
        form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        return None


@login_required
def lks_list(request):
    if not policy.allows(request.user, "accreditation.edit_lks"):
        raise PermissionDenied
    q = request.GET.get("q", "").strip()[:100]
    lks = policy.visible(request.user, "accreditation.edit_lks", LKS).select_related("regency")
    if q:
        lks = lks.filter(name__icontains=q)
    # Each row shows its latest accreditation's grade and status: read for the page in one query.
    latest_first = Prefetch(
        "accreditations", queryset=Accreditation.objects.order_by("-valid_from", "-pk"), to_attr="latest_first"
    )
    page = page_without_count(lks.order_by("name", "pk").prefetch_related(latest_first), request.GET.get("page"), 50)
    for row in page.items:
        row._current_accreditation = row.latest_first[0] if row.latest_first else False
    return render(
        request,
        "accreditation/lks_list.html",
        {"page": page, "q": q, "can_register": policy.allows(request.user, "accreditation.register_lks")},
    )


@login_required
def lks_new(request):
    if not policy.allows(request.user, "accreditation.register_lks"):
        raise PermissionDenied
    form = LKSForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        lks = _save(request, form)
        if lks is not None:
            messages.success(request, _("The LKS was entered in the register."))
            return redirect("accreditation:lks", pk=lks.pk)
    return render(request, "accreditation/lks_form.html", {"form": form})


@login_required
def lks_edit(request, pk):
    lks = get_object_or_404(LKS.objects.select_related("regency"), pk=pk)
    if not policy.allows(request.user, "accreditation.edit_lks", lks):
        if policy.allows(request.user, "accreditation.view_lks", lks):
            raise PermissionDenied
        raise Http404
    form = LKSForm(request.POST or None, instance=LKS.objects.get(pk=pk), user=request.user)
    if request.method == "POST" and form.is_valid():
        if _save(request, form, lks) is not None:
            messages.success(request, _("The LKS profile was saved."))
            return redirect("accreditation:lks", pk=lks.pk)
    return render(request, "accreditation/lks_form.html", {"form": form, "lks": lks})


# --- versions of the accreditation instrument -------------------------------------------------------
class DraftVersionForm(forms.Form):
    version = forms.CharField(label=gettext_lazy("New version"), max_length=20)


class InstrumentForm(forms.ModelForm):
    class Meta:
        model = Instrument
        fields = list(services.INSTRUMENT_FIELDS)


class PublishForm(forms.Form):
    valid_from = forms.DateField(label=gettext_lazy("In force from"), widget=forms.DateInput(attrs={"type": "date"}))


class _RowForm(forms.Form):
    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def row(self) -> dict:
        data = dict(self.cleaned_data)
        data["delete"] = data.pop("DELETE", False)
        return data


class StandardRow(_RowForm):
    code = forms.CharField(label=gettext_lazy("Code"), max_length=10)
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    weight = forms.IntegerField(label=gettext_lazy("Weight (%)"), min_value=0, max_value=100)
    order = forms.IntegerField(label=gettext_lazy("Order"), min_value=0, max_value=999, initial=0)


class BandRow(_RowForm):
    grade = forms.ChoiceField(label=gettext_lazy("Grade"), choices=GradeBand.Grade.choices)
    min_score = forms.DecimalField(label=gettext_lazy("Lowest total score"), max_digits=5, decimal_places=2, min_value=0)
    validity_years = forms.IntegerField(label=gettext_lazy("Valid for (years)"), min_value=0, max_value=10)


class IndicatorRow(_RowForm):
    code = forms.CharField(label=gettext_lazy("Code"), max_length=12)
    text = forms.CharField(label=gettext_lazy("Indicator"), max_length=300)
    weight = forms.IntegerField(label=gettext_lazy("Weight"), min_value=1, max_value=100, initial=1)
    evidence_guidance = forms.CharField(label=gettext_lazy("Evidence"), max_length=300, required=False)
    order = forms.IntegerField(label=gettext_lazy("Order"), min_value=0, max_value=999, initial=0)


def _formset(form_class, prefix, rows, data=None):
    formset_class = forms.formset_factory(form_class, extra=1, can_delete=True, max_num=200, absolute_max=200)
    return formset_class(data, prefix=prefix, initial=rows)


def _rows(formset) -> list[dict]:
    return [f.row() for f in formset.forms if f.has_changed() or f.cleaned_data.get("pk")]


def _instrument_or_404(user, pk) -> Instrument:
    if not policy.allows(user, "accreditation.view_instruments"):
        raise PermissionDenied
    return get_object_or_404(Instrument, pk=pk)


@login_required
def instrument_list(request):
    if not policy.allows(request.user, "accreditation.view_instruments"):
        raise PermissionDenied
    can_manage = policy.allows(request.user, "accreditation.manage_instruments")
    form = DraftVersionForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                draft = services.draft_instrument(actor=request.user, version=form.cleaned_data["version"])
            except DomainError as exc:
                form.add_error("version" if exc.field == "version" else None, str(exc))
            else:
                messages.success(
                    request, _("Version %(version)s was drafted as a copy of the version in force.") % {"version": draft.version}
                )
                return redirect("accreditation:instrument", pk=draft.pk)
    instruments = Instrument.objects.select_related("published_by").order_by("-valid_from", "-pk")
    return render(
        request, "accreditation/instrument_list.html", {"instruments": instruments, "form": form, "can_manage": can_manage}
    )


@login_required
def instrument_detail(request, pk):
    instrument = _instrument_or_404(request.user, pk)
    editing = instrument.is_editable and policy.allows(request.user, "accreditation.manage_instruments")
    standards = list(instrument.standards.prefetch_related("indicators"))
    bands = list(instrument.grade_bands.all())
    context = {"instrument": instrument, "standards": standards, "bands": bands, "editing": editing}
    if editing:
        part = request.POST.get("part") if request.method == "POST" else None
        data = request.POST if part else None
        header = InstrumentForm(data if part == "header" else None, instance=Instrument.objects.get(pk=pk), prefix="h")
        standard_rows = _formset(
            StandardRow,
            "s",
            [{"pk": s.pk, "code": s.code, "name": s.name, "weight": s.weight, "order": s.order} for s in standards],
            data if part == "standards" else None,
        )
        band_rows = _formset(
            BandRow,
            "b",
            [{"pk": b.pk, "grade": b.grade, "min_score": b.min_score, "validity_years": b.validity_years} for b in bands],
            data if part == "bands" else None,
        )
        publish = PublishForm(data if part == "publish" else None)
        bound = {"header": header, "standards": standard_rows, "bands": band_rows, "publish": publish}.get(part)
        if bound is not None and bound.is_valid():
            try:
                if part == "header":
                    services.update_instrument_draft(
                        actor=request.user,
                        instrument=instrument,
                        changes={n: header.cleaned_data[n] for n in services.INSTRUMENT_FIELDS},
                    )
                elif part == "standards":
                    services.save_instrument_parts(actor=request.user, instrument=instrument, standards=_rows(standard_rows))
                elif part == "bands":
                    services.save_instrument_parts(actor=request.user, instrument=instrument, bands=_rows(band_rows))
                else:
                    services.publish_instrument(
                        actor=request.user, instrument=instrument, valid_from=publish.cleaned_data["valid_from"]
                    )
            except DomainError as exc:
                if exc.code == "forbidden":
                    raise PermissionDenied from None
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Saved."))
                return redirect("accreditation:instrument", pk=instrument.pk)
        context.update(
            header=header,
            standard_rows=standard_rows,
            band_rows=band_rows,
            publish=publish,
            problems=services.instrument_problems(instrument),
        )
    return render(request, "accreditation/instrument_detail.html", context)


@login_required
def instrument_standard(request, pk, standard_pk):
    instrument = _instrument_or_404(request.user, pk)
    standard = get_object_or_404(Standard, pk=standard_pk, instrument=instrument)
    if not (instrument.is_editable and policy.allows(request.user, "accreditation.manage_instruments")):
        raise PermissionDenied
    indicators = list(standard.indicators.all())
    rows = _formset(
        IndicatorRow,
        "i",
        [
            {
                "pk": i.pk,
                "code": i.code,
                "text": i.text,
                "weight": i.weight,
                "evidence_guidance": i.evidence_guidance,
                "order": i.order,
            }
            for i in indicators
        ],
        request.POST if request.method == "POST" else None,
    )
    if request.method == "POST" and rows.is_valid():
        try:
            services.save_instrument_parts(actor=request.user, instrument=instrument, standard=standard, indicators=_rows(rows))
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Saved."))
            return redirect("accreditation:instrument", pk=instrument.pk)
    return render(
        request, "accreditation/instrument_standard.html", {"instrument": instrument, "standard": standard, "rows": rows}
    )


# --- BALKS board periods and members ------------------------------------------------------------
class BoardPeriodForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Period"), max_length=100)
    decree = forms.CharField(label=gettext_lazy("Decree"), max_length=120)
    starts_on = forms.DateField(label=gettext_lazy("Starts on"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=gettext_lazy("Ends on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class BoardMemberForm(forms.ModelForm):
    class Meta:
        model = BoardMember
        fields = ["name", "position", "education", "birth_date", "appointed_on", *services.BOARD_MEMBER_FACTS]
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date"}),
            "appointed_on": forms.DateInput(attrs={"type": "date"}),
        }


@login_required
def board(request):
    if not policy.allows(request.user, "accreditation.manage_board"):
        raise PermissionDenied
    form = BoardPeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            period = services.open_board_period(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("The board period was recorded."))
            return redirect("accreditation:board_period", pk=period.pk)
    periods = BoardPeriod.objects.prefetch_related("members")
    return render(
        request,
        "accreditation/board.html",
        {"periods": periods, "form": form, "rules": BoardMemberRule.objects.order_by("-valid_from")},
    )


@login_required
def board_period(request, pk):
    if not policy.allows(request.user, "accreditation.manage_board"):
        raise PermissionDenied
    period = get_object_or_404(BoardPeriod, pk=pk)
    form = BoardMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_board_member(actor=request.user, period=period, **data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("The member was recorded."))
            return redirect("accreditation:board_period", pk=period.pk)
    return render(request, "accreditation/board_period.html", {"period": period, "members": period.members.all(), "form": form})


# --- the assessor pool ------------------------------------------------------------------------------
class ProposalForm(forms.Form):
    assessor = forms.ModelChoiceField(label=gettext_lazy("Assessor"), queryset=BalksAssessor.objects.all())
    kind = forms.ChoiceField(label=gettext_lazy("Proposal"), choices=AssessorProposal.Kind.choices)
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    letter_number = forms.CharField(label=gettext_lazy("Letter to the Minister"), max_length=100, required=False)


class DecisionForm(forms.Form):
    approved = forms.TypedChoiceField(
        label=gettext_lazy("Decision"),
        choices=[("1", gettext_lazy("approved")), ("0", gettext_lazy("not approved"))],
        coerce=lambda v: v == "1",
    )
    decree = forms.CharField(label=gettext_lazy("Minister's decree"), max_length=120)
    decided_on = forms.DateField(label=gettext_lazy("Decided on"), widget=forms.DateInput(attrs={"type": "date"}))


@login_required
def assessor_pool(request):
    if not policy.allows(request.user, "accreditation.manage_pool"):
        raise PermissionDenied
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.propose_assessor(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("The proposal to the Minister was recorded."))
            return redirect("accreditation:assessor_pool")
    assessors = BalksAssessor.objects.select_related("work_regency")
    rows = [(a, services.assessor_criteria(a), a.is_active()) for a in assessors]
    proposals = AssessorProposal.objects.select_related("assessor")[:100]
    return render(
        request,
        "accreditation/assessor_pool.html",
        {
            "rows": rows,
            "proposals": proposals,
            "form": form,
            "decision_form": DecisionForm(),
            "labels": services.ASSESSOR_CRITERIA_LABELS,
        },
    )


@login_required
@require_POST
def assessor_decision(request, pk):
    if not policy.allows(request.user, "accreditation.manage_pool"):
        raise PermissionDenied
    proposal = get_object_or_404(AssessorProposal, pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the decision, the decree number and its date."))
        return redirect("accreditation:assessor_pool")
    try:
        services.record_minister_decision(actor=request.user, proposal=proposal, **form.cleaned_data)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The Minister's decision was recorded."))
    return redirect("accreditation:assessor_pool")
