from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .models import ConsentText


class SignupForm(AllauthSignupForm):
    name = forms.CharField(label=_("Full name"), max_length=150)
    consent = forms.BooleanField(
        label=_("I have read and agree to how Peksos processes my personal data (text below)."),
        required=True,
        error_messages={"required": _("You must agree to the processing of your personal data to register.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.consent_text = ConsentText.current(ConsentText.Purpose.REGISTRATION)
        if self.consent_text is not None:
            body = (
                self.consent_text.body_en if get_language() == "en" and self.consent_text.body_en else self.consent_text.body_id
            )
            self.fields["consent"].help_text = body
        self.order_fields(["name", "email", "password1", "password2", "consent"])

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if strip_tags(name) != name or any(c in name for c in "<>{}"):
            raise forms.ValidationError(_("A name cannot contain HTML or the characters < > { }."))
        return name

    def save(self, request):
        user = super().save(request)
        user.name = self.cleaned_data["name"]
        user.save(update_fields=["name"])
        return user
