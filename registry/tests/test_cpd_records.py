import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import sign_in_with_second_factor
from core.errors import DomainError
from registry import cpd
from registry.models import CpdActivity, CpdRequirement
from registry.tests.factories import pdf_upload
from registry.tests.renewal_helpers import member_with_card_ending

pytestmark = pytest.mark.django_db


def _record(client, **overrides):
    data = {
        "title": "Pelatihan Manajemen Kasus",
        "category": "training",
        "held_on": (timezone.localdate() - datetime.timedelta(days=30)).isoformat(),
        "hours": "8",
        "provider": "",
        "provider_name": "Dinas Sosial Kota Bandung",
        "evidence": pdf_upload("sertifikat.pdf"),
        **overrides,
    }
    return client.post(reverse("registry:my_cpd"), data)


def test_a_member_records_an_activity_that_counts_once_the_dpd_of_their_province_accepts_it(client, dpd_jabar, dpd_jatim):
    member = member_with_card_ending(dpd_jabar, in_days=400)
    client.force_login(member.person.user)
    assert _record(client).status_code == 302
    activity = CpdActivity.objects.get(person=member.person)
    assert activity.status == CpdActivity.Status.SUBMITTED and activity.evidence
    assert cpd.standing(member.person).credits == 0
    # The DPD of another province neither lists nor decides it.
    with pytest.raises(DomainError):
        cpd.review_activity(actor=dpd_jatim, activity=activity, accept=True)
    sign_in_with_second_factor(client, dpd_jatim)
    assert "Manajemen Kasus" not in client.get(reverse("registry:cpd_review_queue")).content.decode()
    assert client.post(reverse("registry:cpd_review", args=[activity.pk, "accept"])).status_code == 404
    sign_in_with_second_factor(client, dpd_jabar)
    assert "Manajemen Kasus" in client.get(reverse("registry:cpd_review_queue")).content.decode()
    assert client.get(reverse("registry:cpd_review_evidence", args=[activity.pk])).status_code == 200
    client.post(reverse("registry:cpd_review", args=[activity.pk, "accept"]))
    activity.refresh_from_db()
    assert activity.status == CpdActivity.Status.ACCEPTED and activity.reviewed_by == dpd_jabar
    assert cpd.standing(member.person).credits == Decimal("8.0")  # 1 credit per hour (DPP's assumed rate)


def test_a_rejection_needs_a_reason_and_tells_the_member(dpd_jabar):
    member = member_with_card_ending(dpd_jabar, in_days=400)
    activity = cpd.record_activity(
        actor=member.person.user,
        activity=CpdActivity(
            title="Seminar", category="seminar", held_on=timezone.localdate(), hours=Decimal(2), evidence=pdf_upload()
        ),
    )
    with pytest.raises(DomainError, match="alasan"):
        cpd.review_activity(actor=dpd_jabar, activity=activity, accept=False, reason=" ")
    cpd.review_activity(actor=dpd_jabar, activity=activity, accept=False, reason="Bukti tidak terbaca")
    activity.refresh_from_db()
    assert activity.status == CpdActivity.Status.REJECTED and activity.reason == "Bukti tidak terbaca"
    assert member.person.user.notifications.filter(body="Bukti tidak terbaca").exists()
    with pytest.raises(DomainError):
        cpd.review_activity(actor=dpd_jabar, activity=activity, accept=True)


def test_bad_activity_input_is_refused_in_indonesian_and_nothing_is_saved(client, dpd_jabar):
    member = member_with_card_ending(dpd_jabar, in_days=400)
    client.force_login(member.person.user)
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    page = _record(client, held_on=future).content.decode()
    assert "Tanggal kegiatan tidak boleh di masa depan." in page
    page = _record(client, evidence="").content.decode()
    assert "Bidang ini tidak boleh kosong." in page
    assert not CpdActivity.objects.exists()


def test_the_member_sees_credits_of_the_period_against_the_requirement_labelled_as_the_dpps_setting(client, dpd_jabar):
    member = member_with_card_ending(dpd_jabar, in_days=400)
    client.force_login(member.person.user)
    page = client.get(reverse("registry:my_cpd")).content.decode()
    required = CpdRequirement.objects.in_force(timezone.localdate()).get().credits_required
    assert f"/ {required}" in page
    assert "ditetapkan DPP (asumsi konsorsium sampai ditetapkan)" in page
    assert CpdRequirement.objects.get().source.startswith("Ditetapkan DPP IPSPI (asumsi konsorsium sampai ditetapkan)")
