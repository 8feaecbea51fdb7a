from django import forms
from django.utils.translation import gettext_lazy as _

from core.files import validate_document
from credentials.models import DECISION_CATEGORIES
from regions.models import Province, Regency

from .models import Category, Education, Member, MembershipApplication, Person, Training, WorkExperience


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _bootstrap(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, (forms.CheckboxInput,)):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
            widget.attrs.setdefault("class", "form-select")
        else:
            widget.attrs.setdefault("class", "form-control")


class BootstrapMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bootstrap(self)


class _CurrentDocument:
    """What the file widget shows as the current document: the permission-checked download
    (never the storage path, which no one may open), named by what the document is."""

    def __init__(self, url: str, label: str):
        self.url = url
        self.label = label

    def __str__(self):
        return self.label


class PrivateFileInput(forms.ClearableFileInput):
    """A file input whose "current document" link goes to the view that serves the private file
    to its owner (`download_url`), or shows no link when there is none."""

    download_url = ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"]:
            context["widget"]["value"] = _CurrentDocument(self.download_url, str(_("view the current document")))
            if not self.download_url:
                context["widget"]["is_initial"] = False
        return context


def _link_current_documents(form: forms.ModelForm, kind: str, fields: tuple[str, ...]) -> None:
    """Point each file field's "current" link at the owner's download of this record's file."""
    from django.urls import reverse

    instance = form.instance
    for name in fields:
        field = form.fields.get(name)
        if field is None:
            continue
        widget = PrivateFileInput(attrs=field.widget.attrs)
        if instance.pk and getattr(instance, name):
            widget.download_url = reverse("registry:own_document", args=[kind, instance.pk if kind != "photo" else 0])
        field.widget = widget


class RegencyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} — {obj.province.name}"


