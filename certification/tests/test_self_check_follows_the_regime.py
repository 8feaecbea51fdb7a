import datetime

import pytest
from django.urls import reverse

from certification import eligibility as e
from certification.models import BoardCompositionRule, EligibilityRuleSet

pytestmark = pytest.mark.django_db


def graduate_2010(months=23, on=datetime.date(2010, 6, 1)):
    return e.EligibilityInput(
        on=on, educations=[e.EducationEntry("S1", "kesejahteraan_sosial")], practice_months=months, training_hours=60
    )


def test_under_the_2009_rules_a_social_work_graduate_short_of_practice_is_a_professional_social_worker():
    answer = e.workforce_category(graduate_2010())
    assert answer.category == e.WorkforceCategory.PEKSOS
    assert "108/HUK/2009" in answer.explanation and "24" in answer.explanation


def test_under_uu_14_2019_the_same_graduate_is_not_called_a_professional_without_the_certificate():
    assert e.workforce_category(graduate_2010(months=12)).category == e.WorkforceCategory.PEKSOS
    answer = e.workforce_category(graduate_2010(months=12, on=datetime.date(2024, 6, 1)))
    assert answer.category != e.WorkforceCategory.PEKSOS


def test_the_self_check_page_does_not_call_a_2010_graduate_a_relawan_sosial(client):
    body = client.post(
        reverse("certification:self_check"),
        {
            "education_level": "S1",
            "study_field": "kesejahteraan_sosial",
            "practice_months": 23,
            "training_hours": 60,
            "date": "2010-06-01",
        },
    ).content.decode()
    assert "Pekerja Sosial Profesional" in body and "Relawan Sosial" not in body


def test_rule_links_lead_only_to_primary_legal_sources_and_every_rule_keeps_its_citation():
    from core.models import is_primary_legal_source

    for model in (EligibilityRuleSet, BoardCompositionRule):
        for rule in model.objects.all():
            assert rule.source.strip()
            assert not rule.source_url or is_primary_legal_source(rule.source_url), rule.source_url


def test_a_secondary_link_is_refused_with_a_clear_message():
    from django.core.exceptions import ValidationError

    rule = BoardCompositionRule(name="x", valid_from=datetime.date(2030, 1, 1), source="Permensos 1/2030")
    rule.source_url = "https://id.scribd.com/document/1/permensos"
    with pytest.raises(ValidationError) as refused:
        rule.full_clean()
    assert "peraturan.go.id" in str(refused.value)
    rule.source_url = "https://peraturan.go.id/id/permensos-no-1-tahun-2030"
    rule.full_clean()


def test_certification_routes_and_licence_rules_change_regime_on_the_same_day():
    from licensing.models import LicensingRuleSet

    old = EligibilityRuleSet.objects.get(code="permensos-108-huk-2009")
    new_routes = EligibilityRuleSet.objects.filter(code__in=["jalur-pendidikan-2019", "jalur-praktisi-2019"])
    licence_switch = LicensingRuleSet.objects.get(valid_until__isnull=True).valid_from
    assert licence_switch == datetime.date(2019, 9, 3)
    assert {r.valid_from for r in new_routes} == {licence_switch}
    assert old.valid_until == licence_switch - datetime.timedelta(days=1)
