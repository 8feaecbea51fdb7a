from django import forms
from django.utils.translation import gettext_lazy as _

from core.files import validate_document
from core.vocabulary import EducationLevel, StudyField
from credentials.models import DECISION_CATEGORIES

from .models import (
    AssessmentEvent,
    CompetencyAssessor,
    Constituency,
    DocumentKind,
    EligibilityRuleSet,
    Scheme,
    UnitResult,
)


class BootstrapMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")


class SelfCheckForm(BootstrapMixin, forms.Form):
    education_level = forms.ChoiceField(label=_("Highest education level"), choices=EducationLevel.choices)
    study_field = forms.ChoiceField(label=_("Field of study"), choices=StudyField.choices)
    practice_months = forms.IntegerField(label=_("Months of social-work practice"), min_value=0, max_value=720)
    training_hours = forms.IntegerField(label=_("Hours of social-work training"), min_value=0, max_value=10_000)
    practice_hours = forms.IntegerField(
        label=_("Logged practice hours (optional)"),
        min_value=0,
        max_value=100_000,
        required=False,
        help_text=_("If you do not know them, hours are estimated from months."),
    )
    date = forms.DateField(
        label=_("Judge by the rules in force on (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for today."),
    )


class EvidenceForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("Description"), max_length=200, required=False)
    file = forms.FileField(label=_("File (PDF, JPEG or PNG)"))


class ReasonForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False)


class ScheduleForm(BootstrapMixin, forms.Form):
    event = forms.ModelChoiceField(label=_("Assessment event"), queryset=AssessmentEvent.objects.none())

    def __init__(self, *args, application=None, **kwargs):
        """Only the events this application can be scheduled for: its LSP, its scheme (or
        none named), not yet held and not full."""
        super().__init__(*args, **kwargs)
        if application is not None:
            self.fields["event"].queryset = AssessmentEvent.objects.open_for(application)


class AssignForm(BootstrapMixin, forms.Form):
    assessor = forms.ModelChoiceField(
        label=_("Assessor"),
        queryset=CompetencyAssessor.objects.none(),
        required=False,
        empty_label=_("— the least-loaded assessor without conflict —"),
    )

    def __init__(self, *args, lsp=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessor"].queryset = CompetencyAssessor.objects.filter(lsp=lsp).select_related("person")


class DecisionForm(BootstrapMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("competent", _("competent")), ("not_yet_competent", _("not yet competent"))]
    )
    note = forms.CharField(
        label=_("Note of the plenary/committee"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )


class AppealForm(BootstrapMixin, forms.Form):
    grounds = forms.CharField(label=_("Grounds of the appeal"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)


class AppealDecisionForm(BootstrapMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("uphold", _("uphold (re-assess every unit)")), ("dismiss", _("dismiss"))]
    )
    notes = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class UnitResultForm(BootstrapMixin, forms.Form):
    result = forms.ChoiceField(label=_("Result"), choices=UnitResult.Result.choices, widget=forms.RadioSelect)
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000)


class RecommendationForm(BootstrapMixin, forms.Form):
    recommendation = forms.ChoiceField(
        label=_("Recommendation"), choices=[("competent", _("competent")), ("not_yet_competent", _("not yet competent"))]
    )
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000)


class CertificateStatusForm(BootstrapMixin, forms.Form):
    action = forms.ChoiceField(
        label=_("Action"), choices=[("suspend", _("suspend")), ("reinstate", _("reinstate")), ("revoke", _("revoke"))]
    )
    category = forms.ChoiceField(
        label=_("Reason category (shown to the public)"),
        choices=[("", "—"), *DECISION_CATEGORIES],
        required=False,
        help_text=_("Required to suspend or revoke. The public sees only this category, never the reason written below."),
    )
    reason = forms.CharField(label=_("Reason (internal, staff only)"), max_length=255)

    def __init__(self, *args, actions=("suspend", "reinstate", "revoke"), **kwargs):
        """`actions`: the status changes the certificate's state machine allows now; only
        those are offered (and accepted)."""
        super().__init__(*args, **kwargs)
        field = self.fields["action"]
        field.choices = [(value, label) for value, label in field.choices if value in actions]


class SchemeForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Scheme
        fields = ["code", "title", "level", "practice_field", "description", "active"]


class UnitForm(BootstrapMixin, forms.Form):
    code = forms.CharField(label=_("Unit code"), max_length=40)
    title = forms.CharField(label=_("Unit title"), max_length=255)


class DocumentRequirementForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    required = forms.BooleanField(label=_("required"), required=False, initial=True)


class EventForm(BootstrapMixin, forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    mode = forms.ChoiceField(label=_("Mode"), choices=AssessmentEvent.Mode.choices)
    place = forms.CharField(label=_("Place (TUK) or link"), max_length=255)
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1, max_value=1000)
    scheme = forms.ModelChoiceField(label=_("Scheme (optional)"), queryset=Scheme.objects.none(), required=False)

    def __init__(self, *args, lsp=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scheme"].queryset = Scheme.objects.filter(lsp=lsp)


class AssessorForm(BootstrapMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail of the assessor's account"))
    registration_number = forms.CharField(label=_("Assessor registration number"), max_length=60)
    registration_valid_until = forms.DateField(
        label=_("Registration valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    employer = forms.CharField(label=_("Employer"), max_length=200)


class RelativeForm(BootstrapMixin, forms.Form):
    member_number = forms.CharField(label=_("Member number of the relative"), max_length=24)


class SeatForm(BootstrapMixin, forms.Form):
    constituency = forms.ChoiceField(label=_("Constituency"), choices=Constituency.choices)
    member_name = forms.CharField(label=_("Board member"), max_length=150)
    nominated_by = forms.CharField(label=_("Nominated by"), max_length=200, required=False)
    term_start = forms.DateField(label=_("Term starts"), widget=forms.DateInput(attrs={"type": "date"}))
    term_end = forms.DateField(label=_("Term ends"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class RenewalRequestForm(BootstrapMixin, forms.Form):
    portfolio = forms.FileField(
        label=_("Renewal portfolio"),
        required=False,
        validators=[validate_document],
        help_text=_("Evidence of your practice during the certificate's period (PDF or image), as the LSP asks for renewal."),
    )


class CertificateValidityForm(BootstrapMixin, forms.Form):
    rule_set = forms.ModelChoiceField(label=_("Certification route in force"), queryset=EligibilityRuleSet.objects.none())
    valid_from = forms.DateField(label=_("In force from"), widget=forms.DateInput(attrs={"type": "date"}))
    certificate_validity_months = forms.IntegerField(label=_("Certificate valid for (months)"), min_value=1, max_value=600)
    renewal_window_months = forms.IntegerField(label=_("Renewal opens (months before the end)"), min_value=1, max_value=600)
    source = forms.CharField(label=_("Source (decree or decision)"), max_length=255)

    def __init__(self, *args, in_force=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule_set"].queryset = EligibilityRuleSet.objects.filter(pk__in=[r.pk for r in in_force])
