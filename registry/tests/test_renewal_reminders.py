import datetime

import pytest
from django.utils import timezone

from accounts.models import Notification
from credentials.models import Credential
from registry import scheduled
from registry.models import DuesInvoice
from registry.tests.renewal_helpers import member_with_card_ending

pytestmark = pytest.mark.django_db


def test_the_nightly_run_twice_renews_a_card_once(dpd_jabar):
    member = member_with_card_ending(dpd_jabar, in_days=10)
    today = timezone.localdate()
    first = scheduled.run(today=today)
    second = scheduled.run(today=today)
    assert first["cards_renewed"] == 1 and second["cards_renewed"] == 0
    assert Credential.objects.filter(kind=Credential.Kind.MEMBER_CARD, number=member.number).count() == 2
    assert Notification.objects.filter(user=member.person.user, dedupe_key__startswith="card-renewed:").count() == 1


def test_a_card_that_cannot_renew_reminds_once_per_threshold_naming_what_is_missing(dpd_jabar):
    member = member_with_card_ending(dpd_jabar, in_days=25, paid=False)
    today = timezone.localdate()
    scheduled.run(today=today)
    scheduled.run(today=today)
    card = Notification.objects.filter(user=member.person.user, dedupe_key__startswith="card:")
    assert card.count() == 1
    assert "iuran" in card.get().body.lower() and str(today.year) in card.get().body
    # No officer is told before the last threshold.
    assert not Notification.objects.filter(user=dpd_jabar, dedupe_key__startswith="card:").exists()
    # Seven days before the end: the holder again, and now the DPD of the province (once).
    week_before = member.card_valid_until - datetime.timedelta(days=6)
    scheduled.run(today=week_before)
    scheduled.run(today=week_before)
    assert card.count() == 2
    officer = Notification.objects.filter(user=dpd_jabar, dedupe_key__startswith="card:")
    assert officer.count() == 1 and member.number in officer.get().subject


def test_the_officers_of_another_province_are_not_told(dpd_jabar, dpd_jatim):
    member = member_with_card_ending(dpd_jabar, in_days=5, paid=False)
    scheduled.run(today=timezone.localdate())
    assert Notification.objects.filter(user=dpd_jabar, dedupe_key__contains=f":{member.pk}:").exists()
    assert not Notification.objects.filter(user=dpd_jatim, dedupe_key__startswith="card:").exists()


def test_dues_are_reminded_before_they_fall_due_and_thirty_and_seven_days_before_the_member_lapses(dpd_jabar):
    member = member_with_card_ending(dpd_jabar, in_days=400)
    invoice = DuesInvoice.objects.get(member=member)
    today = timezone.localdate()
    DuesInvoice.objects.filter(pk=invoice.pk).update(
        due_on=today + datetime.timedelta(days=5), grace_until=today + datetime.timedelta(days=95)
    )
    for day in (today, today, today + datetime.timedelta(days=66), today + datetime.timedelta(days=90)):
        scheduled.run(today=day)
        scheduled.run(today=day)
    keys = sorted(
        Notification.objects.filter(
            user=member.person.user, dedupe_key__contains=f":registry.duesinvoice:{invoice.pk}:"
        ).values_list("dedupe_key", flat=True)
    )
    assert [k.split(":")[0] + ":" + k.split(":")[-1] for k in keys] == ["dues-due:7", "dues-lapse:30", "dues-lapse:7"]
