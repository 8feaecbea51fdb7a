"""Claiming an imported record, a member's own export, and staff member lists and exports."""

import datetime
import json
import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.tests.factories import UserFactory, sign_in_with_second_factor
from core.exports import neutralise
from core.models import AuditEvent
from registry import services
from registry.models import ClaimRequest, MembershipApplication, Person
from registry.tests.factories import EducationFactory, PersonFactory, png_bytes, png_upload, submitted_application

pytestmark = pytest.mark.django_db

CATEGORY_ID, CATEGORY_EN = "Anggota Biasa", "Anggota Biasa (full member)"


def _legacy(**kwargs):
    defaults = {"user": None, "source": "Kongres 2010", "email": "lama@example.id", "photo": None}
    defaults.update(kwargs)
    return PersonFactory(**defaults)


def test_claiming_a_legacy_record_by_nik_and_birth_date_confirmed_by_email_then_reregistering(
    client, dpd_jabar, django_capture_on_commit_callbacks
):
    legacy = _legacy()
    EducationFactory(person=legacy)
    user = UserFactory()
    sign_in_with_second_factor(client, user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("registry:claim_start"),
            {"nik": legacy.nik, "birth_date": legacy.birth_date.isoformat(), "document": png_upload("ktp.png")},
        )
    assert [m.to for m in mail.outbox] == [["lama@example.id"]]
    link = re.search(r"http\S+/klaim/konfirmasi/\S+/", mail.outbox[0].body).group(0)
    path = link.split("8000", 1)[-1] if "8000" in link else link
    legacy.refresh_from_db()
    assert legacy.user_id is None, "nothing changes before the e-mail link is confirmed"

    client.post(path)
    legacy.refresh_from_db()
    assert legacy.user == user and legacy.claimed and legacy.source == "Kongres 2010"

    # Review: the person completes the missing photo, then submits as a re-registration.
    from django.core.files.base import ContentFile

    legacy.photo.save("foto.png", ContentFile(png_bytes()))
    client.post(reverse("registry:apply"), {"channel": "dpd", "province": legacy.province_id, "submit": "1"})
    application = MembershipApplication.objects.get(person=legacy)
    assert application.status == MembershipApplication.Status.SUBMITTED and application.from_claim
    sign_in_with_second_factor(client, dpd_jabar)
    assert "registrasi ulang" in client.get(reverse("registry:application_queue")).content.decode()


def test_a_claim_with_a_wrong_birth_date_finds_nothing_and_sends_nothing(client, django_capture_on_commit_callbacks):
    legacy = _legacy()
    sign_in_with_second_factor(client, UserFactory())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("registry:claim_start"),
            {"nik": legacy.nik, "birth_date": "1991-01-01", "document": png_upload("ktp.png")},
            follow=True,
        )
    assert "Jika ada data yang cocok dengan NIK dan tanggal lahir ini" in response.content.decode()
    assert mail.outbox == [] and not ClaimRequest.objects.exists()


def test_a_confirmation_link_works_only_for_the_account_that_asked(client, django_capture_on_commit_callbacks):
    legacy = _legacy()
    asker = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.start_claim(actor=asker, nik=legacy.nik, birth_date=legacy.birth_date, document=png_upload("ktp.png"))
    path = re.search(r"/anggota/klaim/konfirmasi/\S+/", mail.outbox[0].body).group(0)
    sign_in_with_second_factor(client, UserFactory())
    response = client.post(path, follow=True)
    assert "Tautan konfirmasi ini dibuat untuk akun lain." in response.content.decode()
    legacy.refresh_from_db()
    assert legacy.user_id is None
    sign_in_with_second_factor(client, asker)
    assert (
        "Tautan konfirmasi ini tidak sah."
        in client.post(reverse("registry:claim_confirm", args=["rusak"]), follow=True).content.decode()
    )


