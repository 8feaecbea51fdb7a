from django import forms
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError

from .numbers import read_numbers, read_upload


class NumbersForm(forms.Form):
    """Numbers typed or pasted (one a line), or a CSV/XLSX file whose first column holds them."""

    numbers = forms.CharField(
        label=_("Numbers (one per line)"),
        required=False,
        max_length=40000,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false", "autocomplete": "off"}),
    )
    file = forms.FileField(label=_("or a CSV/XLSX file (numbers in the first column)"), required=False)

    row_limit = 1000

    def clean(self):
        data = super().clean()
        found = read_numbers(data.get("numbers") or "")
        upload = data.get("file")
        if upload is not None:
            try:
                found += read_upload(upload.name, upload.read(), self.row_limit)
            except DomainError as error:
                self.add_error("file", str(error))
                return data
        if not found and not self.errors:
            raise forms.ValidationError(_("Give at least one number."))
        data["found"] = found
        return data


class OpenAccountForm(forms.Form):
    organisation = forms.CharField(label=_("Organisation"), max_length=200)


class WebhookForm(forms.Form):
    webhook_url = forms.URLField(label=_("Webhook address (https)"), max_length=500, required=False, assume_scheme="https")
