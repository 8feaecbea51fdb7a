"""The board's accountability report (laporan pertanggungjawaban): the board sets its period and
writes its account until the assembly's last day; the PDF adds Peksos's own figures for the
period, counted in the assembly's scope (a Musda: its province)."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.tests.factories import sign_in_with_second_factor
from assemblies import services
from assemblies.models import Assembly
from assemblies.tests.factories import invoice, member, upcoming
from core import pdf
from core.dates import register_day
from core.errors import DomainError
from ethics.tests.factories import council, examined, member_with_card
from registry import documents as registry_documents
from registry.models import DuesPayment
from reports import queries

pytestmark = pytest.mark.django_db


def _period():
    today = register_day()
    return today - datetime.timedelta(days=365), today + datetime.timedelta(days=29)


def test_the_dpd_writes_its_account_for_a_period_and_bad_periods_change_nothing(client, dpd_jabar):
    musda = upcoming(dpd_jabar, kind="musda", province_code="32", name="Musda IV Jawa Barat")
    first, last = _period()
    sign_in_with_second_factor(client, dpd_jabar)

    page = client.get(reverse("assemblies:report", args=[musda.pk]))
    assert page.status_code == 200 and "Musda IV Jawa Barat" in page.content.decode()

    response = client.post(
        reverse("assemblies:report", args=[musda.pk]),
        {"period_start": first.isoformat(), "period_end": last.isoformat(), "text": "Program kerja DPD 2021–2026 terlaksana."},
    )
    assert response.status_code == 302
    musda.refresh_from_db()
    assert (musda.report_period_start, musda.report_period_end) == (first, last)
    assert musda.report_text == "Program kerja DPD 2021–2026 terlaksana."

    backwards = client.post(
        reverse("assemblies:report", args=[musda.pk]),
        {"period_start": last.isoformat(), "period_end": first.isoformat(), "text": "Diubah"},
    )
    assert backwards.status_code == 200 and "Periode berakhir sebelum dimulai." in backwards.content.decode()
    past_the_assembly = client.post(
        reverse("assemblies:report", args=[musda.pk]),
        {
            "period_start": first.isoformat(),
            "period_end": (musda.starts_on + datetime.timedelta(days=1)).isoformat(),
            "text": "X",
        },
    )
    assert past_the_assembly.status_code == 200
    musda.refresh_from_db()
    assert musda.report_text == "Program kerja DPD 2021–2026 terlaksana." and musda.report_period_end == last


def test_once_the_assembly_is_over_its_report_stays_as_presented(dpp):
    today = register_day()
    past = services.create_assembly(
        actor=dpp,
        kind="kongres",
        name="Kongres III IPSPI",
        starts_on=datetime.date(2010, 11, 20),
        ends_on=datetime.date(2010, 11, 22),
        place="Bandung",
        recorded_afterwards=True,
    )
    with pytest.raises(DomainError):
        services.edit_accountability_report(
            actor=dpp, assembly=past, period_start=datetime.date(2006, 1, 1), period_end=datetime.date(2010, 11, 1), text="X"
        )
    past.refresh_from_db()
    assert not past.has_report and past.report_text == ""
    assert today > past.ends_on


def test_another_provinces_dpd_neither_edits_nor_reads_the_musda_report(client, dpd_jabar, dpd_jatim):
    musda = upcoming(dpd_jabar, kind="musda", province_code="32", name="Musda IV Jawa Barat")
    first, last = _period()
    services.edit_accountability_report(actor=dpd_jabar, assembly=musda, period_start=first, period_end=last, text="")
    with pytest.raises(DomainError):
        services.edit_accountability_report(actor=dpd_jatim, assembly=musda, period_start=first, period_end=last, text="Y")
    sign_in_with_second_factor(client, dpd_jatim)
    assert client.get(reverse("assemblies:report", args=[musda.pk])).status_code == 404
    assert client.get(reverse("reports:accountability_report", args=[musda.pk])).status_code == 404


def test_the_report_pdf_holds_the_periods_real_figures_of_the_musda_province(client, dpd_jabar):
    first, last = _period()
    joined_in_period = member(province_code="32", joined_on=register_day() - datetime.timedelta(days=30))
    member(province_code="32", joined_on=datetime.date(2015, 1, 1))
    in_arrears = member(province_code="32", joined_on=datetime.date(2016, 1, 1))
    invoice(in_arrears, grace_until=first + datetime.timedelta(days=10))
    paid = invoice(joined_in_period, status="paid")
    DuesPayment.objects.create(
        invoice=paid, amount=150_000, paid_on=register_day() - datetime.timedelta(days=5), method="officer", status="confirmed"
    )
    member(province_code="35", joined_on=register_day() - datetime.timedelta(days=30))  # Jawa Timur: not counted
    respondent = member_with_card()  # verified by the DPD of Jawa Barat today
    examined(respondent, council())
    musda = upcoming(dpd_jabar, kind="musda", province_code="32", name="Musda IV Jawa Barat")
    musda = services.edit_accountability_report(
        actor=dpd_jabar, assembly=musda, period_start=first, period_end=last, text="Laporan Ketua DPD."
    )

    figures = queries.accountability_period(frozenset({musda.province_id}), first, last)
    assert figures["members"] == 4  # three members and the one verified today, not Jawa Timur's
    assert figures["new_members"] == 2
    assert (figures["payments"], figures["paid_total"]) == (1, 150_000)
    assert figures["in_arrears"] == 1
    assert (figures["complaints_lodged"], figures["complaints_decided"]) == (1, 0)
    national = queries.accountability_period(None, first, last)
    assert national["members"] == 5 and national["new_members"] == 3

    html = render_to_string(
        "reports/accountability_report.html",
        pdf.document_context(
            issuer=registry_documents.ipspi(),
            title="Laporan pertanggungjawaban",
            assembly=musda,
            figures=figures,
            area="Jawa Barat",
            made_on=register_day(),
            made_by=dpd_jabar,
        ),
    )
    assert "Laporan Ketua DPD." in html
    assert 'data-figure="members">4<' in html and 'data-figure="in_arrears">1<' in html
    assert "Rp 150.000" in html.replace("\xa0", " ")

    sign_in_with_second_factor(client, dpd_jabar)
    response = client.get(reverse("reports:accountability_report", args=[musda.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    detail = client.get(reverse("assemblies:detail", args=[musda.pk])).content.decode()
    assert reverse("reports:accountability_report", args=[musda.pk]) in detail


def test_the_report_pdf_is_not_there_before_the_board_sets_its_period(client, dpp):
    kongres = upcoming(dpp)
    assert not Assembly.objects.get(pk=kongres.pk).has_report
    sign_in_with_second_factor(client, dpp)
    assert client.get(reverse("reports:accountability_report", args=[kongres.pk])).status_code == 404
