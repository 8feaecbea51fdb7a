from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Credential

MAX_UPLOAD = 50 * 1024 * 1024


class CredentialImportForm(forms.Form):
    """The kinds offered are those the officer may import (`importing.importable_kinds`)."""

    kind = forms.ChoiceField(label=_("Kind of credential"))
    source = forms.CharField(
        label=_("Name of the list"), max_length=100, help_text=_("E.g. “LSPS 2015-2024”; recorded in each record's history.")
    )
    file = forms.FileField(label=_("CSV or XLSX file"))

    def __init__(self, *args, kinds: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind, Credential.Kind(kind).label) for kind in kinds]
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("class", "form-select" if name == "kind" else "form-control")

    def clean_source(self):
        source = self.cleaned_data["source"].strip()
        if "<" in source or ">" in source:
            raise forms.ValidationError(_("The name cannot contain the characters < or >."))
        return source

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is too large (the limit is 50 MB)."))
        if name.endswith(".xlsx"):
            head = upload.read(4)
            upload.seek(0)
            if head != b"PK\x03\x04":
                raise forms.ValidationError(_("This is not a real XLSX file (its content was checked, not its name)."))
        return upload
