"""Every report PDF is a document of the body it reports for: that body's letterhead, the
signatory in office on the day it is made, who made it, and dates in the reader's language."""

import datetime

import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import make_staff, sign_in_with_second_factor
from core.models import IssuerProfile, Signatory
from regions.models import Province

pytestmark = pytest.mark.django_db


def _letterhead(key: str, name: str, signer: str):
    IssuerProfile.objects.create(issuer=key, name=name, place="Jakarta", address="Jl. Salemba Raya 28")
    Signatory.objects.create(issuer=key, name=signer, position="Ketua", valid_from=datetime.date(2000, 1, 1))


@pytest.mark.parametrize(
    ("role", "key", "url_name", "params"),
    [
        (Role.MINISTRY_OFFICER, "balks", "reports:accreditation_report", {}),
        (Role.DPP_OFFICER, "ipspi", "reports:membership_report", {"bulan": "2026-01"}),
        (Role.LSP_OFFICER, "lsp", "reports:certification_report", {"dari": "2026-01-01", "sampai": "2026-01-31"}),
    ],
)
def test_each_report_carries_its_bodys_letterhead_signatory_and_maker(client, rendered, role, key, url_name, params):
    extra = {}
    if key == "lsp":
        from certification.tests.factories import LSPFactory

        lsp = LSPFactory()
        key, extra = f"lsp:{lsp.pk}", {"organisation": lsp}
    officer = make_staff(role, name="Pembuat Laporan", **extra)
    _letterhead(key, "Badan Penerbit Contoh", "Penanda Tangan Contoh")
    sign_in_with_second_factor(client, officer)
    response = client.get(reverse(url_name), params)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    [html] = rendered
    assert "Badan Penerbit Contoh" in html
    assert "Penanda Tangan Contoh" in html
    assert "Pembuat Laporan" in html
    assert "tidak ditandatangani" not in html


def test_the_monthly_membership_report_names_its_month_in_words(client, rendered):
    officer = make_staff(Role.DPD_OFFICER, province=Province.objects.get(code="32"))
    sign_in_with_second_factor(client, officer)
    assert client.get(reverse("reports:membership_report"), {"bulan": "2026-01"}).status_code == 200
    [html] = rendered
    assert "Januari 2026" in html and "2026-01" not in html
