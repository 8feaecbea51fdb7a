"""The LSP's list of its certificates ending without renewal: each LSP sees the certificates it
issued that end within 90 days and still lack something for their renewal, with what is
missing, or whose holder's request waits for its decision; another LSP sees none of them; a
renewed certificate leaves the list; the list costs the same few queries per row however many."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import sign_in_with_second_factor
from certification.models import Certificate, EligibilityRuleSet
from certification.tests.factories import LSPFactory, SchemeFactory, candidate, lsp_officer, ready_to_renew

pytestmark = pytest.mark.django_db
URL = reverse("certification:renewals_due")


def certificate_ending(scheme, *, in_days: int, renewed_from=None) -> Certificate:
    today = timezone.localdate()
    return Certificate.objects.create(
        number=f"{scheme.lsp.code}.PSG.{today.year}.{Certificate.objects.count() + 1:05d}",
        person=renewed_from.person if renewed_from else candidate(),
        lsp=scheme.lsp,
        scheme=scheme,
        level=scheme.level,
        practice_field=scheme.practice_field,
        issued_on=today - datetime.timedelta(days=365 * 3),
        valid_until=today + datetime.timedelta(days=in_days),
        rule_set=EligibilityRuleSet.objects.first(),
        renewed_from=renewed_from,
    )


@pytest.fixture
def scheme():
    return SchemeFactory(lsp=LSPFactory())


def test_the_lsp_lists_a_certificate_ending_without_renewal_with_what_it_lacks(client, scheme):
    later = certificate_ending(scheme, in_days=120)
    ending = certificate_ending(scheme, in_days=60)
    sign_in_with_second_factor(client, lsp_officer(scheme.lsp))
    page = client.get(URL).content.decode()
    assert ending.number in page and ending.person.full_name in page
    assert later.number not in page  # not yet in its last 90 days
    assert "Kredit PKB masa berlaku sertifikat: 0 dari 60 kredit" in page and "Portofolio perpanjangan" in page

    sign_in_with_second_factor(client, lsp_officer(LSPFactory()))
    other = client.get(URL)
    assert other.status_code == 200 and ending.number not in other.content.decode()


def test_a_waiting_request_stays_on_the_list_until_the_lsp_decides_and_a_renewed_one_leaves(client, scheme):
    waiting = certificate_ending(scheme, in_days=30)
    ready_to_renew(waiting)
    renewed = certificate_ending(scheme, in_days=20)
    certificate_ending(scheme, in_days=400, renewed_from=renewed)
    sign_in_with_second_factor(client, lsp_officer(scheme.lsp))
    page = client.get(URL).content.decode()
    assert waiting.number in page and "permohonan pemegang menunggu keputusan Anda" in page
    assert renewed.number not in page


def test_the_list_reads_each_rows_cpd_credits_and_nothing_else_per_row(client, scheme):
    sign_in_with_second_factor(client, lsp_officer(scheme.lsp))
    certificate_ending(scheme, in_days=60)
    client.get(URL)  # the session and the menu settle
    with CaptureQueriesContext(connection) as one:
        client.get(URL)
    for days in (40, 50):
        certificate_ending(scheme, in_days=days)
    with CaptureQueriesContext(connection) as three:
        page = client.get(URL).content.decode()
    assert page.count("<tr>") == 1 + 3
    # Per row: its holder's CPD activities of the period and the requirement at its end.
    assert len(three) - len(one) == 2 * 2, [q["sql"] for q in three.captured_queries]
    assert len(one) <= 25, [q["sql"] for q in one.captured_queries]
