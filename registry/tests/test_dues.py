"""Dues: a yearly invoice from the fee schedule, proof of payment uploaded by the member,
confirmation by the DPD with a numbered receipt, lapse past the grace period, reactivation."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.tests.factories import sign_in_with_second_factor
from credentials.models import Credential
from registry import services
from registry.models import DuesInvoice, DuesPayment, FeeSchedule, Member
from registry.tests.factories import pdf_upload, submitted_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(dpd_jabar, django_capture_on_commit_callbacks):
    application = submitted_application()
    with django_capture_on_commit_callbacks(execute=True):
        return services.verify_application(actor=dpd_jabar, application=application, version=application.version)


def test_fee_schedules_are_data_with_their_source():
    year = datetime.date.today().year
    fees = FeeSchedule.objects.in_force(datetime.date(year, 1, 1)).filter(year=year)
    assert {f.category: f.amount for f in fees} == {"biasa": 120_000, "rekan": 60_000}
    assert all(f.source.startswith("SK DPP IPSPI") for f in fees)


def test_verification_issues_the_first_yearly_invoice_in_whole_rupiah(member):
    invoice = member.invoices.get()
    assert invoice.year == datetime.date.today().year
    assert invoice.amount == 120_000 and isinstance(invoice.amount, int)
    assert invoice.grace_until > invoice.due_on


def test_member_uploads_proof_dpd_confirms_and_a_receipt_is_numbered(client, member, dpd_jabar, dpd_jatim):
    invoice = member.invoices.get()
    sign_in_with_second_factor(client, member.person.user)
    response = client.post(
        reverse("registry:pay_dues", args=[invoice.pk]),
        {
            "amount": "120000",
            "paid_on": datetime.date.today().isoformat(),
            "reference": "TRF-1",
            "proof": pdf_upload("bukti.pdf"),
        },
    )
    assert response.status_code == 302
    payment = DuesPayment.objects.get()
    assert payment.status == DuesPayment.Status.SUBMITTED

    sign_in_with_second_factor(client, dpd_jatim)
    assert client.post(reverse("registry:payment_decide", args=[payment.pk, "confirm"])).status_code == 404
    assert client.get(reverse("registry:payment_proof", args=[payment.pk])).status_code == 404
    sign_in_with_second_factor(client, dpd_jabar)
    assert payment.invoice.member.number in client.get(reverse("registry:payment_queue")).content.decode()
    client.post(reverse("registry:payment_decide", args=[payment.pk, "confirm"]))
    payment.refresh_from_db()
    invoice.refresh_from_db()
    assert payment.status == DuesPayment.Status.CONFIRMED
    assert payment.receipt_number == f"KW.IPSPI.32.{datetime.date.today().year}.00001"
    assert invoice.status == DuesInvoice.Status.PAID

    sign_in_with_second_factor(client, member.person.user)
    receipt = client.get(reverse("registry:receipt", args=[payment.pk]))
    assert receipt.status_code == 200 and receipt.content.startswith(b"%PDF")
    sign_in_with_second_factor(client, dpd_jatim)
    assert client.get(reverse("registry:receipt", args=[payment.pk])).status_code == 404


def test_an_overpayment_or_a_future_date_is_refused_and_nothing_is_recorded(client, member):
    invoice = member.invoices.get()
    sign_in_with_second_factor(client, member.person.user)
    response = client.post(
        reverse("registry:pay_dues", args=[invoice.pk]),
        {"amount": "500000", "paid_on": datetime.date.today().isoformat(), "proof": pdf_upload()},
    )
    assert "Jumlah melebihi sisa tagihan (Rp 120.000)." in response.content.decode()
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    response = client.post(
        reverse("registry:pay_dues", args=[invoice.pk]), {"amount": "120000", "paid_on": tomorrow, "proof": pdf_upload()}
    )
    assert "Tanggal pembayaran tidak boleh di masa depan." in response.content.decode()
    assert not DuesPayment.objects.exists()


def test_a_member_cannot_pay_someone_elses_invoice(client, member):
    from registry.tests.factories import PersonFactory

    intruder = PersonFactory()
    sign_in_with_second_factor(client, intruder.user)
    assert client.get(reverse("registry:pay_dues", args=[member.invoices.get().pk])).status_code == 404


def test_unpaid_dues_past_the_grace_period_lapse_the_member_and_payment_reactivates(
    member, dpd_jabar, django_capture_on_commit_callbacks
):
    invoice = member.invoices.get()
    after_grace = invoice.grace_until + datetime.timedelta(days=1)
    call_command("refresh_membership", date=after_grace.isoformat(), verbosity=0)
    member.refresh_from_db()
    assert member.status == Member.Status.LAPSED
    assert str(invoice.year) in member.status_reason
    assert member.credential.status == Credential.Status.SUSPENDED

    payment = services.record_payment(
        actor=dpd_jabar, invoice=invoice, amount=120_000, paid_on=datetime.date.today(), reference="tunai"
    )
    assert payment.status == DuesPayment.Status.CONFIRMED and payment.receipt_number
    member.refresh_from_db()
    member.credential.refresh_from_db()
    assert member.status == Member.Status.ACTIVE
    assert member.credential.status == Credential.Status.VALID


def test_running_the_nightly_job_twice_issues_no_second_invoice(member):
    call_command("refresh_membership", verbosity=0)
    call_command("refresh_membership", verbosity=0)
    assert member.invoices.count() == 1


def test_suspension_needs_a_reason_and_suspends_the_card(client, member, dpd_jabar, dpd_jatim):
    sign_in_with_second_factor(client, dpd_jatim)
    assert (
        client.post(reverse("registry:member_status", args=[member.pk]), {"action": "suspend", "reason": "x"}).status_code == 404
    )
    sign_in_with_second_factor(client, dpd_jabar)
    response = client.post(reverse("registry:member_status", args=[member.pk]), {"action": "suspend", "reason": ""}, follow=True)
    assert "Pilih keputusan dan berikan alasannya." in response.content.decode()
    member.refresh_from_db()
    assert member.status == Member.Status.ACTIVE
    client.post(
        reverse("registry:member_status", args=[member.pk]),
        {"action": "suspend", "reason": "Pelanggaran kode etik", "category": "ethics_council"},
    )
    member.refresh_from_db()
    assert member.status == Member.Status.SUSPENDED and member.status_reason == "Pelanggaran kode etik"
    assert member.credential.status == Credential.Status.SUSPENDED


def test_a_transfer_keeps_the_number_and_moves_the_member_to_the_new_dpd(client, member, dpd_jabar, dpd_jatim, jatim):
    number = member.number
    sign_in_with_second_factor(client, dpd_jabar)
    client.post(reverse("registry:member_transfer", args=[member.pk]), {"to_province": jatim.pk, "reason": "Pindah domisili"})
    member.refresh_from_db()
    assert member.number == number
    assert member.province == jatim
    assert member.transfers.get().from_province.code == "32"
    old_credential = Credential.objects.get(number=number, claims__province_code="32")
    assert old_credential.status == Credential.Status.REVOKED
    assert member.credential.claims["province_code"] == "35" and member.credential.status == Credential.Status.VALID
    assert client.get(reverse("registry:member_detail", args=[member.pk])).status_code == 404
    sign_in_with_second_factor(client, dpd_jatim)
    assert client.get(reverse("registry:member_detail", args=[member.pk])).status_code == 200


def test_arrears_are_shown_to_the_member_and_the_dpd(client, member, dpd_jabar):
    invoice = member.invoices.get()
    DuesInvoice.objects.filter(pk=invoice.pk).update(
        due_on=datetime.date.today() - datetime.timedelta(days=40),
        grace_until=datetime.date.today() - datetime.timedelta(days=10),
    )
    assert member.arrears() == 120_000
    sign_in_with_second_factor(client, member.person.user)
    assert "Tunggakan: Rp 120.000." in client.get(reverse("registry:my_membership")).content.decode()
    sign_in_with_second_factor(client, dpd_jabar)
    assert "Tunggakan: Rp 120.000." in client.get(reverse("registry:member_detail", args=[member.pk])).content.decode()
    services.record_payment(actor=dpd_jabar, invoice=invoice, amount=50_000, paid_on=datetime.date.today())
    assert Member.objects.get(pk=member.pk).arrears() == 70_000


def test_the_member_is_emailed_when_the_dpd_rejects_or_confirms_a_proof(member, dpd_jabar, django_capture_on_commit_callbacks):
    from django.core import mail

    from registry.tests.factories import pdf_upload

    invoice = member.invoices.get()
    mail.outbox.clear()
    user = member.person.user
    first = services.submit_payment_proof(
        actor=user, invoice=invoice, amount=120_000, paid_on=datetime.date.today(), proof=pdf_upload()
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_payment(actor=dpd_jabar, payment=first, reason="Bukti buram")
    assert "tidak diterima" in mail.outbox[-1].subject and "Bukti buram" in mail.outbox[-1].body
    second = services.submit_payment_proof(
        actor=user, invoice=invoice, amount=120_000, paid_on=datetime.date.today(), proof=pdf_upload()
    )
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = services.confirm_payment(actor=dpd_jabar, payment=second)
    assert "dikonfirmasi" in mail.outbox[-1].subject and confirmed.receipt_number in mail.outbox[-1].body
    assert mail.outbox[-1].to == [member.person.email]


def test_numbered_records_are_never_deleted(member):
    from core.errors import DomainError

    with pytest.raises(DomainError):
        member.delete()
    with pytest.raises(DomainError):
        member.invoices.get().delete()
    assert Member.objects.filter(pk=member.pk).exists()
