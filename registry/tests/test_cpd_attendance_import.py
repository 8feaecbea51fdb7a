import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import make_staff
from core.errors import DomainError
from registry import cpd
from registry.models import CpdActivity, CpdProvider
from registry.tests.renewal_helpers import member_with_card_ending

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider():
    return CpdProvider.objects.create(
        name="Lembaga Pelatihan Pekerja Sosial", accredited_from=datetime.date(2020, 1, 1), decision="SK DPP IPSPI 12/2020"
    )


def _csv(rows: list[str]) -> SimpleUploadedFile:
    return SimpleUploadedFile("hadir.csv", ("nomor_anggota,kegiatan,tanggal,jam\n" + "\n".join(rows)).encode(), "text/csv")


def test_an_attendance_list_records_accepted_activities_once_however_often_it_is_sent(provider, dpd_jabar, dpp):
    a = member_with_card_ending(dpd_jabar, in_days=400)
    b = member_with_card_ending(dpd_jabar, in_days=400)
    day = (timezone.localdate() - datetime.timedelta(days=10)).strftime("%d/%m/%Y")
    rows = [f"{a.number},Pelatihan Asesmen Anak,{day},6", f'{b.number},Pelatihan Asesmen Anak,{day},"4,5"']
    account = make_staff(Role.CPD_PROVIDER, organisation=provider, totp=False)
    first = cpd.import_attendance(actor=account, provider=provider, upload=_csv(rows), category="training")
    again = cpd.import_attendance(actor=dpp, provider=provider, upload=_csv(rows), category="training")
    assert (first["created"], first["unchanged"]) == (2, 0)
    assert (again["created"], again["unchanged"]) == (0, 2)
    activities = CpdActivity.objects.filter(provider=provider)
    assert activities.count() == 2 and all(x.status == CpdActivity.Status.ACCEPTED for x in activities)
    assert cpd.standing(b.person).credits == Decimal("4.5")


def test_row_errors_are_reported_in_indonesian_and_nothing_is_saved(provider, dpd_jabar, dpp):
    a = member_with_card_ending(dpd_jabar, in_days=400)
    future = (timezone.localdate() + datetime.timedelta(days=5)).isoformat()
    rows = [
        f"{a.number},Seminar Etika,2025-03-01,3",
        "IPSPI.32.2026.99999,Seminar Etika,2025-03-01,3",
        f"{a.number},,31/02/2025,dua",
        f"{a.number},Seminar Etika,{future},2",
        f"{a.number},Seminar Etika,2019-03-01,2",
    ]
    report = cpd.import_attendance(actor=dpp, provider=provider, upload=_csv(rows), category="seminar")
    messages = {(p["row"], p["field"]): p["message"] for p in report["problems"]}
    assert messages[(3, "nomor_anggota")] == "Tidak ada anggota dengan nomor IPSPI.32.2026.99999."
    assert messages[(4, "kegiatan")] == "Nama kegiatan kosong."
    assert "bukan tanggal yang ada di kalender" in messages[(4, "tanggal")]
    assert messages[(4, "jam")].startswith("Jumlah jam harus berupa angka")
    assert "di masa depan" in messages[(5, "tanggal")]
    assert "belum terakreditasi" in messages[(6, "tanggal")]
    assert report["created"] == 0 and not CpdActivity.objects.exists()


def test_a_provider_account_sends_lists_for_its_own_provider_only(client, provider, dpd_jabar):
    other = CpdProvider.objects.create(name="Penyelenggara Lain", accredited_from=datetime.date(2020, 1, 1), decision="SK 2")
    account = make_staff(Role.CPD_PROVIDER, organisation=provider, totp=False)
    a = member_with_card_ending(dpd_jabar, in_days=400)
    with pytest.raises(DomainError):
        cpd.import_attendance(actor=account, provider=other, upload=_csv([]), category="training")
    client.force_login(account)
    assert client.get(reverse("registry:cpd_my_provider")).url == reverse("registry:cpd_attendance", args=[provider.pk])
    assert client.get(reverse("registry:cpd_attendance", args=[other.pk])).status_code == 404
    response = client.post(
        reverse("registry:cpd_attendance", args=[provider.pk]),
        {"category": "training", "file": _csv([f"{a.number},Pelatihan,2025-05-01,2"])},
    )
    assert "1 kegiatan dicatat" in response.content.decode()
    assert CpdActivity.objects.filter(person=a.person, provider=provider).count() == 1
