from django import forms
from django.utils.translation import gettext_lazy as _

from core.dates import register_day

from .forms import BootstrapMixin, DateInput
from .models import Category, CpdActivity, CpdCategory, CpdProvider


class CpdActivityForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = CpdActivity
        fields = ["title", "category", "held_on", "hours", "provider", "provider_name", "evidence"]
        widgets = {"held_on": DateInput()}
        help_texts = {"provider_name": _("When the organiser is not on the list of accredited providers.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = register_day()
        self.fields["provider"].queryset = CpdProvider.objects.filter(accredited_from__lte=today)
        self.fields["provider"].required = False
        self.fields["evidence"].required = True


class CpdProviderForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    accredited_from = forms.DateField(label=_("Accredited from"), widget=DateInput())
    accredited_until = forms.DateField(label=_("Accredited until"), widget=DateInput(), required=False)
    decision = forms.CharField(label=_("DPP decision"), max_length=255)


class AttendanceForm(BootstrapMixin, forms.Form):
    category = forms.ChoiceField(label=_("Category of the activity"), choices=CpdCategory.choices)
    file = forms.FileField(
        label=_("Attendance list (CSV or XLSX)"),
        help_text=_("Columns: nomor_anggota, kegiatan, tanggal, jam."),
    )


class CategoryForm(BootstrapMixin, forms.Form):
    category = forms.ChoiceField(label=_("New category"), choices=Category.choices)
    reason = forms.CharField(label=_("Reason"), max_length=255)
