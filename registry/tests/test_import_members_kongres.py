"""A congress list: every valid row becomes a member at once, with a number and a member card
credential that verifies like one Peksos issued on approval (seed 002: the registrants "akan
langsung menjadi anggota")."""

import datetime

import pytest
from django.utils import timezone

from credentials.models import Credential
from credentials.tests.test_verifiable_credentials import _bit, verify_offline
from registry.models import Member
from registry.tests.member_lists import person_row, run_import

pytestmark = pytest.mark.django_db


def test_every_valid_row_of_a_congress_list_becomes_a_member_with_a_card_that_verifies(client, tmp_path):
    report = run_import(tmp_path, [person_row(1), person_row(2, nomor_anggota="IPSPI.32.2010.00007"), person_row(3, nik="123")])

    assert (report["created"], report["members"], report["rejected"]) == (2, 2, 1)
    jwks = client.get("/.well-known/jwks.json").json()
    for member in Member.objects.select_related("credential", "person"):
        card = member.credential
        assert (card.kind, card.number, card.holder_id, card.status) == ("member_card", member.number, member.person_id, "valid")
        payload = verify_offline(client.get(f"/v/{card.public_id}.jwt").content.decode(), jwks)
        assert payload["credentialSubject"]["number"] == member.number
        assert payload["credentialSubject"]["province"] == "Jawa Barat"
        assert "SAH" in client.get(f"/v/{card.public_id}").content.decode()
        # A new card: valid five years from the import, as one issued on approval.
        assert member.card_valid_until == card.valid_until
        assert card.valid_until.year == timezone.localdate().year + 5
        assert member.history.get().history_type == "+"


def test_an_inactive_member_has_a_suspended_card_and_a_member_who_stopped_a_revoked_one(client, tmp_path):
    run_import(
        tmp_path,
        [
            person_row(1, status_keanggotaan="Tidak Aktif", iuran_lunas_sampai="2019"),
            person_row(2, status_keanggotaan="berhenti"),
            person_row(3, status_keanggotaan="AKTIF"),
        ],
    )

    inactive, stopped, active = (Member.objects.get(person__full_name=f"Peserta Kongres {n}") for n in (1, 2, 3))
    assert (inactive.status, inactive.credential.status, inactive.credential.status_category) == (
        "lapsed",
        "suspended",
        "dues_unpaid",
    )
    assert (stopped.status, stopped.credential.status) == ("ended", "revoked")
    assert (active.status, active.credential.status) == ("active", "valid")
    suspension = client.get("/credentials/status/suspension").content.decode()
    revocation = client.get("/credentials/status/revocation").content.decode()
    assert _bit(suspension, inactive.credential.status_list_index)
    assert _bit(revocation, stopped.credential.status_list_index)
    assert not _bit(suspension, active.credential.status_list_index)
    assert not _bit(revocation, active.credential.status_list_index)
    assert "DIBEKUKAN" in client.get(f"/v/{inactive.credential.public_id}").content.decode()


def test_a_card_end_date_from_the_list_is_kept_and_a_past_one_reads_expired(tmp_path):
    run_import(tmp_path, [person_row(1, kartu_berlaku_sampai="31/12/2020", tanggal_bergabung="01/06/2016")])

    member = Member.objects.get()
    assert member.card_valid_until == datetime.date(2020, 12, 31)
    assert member.credential.status == Credential.Status.EXPIRED
    assert member.credential.valid_from == datetime.date(2016, 6, 1)
    assert member.joined_on == datetime.date(2016, 6, 1)


def test_a_congress_row_without_a_province_is_rejected(tmp_path):
    report = run_import(tmp_path, [person_row(1, province="")])

    assert (report["created"], report["rejected"]) == (0, 1)
    assert report["problems"][0]["field"] == "provinsi"
