"""Issue 21 §5 for certificate validity: its owner, the ministry (the routes are its regulations,
shared by every LSP), publishes a new dated version of a route in force from a future day,
copied with its criteria and citing its source; the version in force is closed the day before
and otherwise untouched, so a certificate keeps the version it was issued under. No migration."""

import datetime

import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import make_staff, sign_in_with_second_factor
from certification import services
from certification.eligibility import rule_sets_in_force
from certification.models import EligibilityRuleSet
from certification.tests.factories import LSPFactory, lsp_officer
from core.dates import add_months, register_day
from core.errors import DomainError, NotAllowed
from core.models import AuditEvent

pytestmark = pytest.mark.django_db
URL = reverse("certification:validity")


@pytest.fixture
def ministry():
    return make_staff(Role.MINISTRY_OFFICER)


def route_in_force() -> EligibilityRuleSet:
    return next(r for r in rule_sets_in_force(register_day()) if r.certificate_validity_months)


def test_the_ministry_publishes_a_new_version_from_a_future_day_copied_with_its_criteria(client, ministry):
    current = route_in_force()
    criteria = sorted((c.code, c.kind, c.minimum) for c in current.criteria.all())
    months_before = current.certificate_validity_months
    starts = register_day() + datetime.timedelta(days=30)
    sign_in_with_second_factor(client, ministry)
    page = client.get(URL).content.decode()
    assert "kementerian yang menetapkannya, bukan satu LSP" in page and current.name in page
    response = client.post(
        URL,
        {
            "rule_set": current.pk,
            "valid_from": starts.isoformat(),
            "certificate_validity_months": 60,
            "renewal_window_months": 4,
            "source": "Keputusan Menteri Sosial tentang masa berlaku sertifikat kompetensi",
        },
    )
    assert response.status_code == 302
    current.refresh_from_db()
    version = EligibilityRuleSet.objects.get(name=current.name, valid_from=starts)
    assert current.valid_until == starts - datetime.timedelta(days=1)
    assert current.certificate_validity_months == months_before  # the version in force is only closed
    assert version.certificate_validity_months == 60 and version.renewal_window_months == 4
    assert version.source.startswith("Keputusan Menteri Sosial")
    assert sorted((c.code, c.kind, c.minimum) for c in version.criteria.all()) == criteria
    assert version in rule_sets_in_force(starts) and current not in rule_sets_in_force(starts)
    assert version.certificate_valid_until(starts) == add_months(starts, 60) - datetime.timedelta(days=1)
    assert AuditEvent.objects.filter(actor=ministry, summary__contains="certificate validity 60 months").exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"valid_from": 0}, "paling cepat besok"),
        ({"valid_from": -1}, "paling cepat besok"),
        ({"source": " "}, "Sebutkan dasar"),
        ({"renewal_window_months": 60}, "di dalam masa berlaku"),
    ],
)
def test_a_version_from_today_or_the_past_without_a_source_or_with_a_window_past_the_validity_is_refused(
    ministry, change, message
):
    current = route_in_force()
    data = {
        "rule_set": current,
        "valid_from": register_day() + datetime.timedelta(days=10),
        "certificate_validity_months": 60,
        "renewal_window_months": 6,
        "source": "Keputusan Menteri Sosial",
    }
    if "valid_from" in change:
        data["valid_from"] = register_day() + datetime.timedelta(days=change.pop("valid_from"))
    data.update(change)
    count = EligibilityRuleSet.objects.count()
    with pytest.raises(DomainError, match=message):
        services.publish_certificate_validity(actor=ministry, **data)
    current.refresh_from_db()
    assert EligibilityRuleSet.objects.count() == count and current.valid_until is None


def test_a_second_next_version_waits_for_the_first(ministry):
    current = route_in_force()
    data = {"certificate_validity_months": 48, "renewal_window_months": 6, "source": "Keputusan Menteri Sosial"}
    services.publish_certificate_validity(
        actor=ministry, rule_set=current, valid_from=register_day() + datetime.timedelta(days=20), **data
    )
    current.refresh_from_db()
    with pytest.raises(DomainError, match="Versi berikutnya sudah diterbitkan"):
        services.publish_certificate_validity(
            actor=ministry, rule_set=current, valid_from=register_day() + datetime.timedelta(days=10), **data
        )


def test_an_lsp_officer_cannot_change_the_validity_every_lsp_shares(client):
    officer = lsp_officer(LSPFactory())
    with pytest.raises(NotAllowed):
        services.publish_certificate_validity(
            actor=officer,
            rule_set=route_in_force(),
            valid_from=register_day() + datetime.timedelta(days=10),
            certificate_validity_months=12,
            renewal_window_months=3,
            source="Keputusan LSP",
        )
    sign_in_with_second_factor(client, officer)
    assert client.get(URL).status_code == 403
