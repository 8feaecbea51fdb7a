"""Taking over an imported (legacy) record: a NIK and a date of birth prove nothing (the NIK
spells out the date of birth), so the record's own e-mail address or an officer who compared the
claimant's identity document decides, and the claim form never tells whether a record exists."""

import re

import pytest
from django.core import mail, signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Notification
from accounts.tests.factories import UserFactory, sign_in_with_second_factor
from core.errors import DomainError
from registry import services, views
from registry.models import ClaimRequest, Person
from registry.tests.factories import PersonFactory, png_bytes, province

pytestmark = pytest.mark.django_db

GENERIC_ANSWER = "Jika ada data yang cocok dengan NIK dan tanggal lahir ini"


def _legacy(**kwargs):
    defaults = {"user": None, "source": "Kongres 2010", "email": "", "photo": None}
    defaults.update(kwargs)
    return PersonFactory(**defaults)


def _ktp(name="ktp.png"):
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def _claim(client, nik, birth_date, **extra):
    data = {
        "nik": nik,
        "birth_date": birth_date.isoformat() if hasattr(birth_date, "isoformat") else birth_date,
        "document": _ktp(),
    }
    return client.post(reverse("registry:claim_start"), data, **extra)


def _without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_a_record_without_its_own_email_is_never_confirmed_through_the_claimants_address(
    client, django_capture_on_commit_callbacks
):
    legacy = _legacy()
    claimant = UserFactory()
    sign_in_with_second_factor(client, claimant)
    with django_capture_on_commit_callbacks(execute=True):
        _claim(client, legacy.nik, legacy.birth_date)
    assert mail.outbox == [], "no confirmation link goes to the claimant's own address"
    legacy.refresh_from_db()
    assert legacy.user_id is None and not legacy.claimed
    request = ClaimRequest.objects.get(person=legacy)
    assert request.claimant == claimant and request.status == ClaimRequest.Status.SUBMITTED
    assert request.document.name.startswith("registry/claims/") and "ktp" not in request.document.name
    assert request.document.read() == png_bytes()


def test_a_link_made_for_a_record_without_its_own_email_is_refused(client):
    legacy = _legacy()
    claimant = UserFactory()
    # The link the earlier code e-mailed to the claimant: it names no address of the record.
    token = signing.dumps({"person": legacy.pk, "user": claimant.pk}, salt=services.CLAIM_SALT)
    with pytest.raises(DomainError):
        services.confirm_claim(actor=claimant, token=token)
    legacy.refresh_from_db()
    assert legacy.user_id is None


def test_a_link_made_before_the_records_address_changed_is_refused(client, django_capture_on_commit_callbacks):
    legacy = _legacy(email="lama@example.id")
    claimant = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.start_claim(actor=claimant, nik=legacy.nik, birth_date=legacy.birth_date, document=_ktp())
    token = re.search(r"/klaim/konfirmasi/(\S+)/", mail.outbox[0].body).group(1)
    Person.objects.filter(pk=legacy.pk).update(email="baru@example.id")
    with pytest.raises(DomainError):
        services.confirm_claim(actor=claimant, token=token)


def test_a_record_with_its_own_email_gets_the_link_at_that_address_only(client, django_capture_on_commit_callbacks):
    legacy = _legacy(email="lama@example.id")
    claimant = UserFactory()
    sign_in_with_second_factor(client, claimant)
    with django_capture_on_commit_callbacks(execute=True):
        _claim(client, legacy.nik, legacy.birth_date)
    assert [m.to for m in mail.outbox] == [["lama@example.id"]]
    assert not ClaimRequest.objects.exists(), "the document is not kept when the record's address decides"
    path = re.search(r"/anggota/klaim/konfirmasi/\S+/", mail.outbox[0].body).group(0)
    client.post(path)
    legacy.refresh_from_db()
    assert legacy.user == claimant and legacy.claimed


def test_the_claim_form_answers_the_same_whether_or_not_a_record_matches(client, django_capture_on_commit_callbacks):
    with_email = _legacy(email="lama@example.id")
    without_email = _legacy(birth_date=with_email.birth_date)
    unknown_nik = with_email.nik[:-4] + "9999"
    answers = []
    for nik in (with_email.nik, without_email.nik, unknown_nik):
        sign_in_with_second_factor(client, UserFactory())
        with django_capture_on_commit_callbacks(execute=True):
            response = _claim(client, nik, with_email.birth_date)
        page = client.get(response["Location"])
        answers.append((response.status_code, response["Location"], page.status_code, _without_tokens(page.content.decode())))
    assert answers[0] == answers[1] == answers[2]
    assert GENERIC_ANSWER in answers[0][3]
    assert "la••@example.id" not in answers[0][3] and "Tidak ada data impor" not in answers[0][3]


