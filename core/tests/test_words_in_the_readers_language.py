import datetime

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from core.templatetags.peksos import change_reason, tanggal, with_prompt


def test_dates_follow_the_reader_s_language():
    day = datetime.date(2026, 12, 6)
    with translation.override("id"):
        assert tanggal(day) == "6 Desember 2026"
    with translation.override("en"):
        assert tanggal(day) == "6 December 2026"


def test_a_stored_transition_reason_is_shown_in_the_reader_s_language_and_typed_reasons_unchanged():
    with translation.override("id"):
        assert change_reason("accepted as eligible") == "diterima, memenuhi syarat"
        assert change_reason("scheduled") == "dijadwalkan"
        assert change_reason("issued") == "diterbitkan"
        assert change_reason("Dokumen ijazah buram") == "Dokumen ijazah buram"
    with translation.override("en"):
        assert change_reason("accepted as eligible") == "accepted as eligible"


class _Form(forms.Form):
    province = forms.ChoiceField(choices=[("", "---------"), ("32", "Jawa Barat")], required=False)


def test_select_boxes_rendered_by_the_form_template_have_a_real_prompt():
    with translation.override("id"):
        html = Template('{% include "core/_form.html" %}').render(Context({"form": _Form()}))
    assert "---------" not in html and "— pilih —" in html and "Jawa Barat" in html


@pytest.mark.django_db
def test_a_model_select_gets_the_prompt_too():
    from regions.models import Province

    class ProvinceForm(forms.Form):
        province = forms.ModelChoiceField(Province.objects.all(), required=False)

    form = ProvinceForm()
    with translation.override("id"):
        html = str(with_prompt(form["province"]))
    assert "---------" not in html and "— pilih —" in html
    assert ProvinceForm().fields["province"].empty_label == "---------"  # other forms untouched
