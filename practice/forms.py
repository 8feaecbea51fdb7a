from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Community, MemberPracticeField, PracticeField
from .selectors import SETTING_WORDS


class FieldChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class MemberFieldForm(forms.ModelForm):
    field = FieldChoice(queryset=PracticeField.objects.none(), label=_("field of practice"))

    class Meta:
        model = MemberPracticeField
        fields = ["field", "setting", "years", "is_main"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.field_id if self.instance.pk else None
        from django.db.models import Q

        self.fields["field"].queryset = PracticeField.objects.filter(Q(active=True) | Q(pk=current))
        # The usual settings, offered as suggestions the member may type over.
        self.fields["setting"].widget.attrs["list"] = "practice-settings"
        self.settings = sorted({setting for _word, setting in SETTING_WORDS})


class PracticeFieldForm(forms.ModelForm):
    class Meta:
        model = PracticeField
        fields = ["code", "name_id", "name_en", "keywords", "scheme_field", "order", "source"]


class RetireForm(forms.Form):
    reason = forms.CharField(label=_("reason"), max_length=255)


class CommunityForm(forms.ModelForm):
    field = FieldChoice(queryset=PracticeField.objects.active(), label=_("field"))

    class Meta:
        model = Community
        fields = ["name", "field", "description"]


class CoordinatorForm(forms.Form):
    member_number = forms.CharField(label=_("coordinator's member number"), max_length=40)


class StandardForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    body = forms.CharField(label=_("text"), widget=forms.Textarea(attrs={"rows": 12}))


class BodyForm(forms.Form):
    body = forms.CharField(label=_("text"), widget=forms.Textarea(attrs={"rows": 12}))


class CommentForm(forms.Form):
    body = forms.CharField(label=_("comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))


class AdoptForm(forms.Form):
    reference = forms.CharField(
        label=_("adoption decision"),
        max_length=255,
        help_text=_("The DPP's decision that adopts this version, e.g. its number and date."),
    )


class MapForm(forms.Form):
    few = forms.IntegerField(label=_("“few certified” below (per cent)"), min_value=1, max_value=100, initial=25, required=False)
