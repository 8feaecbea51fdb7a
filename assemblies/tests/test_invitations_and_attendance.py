"""Invitations go once to everyone on the roll who may attend, each with a personal QR code that
holds an opaque token; at the door a scan records attendance once, and the quorum shows live."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Notification
from accounts.tests.factories import sign_in_with_second_factor
from assemblies import services
from assemblies.models import RollEntry
from assemblies.tests.factories import invoice, member, upcoming

pytestmark = pytest.mark.django_db


@pytest.fixture
def kongres(dpp):
    for _ in range(3):
        member()
    suspended = member(status="suspended")
    member(user=None, email="")  # an imported record nobody has claimed: no inbox to reach
    assembly = upcoming(dpp)
    services.freeze_roll(dpp, assembly)
    assembly.suspended = suspended
    return assembly


def test_invitations_are_sent_once_when_run_twice(dpp, kongres, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.send_invitations(actor=dpp, assembly=kongres)
    second = services.send_invitations(actor=dpp, assembly=kongres)

    assert (first, second) == (3, 0)
    notices = Notification.objects.filter(dedupe_key=f"assemblies:invitation:{kongres.pk}")
    assert notices.count() == 3
    assert not notices.filter(user=kongres.suspended.person.user).exists()
    assert all("Undangan" in n.subject for n in notices)
    assert len(mail.outbox) == 3


def test_the_invitation_qr_holds_an_opaque_token_not_the_member_number(client, kongres):
    entry = RollEntry.objects.filter(assembly=kongres, may_vote=True).select_related("member", "person__user").first()
    client.force_login(entry.person.user)

    page = client.get(reverse("assemblies:my_entry", args=[entry.pk])).content.decode()

    assert "<svg" in page and entry.token in page
    assert entry.member.number not in entry.token
    assert entry.member.number.replace(".", "") not in entry.token


def _scan(client, assembly, code):
    return client.post(reverse("assemblies:door", args=[assembly.pk]), {"token": code}).content.decode()


def test_a_scan_records_attendance_once_and_a_second_scan_says_so(client, dpp, kongres):
    entry = RollEntry.objects.filter(assembly=kongres, may_vote=True).select_related("person").first()
    sign_in_with_second_factor(client, dpp)

    first = _scan(client, kongres, entry.token)
    recorded_at = RollEntry.objects.get(pk=entry.pk).attended_at
    # What a phone's camera app reads from the QR code: the desk's address with the token.
    second = _scan(client, kongres, f"https://peksos.example/kongres/kelola/{kongres.pk}/registrasi/?t={entry.token}")

    assert "tercatat hadir" in first and "sudah tercatat hadir" not in first
    assert "sudah tercatat hadir" in second
    assert recorded_at is not None and RollEntry.objects.get(pk=entry.pk).attended_at == recorded_at
    assert RollEntry.objects.filter(assembly=kongres, attended_at__isnull=False).count() == 1


def test_an_unknown_code_or_a_member_without_the_right_to_attend_records_nothing(client, dpp, kongres):
    sign_in_with_second_factor(client, dpp)
    barred = RollEntry.objects.get(assembly=kongres, member=kongres.suspended)

    unknown = _scan(client, kongres, "x" * 24)
    refused = _scan(client, kongres, barred.token)

    assert "Tidak ada undangan" in unknown
    assert "tidak boleh hadir" in refused
    assert not RollEntry.objects.filter(attended_at__isnull=False).exists()


def test_the_quorum_is_reached_when_more_than_half_the_voters_are_present(client, dpp):
    for _ in range(4):
        member()
    invoice(member())  # on the roll without a vote: does not count towards the quorum
    kongres = upcoming(dpp)
    services.freeze_roll(dpp, kongres)
    voters = list(RollEntry.objects.filter(assembly=kongres, may_vote=True))
    sign_in_with_second_factor(client, dpp)

    for entry in voters[:2]:
        services.record_attendance(actor=dpp, assembly=kongres, scanned=entry.token)
    not_yet = client.get(reverse("assemblies:quorum", args=[kongres.pk])).content.decode()
    services.record_attendance(actor=dpp, assembly=kongres, scanned=voters[2].token)
    reached = client.get(reverse("assemblies:quorum", args=[kongres.pk])).content.decode()

    assert services.summary(kongres).quorum == 3
    assert "Kuorum belum tercapai" in not_yet
    assert "Kuorum tercapai" in reached and services.summary(kongres).quorum_reached


def test_a_dpd_officer_does_not_run_the_kongres_desk(client, dpd_jabar, kongres):
    sign_in_with_second_factor(client, dpd_jabar)
    entry = RollEntry.objects.filter(assembly=kongres, may_vote=True).first()

    assert client.post(reverse("assemblies:door", args=[kongres.pk]), {"token": entry.token}).status_code == 403
    assert RollEntry.objects.get(pk=entry.pk).attended_at is None