def test_a_member_exports_their_own_data_as_json_and_pdf(client, dpd_jabar, django_capture_on_commit_callbacks):
    application = submitted_application()
    with django_capture_on_commit_callbacks(execute=True):
        member = services.verify_application(actor=dpd_jabar, application=application, version=application.version)
    sign_in_with_second_factor(client, member.person.user)
    data = json.loads(client.get(reverse("registry:my_data_json")).content)
    assert data["profile"]["nik"] == member.person.nik
    assert data["membership"]["number"] == member.number
    assert data["education"][0]["level"] == "S1" and data["work_experience"] and data["trainings"]
    assert data["membership"]["dues"][0]["amount"] == 120_000
    pdf = client.get(reverse("registry:my_data_pdf"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_personal_data_download_of_accounts_includes_the_register(client):
    person = PersonFactory()
    sign_in_with_second_factor(client, person.user)
    data = json.loads(client.get(reverse("accounts:my_data_json")).content)
    assert json.dumps(data).count(person.nik) >= 1


def _members(dpd_jabar, n):
    members = []
    for _ in range(n):
        application = submitted_application(province_code="32")
        members.append(services.verify_application(actor=dpd_jabar, application=application, version=application.version))
    return members


def test_staff_member_list_is_scoped_filtered_and_does_not_count_the_table(
    client, dpd_jabar, dpd_jatim, dpp, django_assert_max_num_queries
):
    jabar_members = _members(dpd_jabar, 3)
    from registry.models import Member

    jabar_members[0].suspend(reason="uji", category="other")
    jabar_members[0].save()
    jatim_app = submitted_application(province_code="35")
    jatim_member = services.verify_application(actor=dpp, application=jatim_app, version=jatim_app.version)

    sign_in_with_second_factor(client, dpd_jabar)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("registry:member_list")).content.decode()
    assert all(m.number in page for m in jabar_members) and jatim_member.number not in page
    page = client.get(reverse("registry:member_list"), {"status": "suspended"}).content.decode()
    assert jabar_members[0].number in page and jabar_members[1].number not in page
    page = client.get(reverse("registry:member_list"), {"education": "S1", "practice_field": "anak"}).content.decode()
    assert jabar_members[1].number in page
    page = client.get(reverse("registry:member_list"), {"education": "S3"}).content.decode()
    assert jabar_members[1].number not in page
    page = client.get(reverse("registry:member_list"), {"q": jabar_members[2].number.lower()}).content.decode()
    assert jabar_members[2].number in page and jabar_members[1].number not in page
    surname = jabar_members[1].person.full_name.split()[-1].upper()
    page = client.get(reverse("registry:member_list"), {"q": surname}).content.decode()
    assert jabar_members[1].number in page
    # A DPD officer cannot widen the list to another province.
    page = client.get(reverse("registry:member_list"), {"province": jatim_member.province_id}).content.decode()
    assert jatim_member.number not in page
    assert client.get(reverse("registry:member_detail", args=[jatim_member.pk])).status_code == 404

    sign_in_with_second_factor(client, dpp)
    page = client.get(reverse("registry:member_list"), {"province": jatim_member.province_id}).content.decode()
    assert jatim_member.number in page and jabar_members[1].number not in page
    assert Member.objects.count() == 4


def test_member_export_is_scoped_logged_and_neutralises_formulas(client, dpd_jabar, dpp):
    member = _members(dpd_jabar, 1)[0]
    Person.objects.filter(pk=member.person_id).update(full_name='=HYPERLINK("http://x")')
    jatim_app = submitted_application(province_code="35")
    other = services.verify_application(actor=dpp, application=jatim_app, version=jatim_app.version)
    sign_in_with_second_factor(client, dpd_jabar)
    response = client.get(reverse("registry:member_export", args=["csv"]))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert member.number in body and other.number not in body
    assert "'=HYPERLINK" in body
    assert AuditEvent.objects.filter(actor=dpd_jabar, action=AuditEvent.Action.EXPORT).count() == 1
    xlsx = client.get(reverse("registry:member_export", args=["xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    sign_in_with_second_factor(client, UserFactory())
    assert client.get(reverse("registry:member_export", args=["csv"])).status_code == 403


def test_the_member_export_gives_each_member_in_number_order_with_labels_in_the_visitors_language(
    client, dpd_jabar, django_assert_max_num_queries
):
    import csv
    import io

    from registry.models import Member

    first, second = _members(dpd_jabar, 2)
    assert first.category == second.category == "biasa"
    Member.objects.filter(pk=second.pk).update(status=Member.Status.SUSPENDED, status_reason="Iuran tertunggak")
    sign_in_with_second_factor(client, dpd_jabar)
    with django_assert_max_num_queries(12):  # the session, the user, the scope, the audit record, the rows
        body = b"".join(client.get(reverse("registry:member_export", args=["csv"])).streaming_content).decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(body)))
    assert header[:4] == ["nomor_anggota", "nama_lengkap", "kategori", "status"]
    person = first.person
    assert rows[0] == [
        first.number,
        person.full_name,
        CATEGORY_ID,
        "aktif",
        first.status_reason,
        "Jawa Barat",
        first.joined_on.isoformat(),
        person.email,
        neutralise(person.phone),
    ]  # "+62…" would be a formula
    assert rows[1][0] == second.number and rows[1][3:5] == ["dibekukan", "Iuran tertunggak"]
    client.cookies["django_language"] = "en"
    english = b"".join(client.get(reverse("registry:member_export", args=["csv"])).streaming_content).decode("utf-8-sig")
    assert [row[2:4] for row in list(csv.reader(io.StringIO(english)))[1:]] == [
        [CATEGORY_EN, "active"],
        [CATEGORY_EN, "suspended"],
    ]


def test_staff_reads_of_documents_are_audited_and_scoped(client, dpd_jabar, dpd_jatim):
    application = submitted_application()
    person = application.person
    sign_in_with_second_factor(client, dpd_jatim)
    assert client.get(reverse("registry:staff_document", args=[person.pk, "photo", 0])).status_code == 404
    sign_in_with_second_factor(client, dpd_jabar)
    response = client.get(reverse("registry:staff_document", args=[person.pk, "photo", 0]))
    assert response.status_code == 200
    assert AuditEvent.objects.filter(actor=dpd_jabar, action=AuditEvent.Action.DOWNLOAD_DOCUMENT).exists()


def test_verification_numbers_follow_each_other_per_province_and_year(dpd_jabar, dpp):
    numbers = [m.number for m in _members(dpd_jabar, 3)]
    year = datetime.date.today().year
    assert numbers == [f"IPSPI.32.{year}.0000{i}" for i in (1, 2, 3)]
    jatim_app = submitted_application(province_code="35")
    assert (
        services.verify_application(actor=dpp, application=jatim_app, version=jatim_app.version).number
        == f"IPSPI.35.{year}.00001"
    )


def test_erasure_removes_contacts_and_documents_but_keeps_a_members_number(dpd_jabar):
    from accounts.services import erase_person

    application = submitted_application()
    member = services.verify_application(actor=dpd_jabar, application=application, version=application.version)
    person = member.person
    user = person.user
    summary = erase_person(actor=dpd_jabar, user=user)
    person.refresh_from_db()
    assert "nomor anggota" in summary
    assert (person.phone, person.email, person.address, bool(person.photo), person.user_id) == ("", "", "", False, None)
    assert person.full_name and member.number

    other = PersonFactory()
    erase_person(actor=dpd_jabar, user=other.user)
    other.refresh_from_db()
    assert other.nik is None and other.birth_date is None and other.full_name == "(dihapus)"
