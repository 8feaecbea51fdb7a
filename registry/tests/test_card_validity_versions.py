import datetime

import pytest
from django.utils import timezone

from core.dates import add_years, register_day
from registry import services
from registry.models import CardValidity
from registry.tests.factories import submitted_application

pytestmark = pytest.mark.django_db


def _verify(actor):
    application = submitted_application()
    return services.verify_application(actor=actor, application=application, version=application.version)


def test_the_seeded_card_validity_is_the_dpps_five_years(dpd_jabar):
    version = CardValidity.objects.get()
    assert version.years == 5 and version.valid_until is None and "DPP" in version.source
    member = _verify(dpd_jabar)
    assert member.card_valid_until == add_years(member.joined_on, 5) - datetime.timedelta(days=1)


def test_a_card_issued_before_a_new_version_keeps_its_end_and_one_issued_after_uses_the_new_period(dpd_jabar, dpp, monkeypatch):
    today = register_day()
    earlier = _verify(dpd_jabar)
    first_end = earlier.card_valid_until
    starts = today + datetime.timedelta(days=10)
    services.publish_card_validity(actor=dpp, valid_from=starts, years=3, source="SK DPP IPSPI No. 7/2026")

    earlier.refresh_from_db()
    assert earlier.card_valid_until == first_end == add_years(today, 5) - datetime.timedelta(days=1)
    assert services.card_valid_until(today) == first_end  # the old version still governs today's cards

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: starts)
    later = _verify(dpd_jabar)
    assert later.joined_on == starts
    assert later.card_valid_until == add_years(starts, 3) - datetime.timedelta(days=1)
    earlier.refresh_from_db()
    assert earlier.card_valid_until == first_end


def test_publishing_closes_the_previous_version_the_day_before_and_is_audited(dpp):
    from core.models import AuditEvent

    starts = register_day() + datetime.timedelta(days=30)
    version = services.publish_card_validity(actor=dpp, valid_from=starts, years=4, source="SK DPP IPSPI No. 8/2026")
    previous = CardValidity.objects.exclude(pk=version.pk).get()
    assert previous.valid_until == starts - datetime.timedelta(days=1) and previous.years == 5
    assert version.set_by == dpp and version.history.get().history_user == dpp
    assert previous.history.first().history_user == dpp
    event = AuditEvent.objects.for_object(version).get()
    assert event.actor == dpp and event.detail["years"] == 4
