"""A member asks for a correction before the deadline; only the DPD of the member's province
decides it; the roll entry changes with the reason, the history records who, and the member is told."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Notification
from accounts.tests.factories import sign_in_with_second_factor
from assemblies import services
from assemblies.models import CorrectionRequest, RollEntry
from assemblies.tests.factories import invoice, member, upcoming
from core.errors import DomainError

pytestmark = pytest.mark.django_db


@pytest.fixture
def owing_entry(dpp):
    m = member()
    invoice(m)
    kongres = upcoming(dpp)
    services.freeze_roll(dpp, kongres)
    return RollEntry.objects.get(assembly=kongres, member=m)


def test_a_member_asks_and_the_dpd_of_their_province_grants_the_vote(client, owing_entry, dpd_jabar):
    user = owing_entry.person.user
    client.force_login(user)
    response = client.post(
        reverse("assemblies:my_entry", args=[owing_entry.pk]), {"statement": "Iuran 2025 sudah saya bayar 1 Juni."}
    )
    assert response.status_code == 302
    request = CorrectionRequest.objects.get(entry=owing_entry)

    services.decide_correction(actor=dpd_jabar, request=request, grant=True, reason="Bukti transfer 1 Juni diterima.")

    owing_entry.refresh_from_db()
    assert (owing_entry.may_attend, owing_entry.may_vote, owing_entry.reason) == (True, True, "Bukti transfer 1 Juni diterima.")
    latest = owing_entry.history.order_by("-history_date", "-history_id").first()
    assert latest.history_user == dpd_jabar
    request.refresh_from_db()
    assert (request.status, request.decided_by) == ("granted", dpd_jabar)
    notice = Notification.objects.get(user=user)
    assert "dikabulkan" in notice.subject and "Bukti transfer" in notice.body


def test_a_refusal_keeps_the_standing_and_tells_the_member_why(owing_entry, dpd_jabar):
    request = services.request_correction(actor=owing_entry.person.user, entry=owing_entry, statement="Saya sudah bayar.")

    services.decide_correction(actor=dpd_jabar, request=request, grant=False, reason="Belum ada bukti pembayaran.")

    owing_entry.refresh_from_db()
    assert (owing_entry.may_vote, owing_entry.reason) == (False, "iuran belum lunas")
    assert CorrectionRequest.objects.get().status == "refused"
    assert "Belum ada bukti" in Notification.objects.get(user=owing_entry.person.user).body


def test_the_dpd_of_another_province_neither_sees_nor_decides_the_request(client, owing_entry, dpd_jatim, dpp):
    request = services.request_correction(actor=owing_entry.person.user, entry=owing_entry, statement="Saya sudah bayar.")

    sign_in_with_second_factor(client, dpd_jatim)
    assert client.get(reverse("assemblies:correction", args=[request.pk])).status_code == 404
    assert (
        client.post(reverse("assemblies:correction", args=[request.pk]), {"decision": "grant", "reason": "x"}).status_code == 404
    )
    for officer in (dpd_jatim, dpp):
        with pytest.raises(DomainError):
            services.decide_correction(actor=officer, request=request, grant=True, reason="Boleh.")
    assert CorrectionRequest.objects.get().status == "submitted"
    assert RollEntry.objects.get(pk=owing_entry.pk).may_vote is False


def test_a_decision_needs_a_reason_and_nothing_changes_without_one(client, owing_entry, dpd_jabar):
    request = services.request_correction(actor=owing_entry.person.user, entry=owing_entry, statement="Saya sudah bayar.")
    sign_in_with_second_factor(client, dpd_jabar)

    response = client.post(reverse("assemblies:correction", args=[request.pk]), {"decision": "grant", "reason": ""})

    assert response.status_code == 200
    assert CorrectionRequest.objects.get().status == "submitted"


def test_no_correction_is_asked_after_the_deadline_nor_by_someone_else(owing_entry, dpp):
    other = member()
    with pytest.raises(DomainError):
        services.request_correction(actor=other.person.user, entry=owing_entry, statement="Saya.")
    assembly = owing_entry.assembly
    assembly.correction_deadline = assembly.roll_cutoff - datetime.timedelta(days=1)
    assembly.save()
    owing_entry.refresh_from_db()
    with pytest.raises(DomainError):
        services.request_correction(actor=owing_entry.person.user, entry=owing_entry, statement="Saya sudah bayar.")
    assert not CorrectionRequest.objects.exists()