class PersonForm(BootstrapMixin, forms.ModelForm):
    regency = RegencyChoiceField(
        label=_("regency/city"),
        queryset=Regency.objects.select_related("province").order_by("province__name", "name"),
        required=False,
    )

    class Meta:
        model = Person
        fields = [
            "nik",
            "full_name",
            "birth_place",
            "birth_date",
            "sex",
            "photo",
            "phone",
            "email",
            "address",
            "province",
            "regency",
            "workforce_category",
        ]
        widgets = {"birth_date": DateInput(), "address": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "nik": {"unique": _("This NIK is already registered. If the record is yours, claim it instead of registering again.")}
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _link_current_documents(self, "photo", ("photo",))

    def clean_phone(self):
        from .importer import normalise_phone

        raw = self.cleaned_data.get("phone", "")
        if not raw:
            return ""
        phone = normalise_phone(raw)
        if phone is None:
            raise forms.ValidationError(_("Write the phone number as 08… or +62…."))
        return phone


class EducationForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Education
        fields = ["level", "study_programme", "study_field", "institution", "graduation_year", "diploma"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _link_current_documents(self, "education", ("diploma",))


class ExperienceForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = WorkExperience
        fields = ["employer", "position", "practice_field", "started_on", "ended_on", "evidence"]
        widgets = {"started_on": DateInput(), "ended_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _link_current_documents(self, "experience", ("evidence",))


class TrainingForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Training
        fields = ["title", "organiser", "hours", "held_on", "certificate"]
        widgets = {"held_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _link_current_documents(self, "training", ("certificate",))


ITEM_FORMS = {"education": EducationForm, "experience": ExperienceForm, "training": TrainingForm}


class ApplicationForm(BootstrapMixin, forms.Form):
    channel = forms.ChoiceField(label=_("Apply through"), choices=MembershipApplication.Channel.choices, widget=forms.RadioSelect)
    province = forms.ModelChoiceField(
        label=_("Province of the DPD"),
        queryset=Province.objects.all(),
        required=False,
        help_text=_("For the DPP channel your own province is used for the member number."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].widget.attrs["class"] = "form-check-input"


# Each decision an officer can record, and the application's transition it makes.
DECISION_TRANSITIONS = {"verify": "verify", "return": "return_for_correction", "reject": "reject"}


class TransitionSelect(forms.Select):
    """A select whose options name the transition each one makes (`data-transition`)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value in DECISION_TRANSITIONS:
            option["attrs"]["data-transition"] = DECISION_TRANSITIONS[value]
        return option


class DecisionForm(BootstrapMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("verify", _("Verify and assign a member number")),
            ("return", _("Return for correction")),
            ("reject", _("Reject")),
        ],
        widget=TransitionSelect,
    )
    category = forms.ChoiceField(label=_("Membership category"), choices=Category.choices, required=False)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you return or reject: the applicant reads it."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, allowed: set[str] | None = None, **kwargs):
        """`allowed`: the application's allowed transitions; only their decisions are offered."""
        super().__init__(*args, **kwargs)
        if allowed is not None:
            field = self.fields["decision"]
            field.choices = [(value, label) for value, label in field.choices if DECISION_TRANSITIONS[value] in allowed]


class PaymentProofForm(BootstrapMixin, forms.Form):
    amount = forms.IntegerField(label=_("Amount paid (rupiah)"), min_value=1)
    paid_on = forms.DateField(label=_("Paid on"), widget=DateInput())
    reference = forms.CharField(label=_("Bank reference"), required=False, max_length=100)
    proof = forms.FileField(label=_("Proof of payment"), help_text=_("PDF, JPEG or PNG, at most 5 MB."))

    def clean_proof(self):
        from core.files import validate_document

        proof = self.cleaned_data["proof"]
        validate_document(proof)
        return proof


class RecordPaymentForm(BootstrapMixin, forms.Form):
    amount = forms.IntegerField(label=_("Amount received (rupiah)"), min_value=1)
    paid_on = forms.DateField(label=_("Paid on"), widget=DateInput())
    reference = forms.CharField(label=_("Reference"), required=False, max_length=100)


class ReasonForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=255)


class MemberStatusForm(BootstrapMixin, forms.Form):
    action = forms.ChoiceField(
        label=_("Decision"), choices=[("suspend", _("Suspend")), ("reinstate", _("Reinstate")), ("end", _("End the membership"))]
    )
    category = forms.ChoiceField(
        label=_("Reason category (shown to the public)"),
        choices=[("", "—"), *DECISION_CATEGORIES],
        required=False,
        help_text=_("Required to suspend or end. The public sees only this category, never the reason written below."),
    )
    reason = forms.CharField(label=_("Reason (internal, staff only)"), max_length=255)


class TransferForm(BootstrapMixin, forms.Form):
    to_province = forms.ModelChoiceField(label=_("New province"), queryset=Province.objects.all())
    reason = forms.CharField(label=_("Reason"), max_length=255)


class ClaimForm(BootstrapMixin, forms.Form):
    """Always asks for the identity document, so that the form is the same whichever way a
    matching record is confirmed (and whether one matches at all)."""

    nik = forms.CharField(label=_("NIK"), max_length=20)
    birth_date = forms.DateField(label=_("Date of birth"), widget=DateInput())
    document = forms.FileField(
        label=_("Identity document (KTP)"),
        validators=[validate_document],
        help_text=_("A photo or scan of your KTP (or another identity document showing your NIK): PDF, JPEG or PNG."),
    )


class ImportForm(BootstrapMixin, forms.Form):
    source = forms.CharField(
        label=_("Name of the list"), max_length=100, help_text=_("E.g. “Kongres 2010” or “Jaringan Peksos”.")
    )
    source_kind = forms.ChoiceField(
        label=_("What the list is"),
        choices=[
            ("lain", _("Other list: base records; rows with an existing member number become members")),
            ("kongres", _("Congress registrants: every valid row becomes a member at once, with a number and a card")),
            ("jaringan", _("Jaringan Peksos data: base records that their people claim and submit as applications")),
        ],
        initial="lain",
        widget=forms.RadioSelect,
    )
    file = forms.FileField(label=_("CSV or XLSX file"))

    def clean_source(self):
        from .models import validate_plain_text

        source = self.cleaned_data["source"].strip()
        validate_plain_text(source)
        return source

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        if upload.size > 50 * 1024 * 1024:
            raise forms.ValidationError(_("The file is too large (the limit is 50 MB)."))
        if name.endswith(".xlsx"):
            head = upload.read(4)
            upload.seek(0)
            if head != b"PK\x03\x04":
                raise forms.ValidationError(_("This is not a real XLSX file (its content was checked, not its name)."))
        return upload


class MemberFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label=_("Name or number"), required=False, max_length=100)
    province = forms.ModelChoiceField(label=_("Province"), queryset=Province.objects.all(), required=False)
    category = forms.ChoiceField(label=_("Category"), choices=[("", "—"), *Category.choices], required=False)
    status = forms.ChoiceField(label=_("Status"), choices=[("", "—"), *Member.Status.choices], required=False)
    education = forms.ChoiceField(label=_("Education level"), choices=[("", "—"), *Education.Level.choices], required=False)
    practice_field = forms.CharField(label=_("Field of practice"), required=False, max_length=100)

    def __init__(self, *args, provinces=None, **kwargs):
        super().__init__(*args, **kwargs)
        if provinces is not None:
            self.fields["province"].queryset = Province.objects.filter(pk__in=provinces)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "province": data["province"].pk if data.get("province") else None,
            "category": data.get("category") or None,
            "status": data.get("status") or None,
            "education": data.get("education") or None,
            "practice_field": data.get("practice_field") or None,
            "q": data.get("q") or None,
        }


class CardValidityForm(BootstrapMixin, forms.Form):
    """The next member card validity; the rules (a start today or later, after the current
    version, at least a year) are checked by services.publish_card_validity."""

    valid_from = forms.DateField(label=_("In force from"), widget=DateInput())
    years = forms.IntegerField(label=_("Card valid for (years)"), min_value=1, max_value=50)
    source = forms.CharField(label=_("Source (decree or decision)"), max_length=255)


class FeeScheduleForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        from .models import FeeSchedule

        model = FeeSchedule
        fields = ["category", "year", "amount", "due_month", "grace_days", "valid_from", "valid_until", "source", "source_url"]
        widgets = {"valid_from": DateInput(), "valid_until": DateInput()}

    def clean(self):
        data = super().clean()
        due_month = data.get("due_month")
        if due_month is not None and not 1 <= due_month <= 12:
            self.add_error("due_month", _("Choose a month from 1 to 12."))
        if data.get("valid_from") and data.get("valid_until") and data["valid_until"] < data["valid_from"]:
            self.add_error("valid_until", _("The end of the period is before its start."))
        return data


class PaymentInstructionsForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        from .models import PaymentInstructions

        model = PaymentInstructions
        fields = ["bank_name", "account_number", "account_holder", "note", "reference_format"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
