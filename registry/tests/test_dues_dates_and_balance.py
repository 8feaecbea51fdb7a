"""A dues payment is dated within the invoice's period and not in the future (Jakarta's calendar
day), and a partial payment leaves a balance that the member and the DPD both see: due, paid and
still owed."""

import datetime

import pytest
from django.urls import reverse

from accounts.tests.factories import sign_in_with_second_factor
from core.dates import register_day
from core.errors import DomainError
from registry import services
from registry.models import DuesPayment
from registry.tests.factories import pdf_upload, submitted_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(dpd_jabar):
    application = submitted_application()
    return services.verify_application(actor=dpd_jabar, application=application, version=application.version)


def test_a_payment_dated_before_the_invoice_year_is_refused_and_nothing_is_recorded(member, dpd_jabar):
    invoice = member.invoices.get()
    with pytest.raises(DomainError) as refused:
        services.record_payment(actor=dpd_jabar, invoice=invoice, amount=120_000, paid_on=datetime.date(2019, 3, 1))
    assert refused.value.field == "paid_on"
    with pytest.raises(DomainError):
        services.submit_payment_proof(
            actor=member.person.user, invoice=invoice, amount=120_000, paid_on=datetime.date(2019, 3, 1), proof=pdf_upload()
        )
    assert not DuesPayment.objects.exists()


def test_the_member_is_told_in_indonesian_why_an_old_payment_date_is_refused(client, member):
    invoice = member.invoices.get()
    sign_in_with_second_factor(client, member.person.user)
    response = client.post(
        reverse("registry:pay_dues", args=[invoice.pk]), {"amount": "120000", "paid_on": "2019-03-01", "proof": pdf_upload()}
    )
    assert response.status_code == 200
    assert f"Tanggal pembayaran sebelum periode tagihan (1 Januari {invoice.year})." in response.content.decode()
    assert not DuesPayment.objects.exists()


def test_a_payment_dated_tomorrow_in_jakarta_is_refused(member, dpd_jabar):
    invoice = member.invoices.get()
    with pytest.raises(DomainError):
        services.record_payment(
            actor=dpd_jabar, invoice=invoice, amount=1_000, paid_on=register_day() + datetime.timedelta(days=1)
        )
    assert not DuesPayment.objects.exists()


def test_a_partial_payment_is_accepted_and_the_balance_is_shown_to_the_member_and_the_dpd(client, member, dpd_jabar):
    invoice = member.invoices.get()
    services.record_payment(actor=dpd_jabar, invoice=invoice, amount=50_000, paid_on=register_day())
    invoice.refresh_from_db()
    assert invoice.status == invoice.Status.OPEN and invoice.outstanding() == 70_000

    sign_in_with_second_factor(client, member.person.user)
    page = client.get(reverse("registry:my_membership")).content.decode()
    assert "Rp 120.000" in page and "Rp 50.000" in page and "Rp 70.000" in page
    assert "Sisa tagihan" in page
    pay_page = client.get(reverse("registry:pay_dues", args=[invoice.pk])).content.decode()
    assert "Rp 70.000" in pay_page and 'value="70000"' in pay_page

    sign_in_with_second_factor(client, dpd_jabar)
    detail = client.get(reverse("registry:member_detail", args=[member.pk])).content.decode()
    assert "Sisa tagihan" in detail and "Rp 70.000" in detail and "Rp 50.000" in detail


def test_the_dpd_confirming_a_proof_sees_what_the_invoice_still_owes(client, member, dpd_jabar):
    invoice = member.invoices.get()
    services.record_payment(actor=dpd_jabar, invoice=invoice, amount=20_000, paid_on=register_day())
    services.submit_payment_proof(
        actor=member.person.user, invoice=invoice, amount=50_000, paid_on=register_day(), proof=pdf_upload()
    )
    sign_in_with_second_factor(client, dpd_jabar)
    queue = client.get(reverse("registry:payment_queue")).content.decode()
    # due 120.000, paid (confirmed) 20.000, still owed 100.000; this proof is for 50.000
    assert "Rp 120.000" in queue and "Rp 20.000" in queue and "Rp 100.000" in queue and "Rp 50.000" in queue
    assert "Sisa tagihan" in queue