def test_the_claim_form_asks_for_the_identity_document_up_front_and_checks_its_content(client):
    legacy = _legacy()
    sign_in_with_second_factor(client, UserFactory())
    page = client.get(reverse("registry:claim_start")).content.decode()
    assert 'enctype="multipart/form-data"' in page and 'name="document"' in page
    fake = SimpleUploadedFile("ktp.pdf", b"not a document at all", content_type="application/pdf")
    response = client.post(
        reverse("registry:claim_start"), {"nik": legacy.nik, "birth_date": legacy.birth_date.isoformat(), "document": fake}
    )
    assert response.status_code == 200
    assert "bukan berkas" in response.content.decode()
    assert not ClaimRequest.objects.exists()


def test_the_dpd_officer_of_the_records_province_approves_a_claim_against_the_document(
    client, dpd_jabar, django_capture_on_commit_callbacks
):
    legacy = _legacy(province=province("32"))
    claimant = UserFactory()
    sign_in_with_second_factor(client, claimant)
    _claim(client, legacy.nik, legacy.birth_date)
    request = ClaimRequest.objects.get()

    sign_in_with_second_factor(client, dpd_jabar)
    queue = client.get(reverse("registry:claim_requests")).content.decode()
    assert legacy.full_name in queue
    detail = client.get(reverse("registry:claim_request_detail", args=[request.pk])).content.decode()
    assert legacy.nik in detail and claimant.email in detail
    document = client.get(reverse("registry:claim_request_document", args=[request.pk]))
    assert document.status_code == 200 and b"".join(document.streaming_content) == png_bytes()
    assert document["Cache-Control"] == "private, no-store"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("registry:claim_request_decide", args=[request.pk, "approve"]))
    assert response.status_code == 302
    legacy.refresh_from_db()
    request.refresh_from_db()
    assert legacy.user == claimant and legacy.claimed and legacy.email == claimant.email
    assert request.status == ClaimRequest.Status.APPROVED and request.decided_by == dpd_jabar and request.decided_at
    assert request.history.count() == 2
    assert Notification.objects.filter(user=claimant).count() == 1
    assert any(m.to == [claimant.email] for m in mail.outbox)
    assert legacy.full_name not in client.get(reverse("registry:claim_requests")).content.decode()


def test_an_officer_of_another_province_neither_sees_nor_opens_nor_decides_a_claim(client, dpd_jatim, dpp):
    legacy = _legacy(province=province("32"))
    claimant = UserFactory()
    services.start_claim(actor=claimant, nik=legacy.nik, birth_date=legacy.birth_date, document=_ktp())
    request = ClaimRequest.objects.get()

    sign_in_with_second_factor(client, dpd_jatim)
    assert legacy.full_name not in client.get(reverse("registry:claim_requests")).content.decode()
    assert client.get(reverse("registry:claim_request_detail", args=[request.pk])).status_code == 404
    assert client.get(reverse("registry:claim_request_document", args=[request.pk])).status_code == 404
    assert client.post(reverse("registry:claim_request_decide", args=[request.pk, "approve"])).status_code == 404
    with pytest.raises(DomainError):
        services.approve_claim_request(actor=dpd_jatim, claim=request)
    sign_in_with_second_factor(client, claimant)
    assert client.get(reverse("registry:claim_request_document", args=[request.pk])).status_code == 404
    legacy.refresh_from_db()
    assert legacy.user_id is None

    # The DPP decides nationally.
    sign_in_with_second_factor(client, dpp)
    assert legacy.full_name in client.get(reverse("registry:claim_requests")).content.decode()
    services.approve_claim_request(actor=dpp, claim=request)
    legacy.refresh_from_db()
    assert legacy.user == claimant


