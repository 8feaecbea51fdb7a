from django import forms
from django.utils.translation import gettext_lazy as _

from core.files import validate_document

from .models import Complaint, Outcome


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class ComplaintForm(forms.Form):
    complainant_name = forms.CharField(label=_("Your name"), max_length=150)
    complainant_contact = forms.CharField(
        label=_("Your phone number or e-mail address"),
        max_length=150,
        help_text=_("Only the ethics council reads it, to reach you about this complaint."),
    )
    respondent_given = forms.CharField(
        label=_("Member number or name of the social worker"), max_length=150, help_text=_("e.g. IPSPI.32.2024.00001")
    )
    account = forms.CharField(
        label=_("What happened"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("When, where, what the social worker did. Name clients only where needed: only the council reads it."),
    )
    evidence = MultipleFileField(label=_("Evidence (PDF, JPEG or PNG; optional)"), required=False, validators=[validate_document])
    consent = forms.BooleanField(
        label=_(
            "I agree that the ethics council of IPSPI processes the personal data in this complaint to examine it (UU 27/2022)."
        )
    )


class ExamineForm(forms.Form):
    member_number = forms.CharField(label=_("Member number of the social worker complained about"), max_length=40)


class HearingForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"}))
    summary = forms.CharField(label=_("Summary of the hearing"), widget=forms.Textarea(attrs={"rows": 4}))
    attachment = forms.FileField(label=_("Attachment (optional)"), required=False, validators=[validate_document])


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=Outcome.choices)
    suspension_until = forms.DateField(
        label=_("Suspended until (suspension only)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(label=_("Grounds of the decision"), widget=forms.Textarea(attrs={"rows": 4}))


class AppealDecisionForm(forms.Form):
    appeal_outcome = forms.ChoiceField(label=_("Decision on the appeal"), choices=Complaint.AppealOutcome.choices)
    reason = forms.CharField(label=_("Grounds of the decision"), widget=forms.Textarea(attrs={"rows": 3}))


class AppealForm(forms.Form):
    grounds = forms.CharField(label=_("Grounds of your appeal"), widget=forms.Textarea(attrs={"rows": 5}))


class StatusForm(forms.Form):
    reference = forms.CharField(label=_("Reference"), max_length=30)
    token = forms.CharField(label=_("Secret code"), max_length=100)
