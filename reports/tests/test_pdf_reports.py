import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import make_staff, sign_in_with_second_factor
from accreditation import documents as accreditation_documents
from accreditation import services as accreditation
from accreditation.models import AccreditationApplication
from accreditation.tests.factories import LKSFactory, assessor
from accreditation.tests.test_accreditation_journey import scored
from core import letterheads, pdf
from regions.models import Province, Regency
from registry import services as registry
from registry.models import Member
from registry.tests.factories import submitted_application
from reports import queries

pytestmark = pytest.mark.django_db


def accreditation_world():
    lks = LKSFactory(name="LKS Anak Harapan Bangsa")
    return {
        "lks": lks,
        "operator": make_staff(Role.LKS_OPERATOR, organisation=lks, totp=False),
        "dinsos": make_staff(Role.DINSOS_OFFICER, regency=Regency.objects.get(code="32.73")),
        "balks": make_staff(Role.BALKS_OFFICER),
        "ministry": make_staff(Role.MINISTRY_OFFICER),
        "a1": assessor("Asesor Satu", regency_code="31.71"),
        "a2": assessor("Asesor Dua", regency_code="33.74"),
    }


def backdate(model, pk, days):
    model.history.filter(id=pk).update(history_date=timezone.now() - datetime.timedelta(days=days))


def test_the_ministers_list_can_be_made_again_for_a_past_date(client):
    world = accreditation_world()
    application = scored(world)
    accreditation.validate_result(actor=world["balks"], application=application, version=application.version)
    backdate(AccreditationApplication, application.pk, 10)  # validated ten days ago
    today = timezone.localdate()
    [row] = queries.awaiting_determination(today - datetime.timedelta(days=5))
    assert row["lks"] == "LKS Anak Harapan Bangsa" and row["grade"] == "B" and str(row["score"]) == "75.00"

    application.refresh_from_db()
    batch = accreditation.send_to_minister(actor=world["balks"], applications=[application])
    accreditation.determine(actor=world["ministry"], batch=batch, decree_number="9/HUK/2026", decree_date=today)
    assert queries.awaiting_determination(today) == []  # determined since
    assert len(queries.awaiting_determination(today - datetime.timedelta(days=5))) == 1  # the past does not change
    assert queries.awaiting_determination(today - datetime.timedelta(days=20)) == []  # not yet validated then

    html = render_to_string(
        "reports/accreditation_report.html",
        pdf.document_context(
            issuer=letterheads.issuer_block(accreditation_documents.BALKS, name=accreditation_documents.BALKS_NAME),
            title="Hasil akreditasi tervalidasi",
            day=today - datetime.timedelta(days=5),
            rows=queries.awaiting_determination(today - datetime.timedelta(days=5)),
            made_on=today,
            made_by=world["balks"],
        ),
    )
    assert (
        "Badan Akreditasi Lembaga Kesejahteraan Sosial (BALKS)" in html and "LKS Anak Harapan Bangsa" in html and "75,00" in html
    )

    sign_in_with_second_factor(client, world["ministry"])
    response = client.get(reverse("reports:accreditation_report"), {"per": (today - datetime.timedelta(days=5)).isoformat()})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    bad = client.get(reverse("reports:accreditation_report"), {"per": "31-12-2025"})
    assert bad.status_code == 400 and "TTTT-BB-HH" in bad.content.decode()
    sign_in_with_second_factor(client, world["dinsos"])
    assert client.get(reverse("reports:accreditation_report")).status_code == 403


def test_a_dpd_monthly_report_counts_its_province_only(client):
    jabar = make_staff(Role.DPD_OFFICER, province=Province.objects.get(code="32"))
    jatim = make_staff(Role.DPD_OFFICER, province=Province.objects.get(code="35"))
    for officer, code, n in ((jabar, "32", 2), (jatim, "35", 1)):
        for _i in range(n):
            application = submitted_application(province_code=code)
            registry.verify_application(actor=officer, application=application, version=application.version)
    today = timezone.localdate()
    jabar_only = frozenset({Province.objects.get(code="32").pk})
    figures = queries.monthly_membership(jabar_only, today)
    assert figures["new_members"] == 2 and figures["members"] == 2
    assert (
        queries.monthly_membership(jabar_only, datetime.date(2026, 1, 1))["applications"] == 2
    )  # the factory submits on 5 January
    assert {number.split(".")[1] for number, _category, _joined in figures["new_member_rows"]} == {"32"}
    last_month = today.replace(day=1) - datetime.timedelta(days=1)
    assert queries.monthly_membership(None, last_month)["members"] == 0  # nobody was a member then

    sign_in_with_second_factor(client, jabar)
    response = client.get(reverse("reports:membership_report"), {"bulan": today.strftime("%Y-%m")})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert client.get(reverse("reports:membership_report"), {"provinsi": "35"}).status_code == 404  # another province
    assert client.get(reverse("reports:membership_report"), {"bulan": "2026-13"}).status_code == 400
    assert Member.objects.count() == 3