def test_a_rejected_claim_needs_a_reason_keeps_the_record_and_tells_the_claimant_why(client, dpd_jabar):
    legacy = _legacy(province=province("32"))
    claimant = UserFactory()
    services.start_claim(actor=claimant, nik=legacy.nik, birth_date=legacy.birth_date, document=_ktp())
    request = ClaimRequest.objects.get()
    sign_in_with_second_factor(client, dpd_jabar)
    response = client.post(reverse("registry:claim_request_decide", args=[request.pk, "reject"]), {"reason": " "}, follow=True)
    assert "Berikan alasan" in response.content.decode()
    request.refresh_from_db()
    assert request.status == ClaimRequest.Status.SUBMITTED

    client.post(reverse("registry:claim_request_decide", args=[request.pk, "reject"]), {"reason": "Foto KTP tidak terbaca"})
    request.refresh_from_db()
    legacy.refresh_from_db()
    assert request.status == ClaimRequest.Status.REJECTED and request.reason == "Foto KTP tidak terbaca"
    assert request.decided_by == dpd_jabar and legacy.user_id is None
    notice = Notification.objects.get(user=claimant)
    assert "Foto KTP tidak terbaca" in notice.body
    with pytest.raises(DomainError):
        services.approve_claim_request(actor=dpd_jabar, claim=request)
    with pytest.raises(DomainError):
        request.delete()


def test_approving_one_claim_closes_the_other_claims_of_the_same_record(dpd_jabar):
    legacy = _legacy(province=province("32"))
    first, second = UserFactory(), UserFactory()
    for claimant in (first, second, second):
        services.start_claim(actor=claimant, nik=legacy.nik, birth_date=legacy.birth_date, document=_ktp())
    assert ClaimRequest.objects.count() == 2, "a second attempt by the same account adds no second request"
    services.approve_claim_request(actor=dpd_jabar, claim=ClaimRequest.objects.get(claimant=first))
    other = ClaimRequest.objects.get(claimant=second)
    assert other.status == ClaimRequest.Status.REJECTED and other.reason
    assert Notification.objects.filter(user=second).exists()


def test_claim_attempts_are_limited_per_account(client, django_capture_on_commit_callbacks):
    legacy = _legacy(email="lama@example.id")
    sign_in_with_second_factor(client, UserFactory())
    for n in range(views.CLAIM_LIMIT_PER_ACCOUNT.limit):
        assert _claim(client, "3273055705900000", legacy.birth_date, REMOTE_ADDR=f"10.0.0.{n}").status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = _claim(client, legacy.nik, legacy.birth_date, REMOTE_ADDR="10.0.1.1")
    assert response.status_code == 429 and response["Retry-After"]
    assert "Terlalu banyak percobaan klaim" in response.content.decode()
    assert mail.outbox == [] and not ClaimRequest.objects.exists()


def test_claim_attempts_are_limited_per_client_address(client, django_capture_on_commit_callbacks):
    legacy = _legacy()
    for _ in range(views.CLAIM_LIMIT_PER_ADDRESS.limit):
        sign_in_with_second_factor(client, UserFactory())
        assert _claim(client, "3273055705900000", legacy.birth_date, REMOTE_ADDR="10.0.0.7").status_code == 302
    sign_in_with_second_factor(client, UserFactory())
    response = _claim(client, legacy.nik, legacy.birth_date, REMOTE_ADDR="10.0.0.7")
    assert response.status_code == 429
    assert "Terlalu banyak percobaan klaim" in response.content.decode()
    assert not ClaimRequest.objects.exists()
    # Another network is not held back by this one.
    assert _claim(client, legacy.nik, legacy.birth_date, REMOTE_ADDR="10.0.0.8").status_code == 302
    assert ClaimRequest.objects.count() == 1


def test_the_claimants_own_data_download_does_not_tell_a_match_before_an_officer_decided(client, dpd_jabar):
    legacy = _legacy(province=province("32"))
    claimant = UserFactory()
    services.start_claim(actor=claimant, nik=legacy.nik, birth_date=legacy.birth_date, document=_ktp())
    client.force_login(claimant)
    pending = client.get(reverse("accounts:my_data_json")).content.decode()
    assert "record_claims" not in pending and "submitted" not in pending
    services.reject_claim_request(actor=dpd_jabar, claim=ClaimRequest.objects.get(), reason="Foto KTP tidak terbaca")
    assert "Foto KTP tidak terbaca" in client.get(reverse("accounts:my_data_json")).content.decode()


def test_a_claim_whose_document_is_no_longer_held_cannot_be_approved(dpd_jabar):
    legacy = _legacy(province=province("32"))
    claimant = UserFactory()
    services.start_claim(actor=claimant, nik=legacy.nik, birth_date=legacy.birth_date, document=_ktp())
    ClaimRequest.objects.update(document="")  # as after the claimant's erasure request
    with pytest.raises(DomainError):
        services.approve_claim_request(actor=dpd_jabar, claim=ClaimRequest.objects.get())
    legacy.refresh_from_db()
    assert legacy.user_id is None and ClaimRequest.objects.get().status == ClaimRequest.Status.SUBMITTED
