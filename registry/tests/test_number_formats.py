"""Receipt numbers have one format (registry.models.RECEIPT_NUMBER): a receipt the DPD issues and
a receipt in the synthetic data are written by the same formatter, so changing it changes both."""

import datetime

import pytest
from django.core.management import call_command

from registry import services
from registry.models import RECEIPT_NUMBER, DuesPayment
from registry.tests.factories import submitted_application

pytestmark = pytest.mark.django_db


def test_issued_and_synthetic_receipts_are_written_by_the_one_format(monkeypatch, dpd_jabar):
    monkeypatch.setattr(RECEIPT_NUMBER, "number_template", "TEST/{province}/{year}/{serial}")
    call_command("generate_synthetic", members=60, lks=0, seed=5, only="registry", verbosity=0)
    synthetic = list(DuesPayment.objects.exclude(receipt_number="").values_list("receipt_number", flat=True))
    assert synthetic and all(number.startswith("TEST/") for number in synthetic)

    application = submitted_application()
    member = services.verify_application(actor=dpd_jabar, application=application, version=application.version)
    invoice = member.invoices.get()
    payment = services.record_payment(actor=dpd_jabar, invoice=invoice, amount=invoice.amount, paid_on=datetime.date.today())
    year = datetime.date.today().year
    serials = [int(n.rsplit("/", 1)[1]) for n in synthetic if n.startswith(f"TEST/32/{year}/")]
    assert payment.receipt_number == f"TEST/32/{year}/{max(serials, default=0) + 1}"  # the synthetic series continues
