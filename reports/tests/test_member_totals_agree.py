"""A register with members in every state: every status, every category, in two provinces, some of
them with no province on their profile, one transferred. Every breakdown of the members (by
province, by category, by status) sums to the same total on the dashboard, in its CSV and XLSX
downloads and in the monthly PDF report, for the DPP (nationally) and for a DPD (its province)."""

import csv
import io

import openpyxl
import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import sign_in_with_second_factor
from credentials.models import StatusCategory
from regions.models import Province
from registry import services
from registry.models import Category, Member, Person
from registry.tests.factories import submitted_application
from reports import queries, views

pytestmark = pytest.mark.django_db

BREAKDOWNS = ("anggota-provinsi", "anggota-category", "anggota-status")


def put_in_state(member, status, officers):
    if status == Member.Status.LAPSED:
        member.lapse(reason="iuran 2026 belum dibayar")
        member.save()
    elif status == Member.Status.SUSPENDED:
        services.change_member_status(
            actor=officers["dpp"], member=member, action="suspend", reason="pemeriksaan etik",
            category=StatusCategory.SUSPENDED_TEMPORARILY,
        )  # fmt: skip
    elif status == Member.Status.ENDED:
        services.change_member_status(
            actor=officers["dpp"], member=member, action="end", reason="mengundurkan diri", category=StatusCategory.HOLDER_REQUEST
        )


@pytest.fixture
def register(officers):
    """Two members of every (status, category) in Jawa Barat, one in Jawa Timur."""
    made = []
    for officer, code, copies in ((officers["jabar"], "32", 2), (officers["jatim"], "35", 1)):
        for category in Category.values:
            for status in Member.Status.values:
                for _i in range(copies):
                    application = submitted_application(province_code=code)
                    application.category = category
                    application.save()
                    member = services.verify_application(actor=officer, application=application, version=application.version)
                    put_in_state(member, status, officers)
                    made.append(member)
    Person.objects.filter(pk__in=[m.person_id for m in made[::3]]).update(province=None)  # no province on the profile
    active = next(m for m in made if m.province.code == "32" and m.status == Member.Status.ACTIVE)
    services.transfer_member(actor=officers["dpp"], member=active, to_province=Province.objects.get(code="35"), reason="pindah")
    assert Member.objects.count() == 24
    return made


def on_register(province_code=None):
    members = Member.objects.exclude(status=Member.Status.ENDED)
    return members.filter(province__code=province_code).count() if province_code else members.count()


def page_totals(client):
    page = client.get(reverse("reports:dashboard"))
    tables = {t.key: t for _title, group in page.context["sections"] for t in group}
    return {key: sum(row[1] for row in tables[key].rows) for key in BREAKDOWNS}


def csv_totals(client):
    totals = {}
    for key in BREAKDOWNS:
        body = b"".join(client.get(reverse("reports:download", args=[key, "csv"])).streaming_content).decode("utf-8-sig")
        totals[key] = sum(int(row[1]) for row in list(csv.reader(io.StringIO(body)))[1:])
    return totals


def xlsx_totals(client):
    totals = {}
    for key in BREAKDOWNS:
        sheet = openpyxl.load_workbook(io.BytesIO(client.get(reverse("reports:download", args=[key, "xlsx"])).content)).active
        totals[key] = sum(int(row[1]) for row in sheet.iter_rows(min_row=2, values_only=True))
    return totals


@pytest.fixture
def pdf_contexts(monkeypatch):
    """What each PDF report is rendered from, and its text."""
    made = []

    def render(template, context):
        made.append((context, render_to_string(template, context)))
        return b"%PDF-1.7 test"

    monkeypatch.setattr(views.pdf, "render_pdf", render)
    return made


def pdf_totals(client, pdf_contexts, **params):
    response = client.get(reverse("reports:membership_report"), {"bulan": timezone.localdate().strftime("%Y-%m"), **params})
    assert response.status_code == 200
    figures, text = pdf_contexts[-1][0]["figures"], pdf_contexts[-1][1]
    totals = {
        "members": figures["members"],
        "by_status": sum(n for _label, n in figures["by_status"]),
        "by_category": sum(n for _label, n in figures["by_category"]),
        "by_province": sum(n for _label, n in figures["by_province"]),
    }
    return totals, text


