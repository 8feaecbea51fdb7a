"""A dues receipt carries a QR code to its own public page, with the short address printed
beneath it; the page confirms what the receipt is for and whether it stands, and nothing about
the payer. Receipts numbered before receipts had a verification id get one, and keep it."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.tests.factories import sign_in_with_second_factor
from core import qr
from core.errors import DomainError
from core.templatetags.peksos import short_address
from registry import documents, services
from registry.models import DuesInvoice, DuesPayment
from registry.tests.factories import submitted_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def receipt(dpd_jabar) -> DuesPayment:
    application = submitted_application()
    member = services.verify_application(actor=dpd_jabar, application=application, version=application.version)
    member.person.phone = "0812-3456-7890"
    member.person.save(update_fields=["phone"])
    invoice = member.invoices.get()
    return services.record_payment(
        actor=dpd_jabar, invoice=invoice, amount=invoice.amount, paid_on=datetime.date.today(), reference="TRF-RAHASIA-1"
    )


def test_a_confirmed_receipt_prints_a_qr_code_to_its_page_with_the_short_address_beneath(receipt):
    context = documents.receipt_context(receipt)
    url = context["verification_url"]
    assert url.endswith(reverse("registry:receipt_check", args=[receipt.public_id]))
    for language in ("id", "en"):
        with translation.override(language):
            html = render_to_string("registry/pdf/receipt.html", context)
        assert qr.qr_svg(url) in html
        assert f'<p class="short">{short_address(url)}</p>' in html
        assert receipt.receipt_number in html


def test_the_receipts_page_confirms_number_dpd_year_amount_and_dates_to_anyone(client, receipt):
    response = client.get(reverse("registry:receipt_check", args=[receipt.public_id]), HTTP_ACCEPT_LANGUAGE="id")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-answer="valid"' in page and "Kuitansi ini sah" in page
    assert receipt.receipt_number in page
    assert receipt.invoice.member.province.name in page
    assert f"Iuran anggota {receipt.invoice.year}" in page
    assert f"Rp {receipt.amount:,}".replace(",", ".") in page
    assert response["Cache-Control"] == "private, no-cache"


def test_the_receipts_page_shows_nothing_about_the_payer(client, receipt):
    person = receipt.invoice.member.person
    page = client.get(reverse("registry:receipt_check", args=[receipt.public_id])).content.decode()
    # The receipt number (KW.IPSPI.32.2026.00001) may contain a member number's digits; it is
    # taken out, so that what is left is looked through for the payer.
    page = page.replace(receipt.receipt_number, "")
    for private in (person.full_name, person.nik, person.email, person.phone, receipt.reference, receipt.invoice.member.number):
        assert private not in page


def test_the_dpd_cancels_a_receipt_and_its_page_then_says_it_is_cancelled(client, receipt, dpd_jabar):
    sign_in_with_second_factor(client, dpd_jabar)
    url = reverse("registry:payment_decide", args=[receipt.pk, "cancel"])
    member = receipt.invoice.member
    assert client.post(url, {"reason": "Transfer ditolak bank"}).url == reverse("registry:member_detail", args=[member.pk])
    receipt.refresh_from_db()
    assert receipt.status == DuesPayment.Status.CANCELLED and receipt.reason == "Transfer ditolak bank"
    assert receipt.receipt_number and receipt.public_id  # the number is kept, never given again
    invoice = DuesInvoice.objects.get(pk=receipt.invoice_id)
    assert invoice.status == DuesInvoice.Status.OPEN and invoice.outstanding() == invoice.amount
    client.logout()
    page = client.get(reverse("registry:receipt_check", args=[receipt.public_id]), HTTP_ACCEPT_LANGUAGE="id")
    assert 'data-answer="cancelled"' in page.content.decode() and "dibatalkan" in page.content.decode()
    assert 'data-answer="valid"' not in page.content.decode()
    assert "Transfer ditolak bank" not in page.content.decode()  # the officer's words stay inside


def test_a_receipt_is_cancelled_only_with_a_reason_only_once_and_only_by_its_dpd(receipt, dpd_jabar, dpd_jatim):
    with pytest.raises(DomainError):
        services.cancel_receipt(actor=dpd_jabar, payment=receipt, reason=" ")
    with pytest.raises(DomainError):
        services.cancel_receipt(actor=dpd_jatim, payment=receipt, reason="Salah catat")
    assert DuesPayment.objects.get(pk=receipt.pk).status == DuesPayment.Status.CONFIRMED
    services.cancel_receipt(actor=dpd_jabar, payment=receipt, reason="Salah catat")
    with pytest.raises(DomainError):
        services.cancel_receipt(actor=dpd_jabar, payment=receipt, reason="Salah catat lagi")


def test_a_cancelled_receipt_is_no_longer_offered_for_download(client, receipt, dpd_jabar):
    services.cancel_receipt(actor=dpd_jabar, payment=receipt, reason="Salah catat")
    sign_in_with_second_factor(client, dpd_jabar)
    assert client.get(reverse("registry:receipt", args=[receipt.pk])).status_code == 404
    page = client.get(reverse("registry:member_detail", args=[receipt.invoice.member_id])).content.decode()
    assert reverse("registry:receipt", args=[receipt.pk]) not in page
    assert f"kuitansi {receipt.receipt_number} (dibatalkan)" in page


def test_an_unknown_code_is_not_a_receipt(client, receipt):
    response = client.get(reverse("registry:receipt_check", args=["tidak-ada-kuitansi"]))
    assert response.status_code == 404 and 'data-answer="not_found"' in response.content.decode()


def test_a_receipt_numbered_before_receipts_had_an_id_gets_one_when_printed_and_keeps_it(client, receipt):
    DuesPayment.objects.filter(pk=receipt.pk).update(public_id=None)  # as a bulk import leaves it
    legacy = DuesPayment.objects.get(pk=receipt.pk)
    first = documents.receipt_context(legacy)["verification_url"]
    again = documents.receipt_context(DuesPayment.objects.get(pk=receipt.pk))["verification_url"]
    assert first and first == again
    public_id = DuesPayment.objects.get(pk=receipt.pk).public_id
    assert first.endswith(public_id)
    assert client.get(reverse("registry:receipt_check", args=[public_id])).status_code == 200


def test_the_migration_gives_every_receipt_already_numbered_its_own_id(receipt, dpd_jabar):
    waiting = DuesPayment.objects.create(
        invoice=receipt.invoice, amount=1, paid_on=datetime.date.today(), method=DuesPayment.Method.PROOF
    )
    other = services.record_payment(
        actor=dpd_jabar,
        invoice=submitted_and_verified_invoice(dpd_jabar),
        amount=1_000,
        paid_on=datetime.date.today(),
    )
    DuesPayment.objects.update(public_id=None)
    migration = importlib.import_module("registry.migrations.0017_receipt_verification_id")
    migration.give_existing_receipts_an_id(apps, None)
    ids = dict(DuesPayment.objects.values_list("pk", "public_id"))
    assert ids[waiting.pk] is None  # no receipt, nothing to verify
    assert ids[receipt.pk] and ids[other.pk] and ids[receipt.pk] != ids[other.pk]


def test_a_payment_without_a_receipt_has_no_verification_address(receipt):
    waiting = DuesPayment.objects.create(
        invoice=receipt.invoice, amount=1, paid_on=datetime.date.today(), method=DuesPayment.Method.PROOF
    )
    assert waiting.verification_url() == "" and DuesPayment.objects.get(pk=waiting.pk).public_id is None


def submitted_and_verified_invoice(officer):
    application = submitted_application()
    member = services.verify_application(actor=officer, application=application, version=application.version)
    return member.invoices.get()


def test_a_receipt_names_the_dpd_that_issued_it_also_after_the_member_moves_province(client, receipt, dpd_jabar):
    from regions.models import Province

    jawa_barat = receipt.invoice.member.province
    services.transfer_member(
        actor=dpd_jabar, member=receipt.invoice.member, to_province=Province.objects.get(code="35"), reason="pindah kerja"
    )

    page = client.get(reverse("registry:receipt_check", args=[receipt.public_id]), HTTP_ACCEPT_LANGUAGE="id").content.decode()
    context = documents.receipt_context(receipt)

    assert jawa_barat.name in page
    assert "Jawa Timur" not in page
    assert context["province"] == jawa_barat
