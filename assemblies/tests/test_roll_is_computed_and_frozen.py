"""The roll is taken from the register on the cut-off date, with each member's right to attend
and to vote and the reason when not, and stays as it was frozen when the register changes."""

import datetime

import pytest

from assemblies import services
from assemblies.models import RollEntry
from assemblies.tests.factories import invoice, member, upcoming
from core.errors import DomainError
from registry.models import DuesInvoice, Member

pytestmark = pytest.mark.django_db


def _standing(assembly, m):
    entry = RollEntry.objects.get(assembly=assembly, member=m)
    return entry.may_attend, entry.may_vote, entry.reason


def test_every_member_in_scope_is_on_the_roll_with_their_right_to_vote_and_the_reason_when_not(dpp):
    paid_up = member()
    in_arrears = member()
    invoice(in_arrears, grace_until=datetime.date(2025, 6, 30))
    paid_invoice = member()
    invoice(paid_invoice, status="paid")
    associate = member(category="rekan")
    suspended = member(status="suspended")
    ended = member(status="ended")
    elsewhere = member(province_code="35")
    kongres = upcoming(dpp)
    joined_later = member(joined_on=kongres.roll_cutoff + datetime.timedelta(days=1))

    count = services.freeze_roll(dpp, kongres)

    assert count == 6
    assert _standing(kongres, paid_up) == (True, True, "")
    assert _standing(kongres, paid_invoice) == (True, True, "")
    assert _standing(kongres, in_arrears) == (True, False, "iuran belum lunas")
    assert _standing(kongres, associate) == (True, False, "Anggota Rekan: hadir tanpa hak suara")
    assert _standing(kongres, suspended) == (False, False, "keanggotaan tidak aktif (diberhentikan sementara)")
    assert _standing(kongres, elsewhere)[1] is True
    on_roll = set(RollEntry.objects.filter(assembly=kongres).values_list("member_id", flat=True))
    assert ended.pk not in on_roll and joined_later.pk not in on_roll
    assert kongres.__class__.objects.get(pk=kongres.pk).roll_frozen


def test_a_musda_roll_holds_only_the_members_of_its_province(dpd_jabar):
    here, there = member(province_code="32"), member(province_code="35")
    musda = upcoming(dpd_jabar, kind="musda", province_code="32", name="Musda IV DPD IPSPI Jawa Barat")

    services.freeze_roll(dpd_jabar, musda)

    assert list(RollEntry.objects.filter(assembly=musda).values_list("member_id", flat=True)) == [here.pk]
    assert there.pk not in RollEntry.objects.values_list("member_id", flat=True)


def test_the_frozen_roll_does_not_change_when_the_register_changes(dpp):
    owing = member()
    unpaid = invoice(owing)
    active = member()
    kongres = upcoming(dpp)
    services.freeze_roll(dpp, kongres)
    before = list(
        RollEntry.objects.filter(assembly=kongres).order_by("pk").values_list("member_id", "may_attend", "may_vote", "reason")
    )

    DuesInvoice.objects.filter(pk=unpaid.pk).update(status="paid")
    Member.objects.filter(pk=active.pk).update(status="suspended")
    member()  # a new member after the freeze

    after = list(
        RollEntry.objects.filter(assembly=kongres).order_by("pk").values_list("member_id", "may_attend", "may_vote", "reason")
    )
    assert after == before
    with pytest.raises(DomainError):
        services.freeze_roll(dpp, kongres)
    assert RollEntry.objects.filter(assembly=kongres).count() == 2


def test_a_dpd_officer_cannot_freeze_the_kongres_roll_nor_another_provinces_musda(dpd_jabar, dpd_jatim, dpp):
    member()
    kongres = upcoming(dpp)
    musda = upcoming(dpd_jabar, kind="musda", province_code="32", name="Musda Jawa Barat")

    for officer, assembly in ((dpd_jabar, kongres), (dpd_jatim, musda)):
        with pytest.raises(DomainError):
            services.freeze_roll(officer, assembly)
    assert not RollEntry.objects.exists()


def test_the_rule_in_force_counts_the_quorum_and_the_delegates_of_each_dpd(dpp):
    for _ in range(3):
        member()
    member(province_code="35")
    kongres = upcoming(dpp)
    rule = kongres.rule
    rule_values = (rule.quorum_numerator, rule.quorum_denominator, rule.quorum_more_than)
    services.freeze_roll(dpp, kongres)

    summary = services.summary(kongres)
    assert (summary.on_roll, summary.voters) == (4, 4)
    assert rule_values == (1, 2, True) and summary.quorum == 3  # more than half of four
    delegates = {row["province__name"]: row["delegates"] for row in services.delegates_by_province(kongres)}
    assert delegates == {"Jawa Barat": rule.delegates_for(3), "Jawa Timur": rule.delegates_for(1)}
    assert "DPP" in rule.source
