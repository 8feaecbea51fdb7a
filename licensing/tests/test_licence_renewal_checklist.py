"""The practice licence (SIPPS) renews on the same checklist mechanism as the card and the STR:
the holder reads from 90 days before its end what the renewal needs (a certificate and an STR
valid for the new period), the reminders name what is missing, and seven days before the end
the officers of the authority that granted it are told, once however often the night runs."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Notification
from accounts.roles import Role
from accounts.tests.factories import make_staff
from licensing import renewals, scheduled, services
from licensing.models import Licence, LicensingAuthority, Str
from licensing.tests.factories import pdf, ready_to_renew_str
from licensing.tests.test_renewal import holder_with_licence

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return {
        "dpp": make_staff(Role.DPP_OFFICER),
        "kota": make_staff(Role.LICENSING_OFFICER, organisation=LicensingAuthority.objects.get(regency__code="32.73")),
        "other": make_staff(
            Role.LICENSING_OFFICER, organisation=LicensingAuthority.objects.exclude(regency__code="32.73").first()
        ),
    }


def ending_in(licence, str_record, days: int):
    """The licence and the STR it rests on both end in `days` days."""
    end = timezone.localdate() + datetime.timedelta(days=days)
    Licence.objects.filter(pk=licence.pk).update(valid_until=end)
    Str.objects.filter(pk=str_record.pk).update(valid_until=end)
    licence.refresh_from_db()
    str_record.refresh_from_db()


def test_the_holder_reads_the_licence_checklist_from_ninety_days_before_its_end(client, staff):
    person, certificate, str_record, licence = holder_with_licence(staff)
    client.force_login(person.user)
    assert f'id="licence-renewal-{licence.pk}"' not in client.get(reverse("licensing:my_credentials")).content.decode()

    ending_in(licence, str_record, 60)
    today = timezone.localdate()
    checklist = renewals.licence_checklist(licence, today)
    assert [i.code for i in checklist.missing] == ["str_valid"]
    page = client.get(reverse("licensing:my_credentials")).content.decode()
    assert f'id="licence-renewal-{licence.pk}"' in page
    assert "STR yang berlaku untuk masa baru" in page and "perpanjang STR terlebih dahulu" in page

    # The STR renewed (from the day after it ends), the licence's checklist is complete.
    ready_to_renew_str(person, str_record)
    application = services.apply_for_str(
        actor=person.user, certificate=certificate, health_statement=pdf(), oath_taken=True, code_of_ethics=True
    )
    services.decide_str(actor=staff["dpp"], application=application, version=application.version, approve=True)
    assert renewals.licence_checklist(licence, today).complete


def test_reminders_name_what_is_missing_and_reach_the_authoritys_officers_once_at_the_last_threshold(staff):
    person, _certificate, str_record, licence = holder_with_licence(staff)
    ending_in(licence, str_record, 25)
    today = timezone.localdate()
    scheduled.run(today=today)
    scheduled.run(today=today)
    holder = Notification.objects.filter(user=person.user, dedupe_key__contains=f"licensing.licence:{licence.pk}:")
    assert holder.count() == 1 and "perpanjang STR terlebih dahulu" in holder.get().body
    assert not Notification.objects.filter(user=staff["kota"], dedupe_key__contains="licensing.licence").exists()

    week_before = licence.valid_until - datetime.timedelta(days=6)
    scheduled.run(today=week_before)
    scheduled.run(today=week_before)
    assert holder.count() == 2
    officer = Notification.objects.filter(user=staff["kota"], dedupe_key__contains=f"licensing.licence:{licence.pk}:")
    assert officer.count() == 1 and licence.number in officer.get().subject
    assert "perpanjang STR terlebih dahulu" in officer.get().body
    assert not Notification.objects.filter(user=staff["other"], dedupe_key__contains="licensing.licence").exists()
