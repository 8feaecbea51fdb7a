"""Arrears mean one thing (registry.models.DuesInvoiceQuerySet): the member's page, the DPD's
member record, the dashboard's dues table and the amount a payment may not exceed all agree for
a member who skipped a year and paid part of another."""

import datetime

import pytest
from django.urls import reverse

from accounts.tests.factories import sign_in_with_second_factor
from core.errors import DomainError
from registry import services
from registry.models import DuesInvoice
from reports.tests.factories import members

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_with_a_gap(officers):
    """Three years of dues: two years ago paid, last year skipped, this year half paid; all past
    their grace period."""
    officer = officers["jabar"]
    [member] = members(officer, "32", 1)
    today = datetime.date.today()
    current = member.invoices.get()
    DuesInvoice.objects.filter(pk=current.pk).update(
        due_on=today - datetime.timedelta(days=40), grace_until=today - datetime.timedelta(days=10)
    )
    for years_ago, amount in ((2, 100_000), (1, 110_000)):
        DuesInvoice.objects.create(
            member=member,
            year=current.year - years_ago,
            fee_schedule=current.fee_schedule,
            amount=amount,
            due_on=today - datetime.timedelta(days=365 * years_ago),
            grace_until=today - datetime.timedelta(days=365 * years_ago - 30),
        )
    paid_up = member.invoices.get(year=current.year - 2)
    services.record_payment(actor=officer, invoice=paid_up, amount=100_000, paid_on=today)
    services.record_payment(actor=officer, invoice=current, amount=50_000, paid_on=today)
    return member


def test_the_member_page_the_member_record_and_the_dashboard_show_the_same_arrears(client, officers, member_with_a_gap):
    member = member_with_a_gap
    year = datetime.date.today().year
    owed = {year - 2: 0, year - 1: 110_000, year: 70_000}

    assert member.arrears() == sum(owed.values()) == 180_000
    assert {i.year: i.outstanding() for i in member.invoices.all()} == owed

    sign_in_with_second_factor(client, officers["jabar"])
    assert "Tunggakan: Rp 180.000." in client.get(reverse("registry:member_detail", args=[member.pk])).content.decode()
    tables = [t for _title, group in client.get(reverse("reports:dashboard")).context["sections"] for t in group]
    dues = next(t for t in tables if t.key == "iuran")
    assert {int(row[0]): row[3] for row in dues.rows} == owed

    sign_in_with_second_factor(client, member.person.user)
    assert "Tunggakan: Rp 180.000." in client.get(reverse("registry:my_membership")).content.decode()


def test_a_payment_may_not_exceed_what_the_arrears_say_is_owed(officers, member_with_a_gap):
    current = member_with_a_gap.invoices.get(year=datetime.date.today().year)
    with pytest.raises(DomainError, match="70.000"):
        services.record_payment(actor=officers["jabar"], invoice=current, amount=70_001, paid_on=datetime.date.today())
    assert member_with_a_gap.arrears() == 180_000


def test_an_invoice_still_in_its_grace_period_is_owed_but_not_in_arrears(officers):
    [member] = members(officers["jabar"], "32", 1)
    invoice = member.invoices.get()
    assert invoice.grace_until >= datetime.date.today()
    assert invoice.outstanding() == invoice.amount
    assert member.arrears() == 0