def test_every_member_breakdown_sums_to_the_same_total_on_the_page_in_downloads_and_in_the_pdf(
    client, officers, register, pdf_contexts, settings
):
    settings.PEKSOS_DASHBOARD_SECONDS = 0
    total = on_register()
    assert total == 18  # 24 members, 6 of them ended, one transferred (still counted once)

    sign_in_with_second_factor(client, officers["dpp"])
    assert page_totals(client) == dict.fromkeys(BREAKDOWNS, total)
    assert csv_totals(client) == dict.fromkeys(BREAKDOWNS, total)
    assert xlsx_totals(client) == dict.fromkeys(BREAKDOWNS, total)
    totals, text = pdf_totals(client, pdf_contexts)
    assert totals == {"members": total, "by_status": total, "by_category": total, "by_province": total}
    assert "Jawa Barat" in text and "Jawa Timur" in text


def test_a_dpd_counts_its_province_the_same_way_on_the_page_and_in_its_monthly_pdf(
    client, officers, register, pdf_contexts, settings
):
    settings.PEKSOS_DASHBOARD_SECONDS = 0
    jabar = on_register("32")
    assert jabar == 11  # 12 not ended in Jawa Barat, one moved to Jawa Timur

    sign_in_with_second_factor(client, officers["jabar"])
    assert page_totals(client) == dict.fromkeys(BREAKDOWNS, jabar)
    assert csv_totals(client) == dict.fromkeys(BREAKDOWNS, jabar)
    totals, _text = pdf_totals(client, pdf_contexts)
    assert totals == {"members": jabar, "by_status": jabar, "by_category": jabar, "by_province": jabar}

    sign_in_with_second_factor(client, officers["jatim"])
    assert page_totals(client) == dict.fromkeys(BREAKDOWNS, on_register("35"))
    totals, _text = pdf_totals(client, pdf_contexts)
    assert totals["members"] == totals["by_province"] == on_register("35") == 7


def test_the_map_and_the_monthly_pdf_count_each_province_alike(client, officers, register, pdf_contexts, settings):
    settings.PEKSOS_DASHBOARD_SECONDS = 0
    sign_in_with_second_factor(client, officers["dpp"])
    page = client.get(reverse("reports:dashboard"))
    [member_map] = [m for m in page.context["maps"] if m["table"].key == "anggota-provinsi"]
    on_map = {t.name: t.value for t in member_map["tiles"] if t.value}
    for code in ("32", "35"):
        _totals, _text = pdf_totals(client, pdf_contexts, provinsi=code)
        figures = pdf_contexts[-1][0]["figures"]
        name = Province.objects.get(code=code).name
        assert figures["members"] == on_map[name] == on_register(code)
        assert dict(figures["by_province"]) == {name: on_map[name]}


def test_members_whose_province_is_unknown_are_counted_in_an_explicit_row():
    provinces = frozenset(Province.objects.filter(code__in=["32", "35"]).values_list("pk", flat=True))
    scope = queries.Scope(label="t", provinces=None)
    jabar = Province.objects.get(code="32")
    counts = [(jabar.pk, "active", "biasa", 2), (None, "active", "rekan", 1), (None, "lapsed", "biasa", 1)]
    table = queries.members_by_province(scope, counts)
    assert sum(row[1] for row in table.rows) == 4
    assert table.rows[-1] == ["tanpa provinsi", 2]
    assert len(table.rows) == 39  # 38 provinces and the row for the rest
    within = queries.members_by_province(queries.Scope(label="t", provinces=provinces), counts[:1])
    assert [row[0] for row in within.rows] == ["Jawa Barat", "Jawa Timur"]  # no empty extra row


def test_the_dashboard_and_the_monthly_pdf_ask_a_bounded_number_of_queries_however_many_members(
    client, officers, register, pdf_contexts, settings, django_assert_max_num_queries
):
    settings.PEKSOS_DASHBOARD_SECONDS = 0
    sign_in_with_second_factor(client, officers["dpp"])
    with django_assert_max_num_queries(45):  # as for a register of a few members (test_dashboards.py)
        assert client.get(reverse("reports:dashboard")).status_code == 200
    # 20 for the figures, 3 to take the report's number from its series and record it
    with django_assert_max_num_queries(23):
        pdf_totals(client, pdf_contexts)
