"""Forms of assisted registration: an officer enters an application on someone's behalf."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.files import validate_document

from .forms import BootstrapMixin, DateInput, EducationForm, PersonForm
from .models import AssistedRegistration


class AssistedPersonForm(PersonForm):
    class Meta(PersonForm.Meta):
        error_messages = {
            "nik": {
                "unique": _(
                    "A record with this NIK is already in the register: find it in the member list, or let the person claim it."
                )
            }
        }


class AssistedEducationForm(EducationForm):
    pass


class ConsentForm(BootstrapMixin, forms.Form):
    consent_given_by = forms.CharField(
        label=_("Consent given by"),
        max_length=150,
        help_text=_("The person's name, or the name of whoever signed for them."),
    )
    consent_given_on = forms.DateField(label=_("Consent given on"), widget=DateInput())
    consent_method = forms.ChoiceField(label=_("How consent was given"), choices=AssistedRegistration.Consent.choices)
    consent_document = forms.FileField(
        label=_("Consent document"),
        validators=[validate_document],
        help_text=_(
            "The signed form or letter (scan), or the e-mail in which the person asked to be registered: PDF, JPEG or PNG."
        ),
    )
    identity_document = forms.FileField(
        label=_("Identity document (KTP)"),
        required=False,
        validators=[validate_document],
        help_text=_("A scan of the KTP the person brought, if any."),
    )


class InvitationForm(BootstrapMixin, forms.Form):
    code = forms.CharField(label=_("Invitation code"), max_length=20, help_text=_("As printed or e-mailed, e.g. ABCD-EFGH-JKLM."))
