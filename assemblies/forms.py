from django import forms
from django.utils.translation import gettext_lazy as _

from core.files import validate_document
from regions.models import Province
from registry.forms import BootstrapMixin, DateInput
from registry.models import ImportBatch

from .models import Kind


class AssemblyForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Assembly"), choices=Kind.choices)
    name = forms.CharField(
        label=_("Name"), max_length=200, help_text=_("E.g. Kongres V IPSPI, or Musda IV DPD IPSPI Jawa Barat.")
    )
    province = forms.ModelChoiceField(label=_("Province (Musda)"), queryset=Province.objects.none(), required=False)
    starts_on = forms.DateField(label=_("First day"), widget=DateInput())
    ends_on = forms.DateField(label=_("Last day"), widget=DateInput())
    place = forms.CharField(label=_("Place"), max_length=200)
    agenda = forms.CharField(label=_("Agenda"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    roll_cutoff = forms.DateField(label=_("Roll cut-off date"), widget=DateInput(), required=False)
    correction_deadline = forms.DateField(label=_("Corrections may be asked until"), widget=DateInput(), required=False)
    recorded_afterwards = forms.BooleanField(label=_("A past assembly, recorded afterwards"), required=False)

    def __init__(self, *args, provinces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = provinces


class CorrectionForm(BootstrapMixin, forms.Form):
    statement = forms.CharField(
        label=_("What should be corrected, and why"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class DecideCorrectionForm(BootstrapMixin, forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[("grant", _("Grant")), ("refuse", _("Refuse"))])
    may_attend = forms.BooleanField(label=_("May attend"), required=False, initial=True)
    may_vote = forms.BooleanField(label=_("May vote"), required=False, initial=True)
    reason = forms.CharField(label=_("Reason (the member reads it)"), max_length=255)


class DoorForm(BootstrapMixin, forms.Form):
    token = forms.CharField(
        label=_("Invitation code"),
        max_length=300,
        help_text=_("Scan the QR code with the camera above or a USB scanner, or type or paste the code."),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"}),
    )


class MinutesForm(BootstrapMixin, forms.Form):
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 8}), required=False)
    decisions = forms.CharField(label=_("Decisions"), widget=forms.Textarea(attrs={"rows": 6}), required=False)
    pdf = forms.FileField(label=_("Minutes (PDF, optional)"), required=False, validators=[validate_document])
    accountability_report_url = forms.URLField(
        label=_("Link to the board's accountability report (optional)"), max_length=300, required=False, assume_scheme="https"
    )


class AccountabilityReportForm(BootstrapMixin, forms.Form):
    period_start = forms.DateField(label=_("Period from"), widget=DateInput())
    period_end = forms.DateField(label=_("Period until"), widget=DateInput())
    text = forms.CharField(
        label=_("The board's account"),
        widget=forms.Textarea(attrs={"rows": 12}),
        required=False,
        help_text=_(
            "Printed before the figures Peksos adds: members, dues, certificates, STRs, licences, accreditations, complaints."
        ),
    )


class PastRollForm(BootstrapMixin, forms.Form):
    batch = forms.ModelChoiceField(label=_("Imported congress list"), queryset=ImportBatch.objects.none())
    attended = forms.BooleanField(label=_("The list records who attended"), required=False, initial=True)

    def __init__(self, *args, batches, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["batch"].queryset = batches
