import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import sign_in_with_second_factor
from credentials.models import Credential
from registry import renewals, services
from registry.models import DuesInvoice, Member
from registry.tests.renewal_helpers import member_with_card_ending

pytestmark = pytest.mark.django_db


def test_the_card_of_a_paid_up_member_renews_itself_from_the_day_after_the_old_one_ends(dpd_jabar):
    member = member_with_card_ending(dpd_jabar, in_days=10)
    old = member.credential
    today = timezone.localdate()
    new = renewals.renew_card(member=member, today=today)
    member.refresh_from_db()
    old.refresh_from_db()
    assert new is not None and member.credential == new and new.pk != old.pk
    assert new.valid_from == old.valid_until + datetime.timedelta(days=1)
    assert new.valid_until == services.card_valid_until(new.valid_from) == member.card_valid_until
    assert new.number == member.number and new.claims["province"] == "Jawa Barat"
    # The old card stays valid to its last day, then reads as renewed, never as expired.
    assert old.current_status(old.valid_until) == Credential.Status.VALID
    day_after = old.valid_until + datetime.timedelta(days=1)
    assert old.current_status(day_after) == Credential.Status.RENEWED
    assert old.status_on(day_after) == Credential.Status.RENEWED
    assert new.current_status(day_after) == Credential.Status.VALID
    assert member.person.user.notifications.filter(subject="Kartu anggota Anda telah diperpanjang").exists()


def test_the_public_verification_page_reads_the_old_card_as_ended_by_renewal(client, dpd_jabar):
    member = member_with_card_ending(dpd_jabar, in_days=10)
    old = member.credential
    renewals.renew_card(member=member, today=timezone.localdate())
    # As the page reads it once the old card's last day has passed.
    Credential.objects.filter(pk=old.pk).update(valid_until=timezone.localdate() - datetime.timedelta(days=1))
    page = client.get(f"/v/{old.public_id}").content.decode()
    assert "BERAKHIR KARENA DIPERPANJANG" in page and "KEDALUWARSA" not in page


def test_nothing_renews_for_a_member_whose_dues_are_unpaid_or_whose_card_is_not_yet_due(dpd_jabar):
    unpaid = member_with_card_ending(dpd_jabar, in_days=10, paid=False)
    later = member_with_card_ending(dpd_jabar, in_days=200)
    today = timezone.localdate()
    assert renewals.renew_card(member=unpaid, today=today) is None
    assert renewals.renew_card(member=later, today=today) is None
    assert Credential.objects.filter(kind=Credential.Kind.MEMBER_CARD, number=unpaid.number).count() == 1
    assert Credential.objects.filter(kind=Credential.Kind.MEMBER_CARD, number=later.number).count() == 1
    checklist = renewals.card_checklist(unpaid, today)
    assert [i.code for i in checklist.missing] == ["dues_paid"]
    assert str(today.year) in checklist.missing[0].detail


def test_a_suspended_member_is_not_renewed_even_when_paid_up(dpd_jabar):
    member = member_with_card_ending(dpd_jabar, in_days=10)
    services.change_member_status(
        actor=dpd_jabar, member=member, action="suspend", reason="Pemeriksaan etik", category="ethics_council"
    )
    assert renewals.renew_card(member=member, today=timezone.localdate()) is None
    assert [i.code for i in renewals.card_checklist(Member.objects.get(pk=member.pk), timezone.localdate()).missing] == [
        "membership_active"
    ]


def test_paying_the_dues_lets_the_next_nightly_run_renew_the_card(dpd_jabar):
    member = member_with_card_ending(dpd_jabar, in_days=10, paid=False)
    today = timezone.localdate()
    assert renewals.renew_cards(today=today) == 0
    invoice = DuesInvoice.objects.get(member=member)
    services.record_payment(actor=dpd_jabar, invoice=invoice, amount=invoice.amount, paid_on=today)
    assert renewals.renew_cards(today=today) == 1
    assert renewals.renew_cards(today=today) == 0


def test_a_change_of_category_reissues_the_card_with_the_same_number_and_period(client, dpd_jabar):
    member = member_with_card_ending(dpd_jabar, in_days=400)
    old = member.credential
    sign_in_with_second_factor(client, dpd_jabar)
    response = client.post(
        reverse("registry:member_category", args=[member.pk]), {"category": "rekan", "reason": "Keputusan DPD"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    old.refresh_from_db()
    assert member.category == "rekan" and member.credential != old
    assert old.status == Credential.Status.REVOKED and old.status_category == Credential.StatusCategory.REPLACED
    assert member.credential.valid_from == old.valid_from and member.credential.valid_until == old.valid_until
    assert member.credential.claims["category"] == "rekan"
    # Nothing changes for a category the member already has.
    client.post(reverse("registry:member_category", args=[member.pk]), {"category": "rekan", "reason": "x"})
    assert Credential.objects.filter(kind=Credential.Kind.MEMBER_CARD, number=member.number).count() == 2


def test_a_suspension_after_the_renewal_reaches_the_card_still_running_and_a_reinstatement_restores_both(dpd_jabar):
    member = member_with_card_ending(dpd_jabar, in_days=10)
    old = member.credential
    new = renewals.renew_card(member=member, today=timezone.localdate())
    services.change_member_status(
        actor=dpd_jabar, member=member, action="suspend", reason="Pemeriksaan etik", category="ethics_council"
    )
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.status == new.status == Credential.Status.SUSPENDED
    services.change_member_status(actor=dpd_jabar, member=Member.objects.get(pk=member.pk), action="reinstate", reason="Selesai")
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.status == new.status == Credential.Status.VALID
    assert old.current_status(old.valid_until + datetime.timedelta(days=1)) == Credential.Status.RENEWED
