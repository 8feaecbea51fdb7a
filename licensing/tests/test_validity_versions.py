import datetime

import pytest
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import make_staff
from core.dates import register_day
from core.errors import DomainError, NotAllowed
from core.models import AuditEvent
from licensing import services
from licensing.models import LicensingRuleSet
from licensing.tests.factories import certified_person
from licensing.tests.test_licensing_routes import KOTA_BANDUNG, authority, issued_str, sipps

pytestmark = pytest.mark.django_db


def test_a_licence_decided_under_the_old_rule_set_keeps_its_validity_and_a_later_application_reads_the_new_one(monkeypatch):
    dpp, ministry = make_staff(Role.DPP_OFFICER), make_staff(Role.MINISTRY_OFFICER)
    officer = make_staff(Role.LICENSING_OFFICER, organisation=authority(KOTA_BANDUNG))
    person, certificate = certified_person()
    str_record = issued_str(person, certificate, dpp)
    application, licence = sipps(person, certificate, str_record, officer)
    old = application.rule_set
    licence_end, str_end = licence.valid_until, str_record.valid_until

    starts = register_day() + datetime.timedelta(days=5)
    new = services.publish_validity(actor=ministry, valid_from=starts, source="Kepmensos 1/2026", licence_validity_years=2)

    licence.refresh_from_db()
    str_record.refresh_from_db()
    old.refresh_from_db()
    assert (licence.valid_until, str_record.valid_until) == (licence_end, str_end)
    assert old.licence_validity_years == 5 and old.valid_until == starts - datetime.timedelta(days=1)
    assert (new.licence_validity_years, new.str_validity_years, new.regime) == (2, old.str_validity_years, old.regime)
    assert new.set_by == ministry and AuditEvent.objects.for_object(new).get().actor == ministry
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: starts)
    assert services.rule_set_on(starts) == new


def test_each_owner_sets_only_its_own_period():
    dpp, ministry = make_staff(Role.DPP_OFFICER), make_staff(Role.MINISTRY_OFFICER)
    starts = register_day() + datetime.timedelta(days=5)
    with pytest.raises(NotAllowed):
        services.publish_validity(actor=dpp, valid_from=starts, source="SK", licence_validity_years=2)
    with pytest.raises(NotAllowed):
        services.publish_validity(actor=ministry, valid_from=starts, source="SK", str_validity_years=2)
    version = services.publish_validity(actor=dpp, valid_from=starts, source="SK DPP IPSPI", str_validity_years=3)
    assert version.str_validity_years == 3 and version.licence_validity_years == 5


@pytest.mark.parametrize(
    ("days", "years"),
    [(-1, 3), (5, 0)],
    ids=["a start in the past", "zero years"],
)
def test_bad_versions_are_refused_and_change_nothing(days, years):
    dpp = make_staff(Role.DPP_OFFICER)
    before = list(LicensingRuleSet.objects.values_list("pk", "valid_until", "str_validity_years"))
    with pytest.raises(DomainError):
        services.publish_validity(
            actor=dpp, valid_from=register_day() + datetime.timedelta(days=days), source="SK", str_validity_years=years
        )
    assert list(LicensingRuleSet.objects.values_list("pk", "valid_until", "str_validity_years")) == before


def test_a_licensing_rule_set_in_force_is_not_edited():
    rule_set = services.rule_set_on(register_day())
    rule_set.licence_validity_years = 1
    with pytest.raises(DomainError):
        rule_set.save()
    rule_set.refresh_from_db()
    assert rule_set.licence_validity_years == 5
