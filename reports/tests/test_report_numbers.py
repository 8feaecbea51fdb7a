"""Every report PDF made carries its own number from the report series, recorded so that it is
never given twice nor deleted, and a QR code to a public page (short address beneath it) that
confirms the report was issued, for whom and over what, without its figures."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import make_staff, sign_in_with_second_factor
from core import qr
from core.errors import DomainError
from core.templatetags.peksos import short_address
from regions.models import Province
from reports.models import REPORT_NUMBER, ReportDocument

pytestmark = pytest.mark.django_db


def test_each_report_made_takes_the_next_number_and_prints_it_with_its_qr_code(client, rendered):
    officer = make_staff(Role.DPD_OFFICER, province=Province.objects.get(code="32"))
    sign_in_with_second_factor(client, officer)
    for _time in range(2):
        response = client.get(reverse("reports:membership_report"), {"bulan": "2026-01"})
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
    first, second = ReportDocument.objects.order_by("pk")
    year = timezone.localdate().year
    assert first.number == REPORT_NUMBER.format(1, year=year) and second.number == REPORT_NUMBER.format(2, year=year)
    for record, html in zip((first, second), rendered, strict=True):
        assert record.number in html
        assert qr.qr_svg(record.verification_url) in html
        assert f'<p class="short">{short_address(record.verification_url)}</p>' in html
    assert first.kind == ReportDocument.Kind.MEMBERSHIP and first.made_by == officer
    assert (first.period_start, first.period_end) == (datetime.date(2026, 1, 1), datetime.date(2026, 1, 31))
    assert first.area == Province.objects.get(code="32").name


def test_every_kind_of_report_is_numbered(client, rendered):
    from certification.tests.factories import LSPFactory

    lsp = LSPFactory()
    asks = [
        (make_staff(Role.MINISTRY_OFFICER), "reports:accreditation_report", {}),
        (make_staff(Role.DPP_OFFICER), "reports:membership_report", {"bulan": "2026-01"}),
        (
            make_staff(Role.LSP_OFFICER, organisation=lsp),
            "reports:certification_report",
            {"dari": "2026-01-01", "sampai": "2026-01-31"},
        ),
    ]
    for officer, url_name, params in asks:
        sign_in_with_second_factor(client, officer)
        assert client.get(reverse(url_name), params).status_code == 200
    records = list(ReportDocument.objects.order_by("pk"))
    assert [r.kind for r in records] == ["accreditation", "membership", "certification"]
    assert len({r.number for r in records}) == 3
    assert all(record.number in html for record, html in zip(records, rendered, strict=True))
    assert records[1].area == ""  # the DPP's report covers the whole country
    assert records[2].area == lsp.name


def test_a_report_record_is_never_deleted(client, rendered):
    officer = make_staff(Role.DPP_OFFICER)
    sign_in_with_second_factor(client, officer)
    client.get(reverse("reports:membership_report"), {"bulan": "2026-01"})
    record = ReportDocument.objects.get()
    with pytest.raises(DomainError):
        record.delete()
    assert ReportDocument.objects.filter(pk=record.pk).exists()


def test_the_reports_page_confirms_it_was_issued_without_its_figures(client, rendered):
    officer = make_staff(Role.DPD_OFFICER, province=Province.objects.get(code="32"))
    sign_in_with_second_factor(client, officer)
    client.get(reverse("reports:membership_report"), {"bulan": "2026-01"})
    record = ReportDocument.objects.get()
    client.logout()
    response = client.get(reverse("reports:report_check", args=[record.public_id]), HTTP_ACCEPT_LANGUAGE="id")
    page = response.content.decode()
    assert response.status_code == 200 and 'data-answer="issued"' in page
    assert record.number in page and "Laporan keanggotaan bulanan" in page
    assert record.area in page and "1 Januari 2026" in page and "31 Januari 2026" in page
    assert "Anggota baru terverifikasi" not in page  # a figure's label from the PDF
    assert officer.email not in page and officer.name not in page


def test_an_unknown_report_code_is_not_found(client):
    response = client.get(reverse("reports:report_check", args=["bukan-laporan"]))
    assert response.status_code == 404 and 'data-answer="not_found"' in response.content.decode()
