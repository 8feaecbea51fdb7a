"""A Jaringan Peksos list makes base records only: their people claim them and submit them as
membership applications (the seed: "disarankan untuk melakukan registrasi terlebih dulu")."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.tests.factories import UserFactory
from registry import services
from registry.models import ClaimRequest, Member, MembershipApplication, Person
from registry.tests.factories import png_bytes
from registry.tests.member_lists import person_row, problems, run_import

pytestmark = pytest.mark.django_db


def test_a_jaringan_list_makes_records_that_their_people_claim_and_apply_with(tmp_path, dpd_jabar):
    report = run_import(tmp_path, [person_row(1), person_row(2)], kind="jaringan", source="Jaringan Peksos 2019")

    assert (report["created"], report["members"]) == (2, 0)
    assert not Member.objects.exists()
    record = Person.objects.legacy_unclaimed().get(full_name="Peserta Kongres 1")
    assert record.import_sources == ["Jaringan Peksos 2019"]

    claimant = UserFactory()
    ktp = SimpleUploadedFile("ktp.png", png_bytes(), content_type="image/png")
    services.start_claim(actor=claimant, nik=record.nik, birth_date=record.birth_date, document=ktp)
    services.approve_claim_request(actor=dpd_jabar, claim=ClaimRequest.objects.get(person=record))
    record.refresh_from_db()
    application = services.start_application(actor=claimant, person=record, channel="dpd")
    assert record.user == claimant
    assert (application.status, application.from_claim, application.province.code) == (
        MembershipApplication.Status.DRAFT,
        True,
        "32",
    )


def test_membership_columns_of_a_jaringan_list_are_reported_and_not_used(tmp_path):
    report = run_import(tmp_path, [person_row(1, nomor_anggota="017/2011", status_keanggotaan="aktif")], kind="jaringan")

    assert (report["created"], report["members"], report["rejected"]) == (1, 0, 0)
    assert "melalui permohonan" in problems(report)[(2, "nomor_anggota")]
    assert not Member.objects.exists()
