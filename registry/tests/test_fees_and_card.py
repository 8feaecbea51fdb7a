import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.tests.factories import sign_in_with_second_factor
from core import qr
from registry import documents, services
from registry.models import FeeSchedule
from registry.tests.factories import submitted_application

pytestmark = pytest.mark.django_db


def test_the_dpp_adds_a_fee_schedule_as_data_and_a_dpd_officer_cannot(client, dpp, dpd_jabar):
    sign_in_with_second_factor(client, dpd_jabar)
    assert client.get(reverse("registry:fee_schedules")).status_code == 403
    sign_in_with_second_factor(client, dpp)
    before = FeeSchedule.objects.count()
    data = {
        "category": "rekan",
        "year": "2031",
        "amount": "75000",
        "due_month": "3",
        "grace_days": "90",
        "valid_from": "2030-10-01",
        "valid_until": "",
        "source": "SK DPP IPSPI No. 01/2030 tentang Iuran",
        "source_url": "",
    }
    assert client.post(reverse("registry:fee_schedules"), data).status_code == 302
    fee = FeeSchedule.objects.get(year=2031, category="rekan")
    assert fee.amount == 75_000 and fee.history.get().history_user == dpp
    bad = {**data, "due_month": "13", "valid_until": "2020-01-01"}
    response = client.post(reverse("registry:fee_schedules"), bad)
    page = response.content.decode()
    assert "Pilih bulan dari 1 sampai 12." in page and "Akhir periode sebelum awalnya." in page
    assert FeeSchedule.objects.count() == before + 1


def test_the_member_card_shows_name_number_category_province_validity_and_a_qr_to_the_verification_page(dpd_jabar):
    application = submitted_application()
    member = services.verify_application(actor=dpd_jabar, application=application, version=application.version)
    url = member.credential.verification_url
    assert url.endswith("/v/" + member.credential.public_id)
    html = render_to_string("registry/pdf/member_card.html", documents.member_card_context(member))
    assert member.person.full_name in html and member.number in html and "Anggota Biasa" in html and "Jawa Barat" in html
    assert qr.qr_svg(url, scale=3) in html
    assert 'src="data:image/png;base64,' in html
    card = documents.member_card_pdf(member)
    assert card.startswith(b"%PDF")
    assert member.card_valid_until == datetime.date.today().replace(year=datetime.date.today().year + 5) - datetime.timedelta(
        days=1
    )
