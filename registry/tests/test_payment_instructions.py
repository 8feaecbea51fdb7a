"""The pay page tells the member where to pay: the bank account of their DPD and the reference to
write, as data the DPD officer keeps for their own province (and no other)."""

import pytest
from django.urls import reverse

from accounts.tests.factories import sign_in_with_second_factor
from registry import services
from registry.models import PaymentInstructions
from registry.tests.factories import submitted_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(dpd_jabar):
    application = submitted_application()
    return services.verify_application(actor=dpd_jabar, application=application, version=application.version)


def _instructions(**overrides):
    data = {
        "bank_name": "Bank BJB",
        "account_number": "0012345678901",
        "account_holder": "DPD IPSPI Jawa Barat",
        "note": "Kirim bukti transfer lewat halaman ini.",
    }
    data.update(overrides)
    return data


def test_the_pay_page_says_clearly_when_the_dpd_has_not_given_its_account_yet(client, member):
    sign_in_with_second_factor(client, member.person.user)
    page = client.get(reverse("registry:pay_dues", args=[member.invoices.get().pk])).content.decode()
    assert "DPD IPSPI Jawa Barat belum mencantumkan rekening pembayaran iuran." in page


def test_the_dpd_officer_sets_the_account_and_the_member_reads_it_with_the_reference_to_write(client, member, dpd_jabar, jabar):
    sign_in_with_second_factor(client, dpd_jabar)
    url = reverse("registry:payment_instructions_edit", args=[jabar.code])
    assert client.get(url).status_code == 200
    response = client.post(url, _instructions())
    assert response.status_code == 302
    saved = PaymentInstructions.objects.get(province=jabar)
    assert saved.account_number == "0012345678901" and saved.updated_by == dpd_jabar

    invoice = member.invoices.get()
    sign_in_with_second_factor(client, member.person.user)
    page = client.get(reverse("registry:pay_dues", args=[invoice.pk])).content.decode()
    assert "Bank BJB" in page and "0012345678901" in page and "DPD IPSPI Jawa Barat" in page
    assert invoice.payment_reference in page
    assert member.number in invoice.payment_reference and str(invoice.year) in invoice.payment_reference


def test_a_dpd_officer_cannot_set_the_account_of_another_province(client, dpd_jatim, jabar):
    sign_in_with_second_factor(client, dpd_jatim)
    url = reverse("registry:payment_instructions_edit", args=[jabar.code])
    assert client.get(url).status_code == 404
    assert client.post(url, _instructions()).status_code == 404
    assert not PaymentInstructions.objects.exists()


def test_the_list_shows_only_the_provinces_the_officer_keeps(client, dpd_jatim):
    sign_in_with_second_factor(client, dpd_jatim)
    page = client.get(reverse("registry:payment_instructions")).content.decode()
    assert "Jawa Timur" in page and "Jawa Barat" not in page


def test_an_account_number_with_letters_is_refused_and_nothing_is_saved(client, dpd_jabar, jabar):
    sign_in_with_second_factor(client, dpd_jabar)
    url = reverse("registry:payment_instructions_edit", args=[jabar.code])
    response = client.post(url, _instructions(account_number="12AB<script>"))
    assert response.status_code == 200
    assert "Nomor rekening hanya boleh berisi angka" in response.content.decode()
    assert not PaymentInstructions.objects.exists()


def test_the_dpd_keeps_its_own_reference_format_and_the_member_writes_that(client, member, dpd_jabar, jabar):
    sign_in_with_second_factor(client, dpd_jabar)
    url = reverse("registry:payment_instructions_edit", args=[jabar.code])
    assert client.post(url, _instructions(reference_format="JABAR-{nomor}-{tahun}")).status_code == 302

    invoice = member.invoices.get()
    sign_in_with_second_factor(client, member.person.user)
    page = client.get(reverse("registry:pay_dues", args=[invoice.pk])).content.decode()
    assert f"JABAR-{member.number}-{invoice.year}" in page
    assert f"IURAN {invoice.year} {member.number}" not in page


@pytest.mark.parametrize(
    ("reference_format", "message"),
    [
        ("IURAN {tahun}", "Referensi harus memuat nomor anggota"),
        ("IURAN {nama} {nomor}", "Hanya {nomor} dan {tahun} yang dapat dipakai; bukan: nama."),
        ("IURAN {nomor", "Tulis isian sebagai {nomor} dan {tahun}"),
    ],
)
def test_a_reference_format_the_dpd_could_not_match_is_refused_and_nothing_is_saved(
    client, dpd_jabar, jabar, reference_format, message
):
    sign_in_with_second_factor(client, dpd_jabar)
    url = reverse("registry:payment_instructions_edit", args=[jabar.code])
    response = client.post(url, _instructions(reference_format=reference_format))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PaymentInstructions.objects.exists()
