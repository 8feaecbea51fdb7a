import csv
import io

import pytest
from django.urls import reverse

from accounts.tests.factories import sign_in_with_second_factor
from core.models import AuditEvent
from regions.models import Province
from reports import queries
from reports.tests.factories import members, province_figure

pytestmark = pytest.mark.django_db


def test_a_dpd_officer_sees_only_their_province_and_the_dpp_sees_the_nation(client, officers, django_assert_max_num_queries):
    members(officers["jabar"], "32", 3)
    members(officers["jatim"], "35", 2)

    sign_in_with_second_factor(client, officers["jabar"])
    with django_assert_max_num_queries(45):
        response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200
    tables = [t for _title, group in response.context["sections"] for t in group]
    assert province_figure(tables, "Jawa Barat") == 3
    assert province_figure(tables, "Jawa Timur") is None  # not even listed
    assert sum(row[1] for row in next(t for t in tables if t.key == "anggota-status").rows) == 3

    sign_in_with_second_factor(client, officers["dpp"])
    tables = [t for _title, group in client.get(reverse("reports:dashboard")).context["sections"] for t in group]
    assert province_figure(tables, "Jawa Barat") == 3 and province_figure(tables, "Jawa Timur") == 2
    assert len(next(t for t in tables if t.key == "anggota-provinsi").rows) == 38


def test_the_map_has_all_38_provinces_shaded_by_the_numbers(client, officers):
    members(officers["jabar"], "32", 2)
    sign_in_with_second_factor(client, officers["dpp"])
    response = client.get(reverse("reports:dashboard"))
    [member_map] = [m for m in response.context["maps"] if m["table"].key == "anggota-provinsi"]
    assert len(member_map["tiles"]) == 38
    jabar = next(t for t in member_map["tiles"] if t.code == "32")
    aceh = next(t for t in member_map["tiles"] if t.code == "11")
    assert jabar.value == 2 and aceh.value == 0 and jabar.fill != aceh.fill
    page = response.content.decode()
    assert "<title>Jawa Barat: 2</title>" in page and 'id="report-charts"' in page
    assert "<script>" not in page.replace('<script id="report-charts" type="application/json">', "")  # no inline code (CSP)


def test_a_download_is_scoped_logged_and_neutralises_formulas(client, officers):
    jabar_members = members(officers["jabar"], "32", 1)
    members(officers["jatim"], "35", 1)
    sign_in_with_second_factor(client, officers["jabar"])
    response = client.get(reverse("reports:download", args=["anggota-provinsi", "csv"]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows == [["Provinsi", "Anggota"], ["Jawa Barat", "1"]]
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.actor == officers["jabar"] and "anggota-provinsi" in event.summary
    xlsx = client.get(reverse("reports:download", args=["anggota-status", "xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert client.get(reverse("reports:download", args=["lks-peringkat", "csv"])).status_code == 404  # not in a DPD's scope
    assert client.get(reverse("reports:download", args=["anggota-status", "exe"])).status_code == 404
    assert jabar_members


def test_exported_cells_that_look_like_formulas_are_neutralised():
    table = queries.Table("x", "x", ["Nama", "Jumlah"], [['=HYPERLINK("http://x")', 1]])
    from core.exports import csv_rows

    text = "".join(csv_rows(table.columns, table.rows))
    assert "'=HYPERLINK" in text


def test_people_without_a_reporting_role_are_refused(client):
    from accounts.tests.factories import UserFactory

    social_worker = UserFactory()
    sign_in_with_second_factor(client, social_worker)
    assert client.get(reverse("reports:dashboard")).status_code == 403


def test_members_are_counted_once_per_education_level_and_only_in_scope(officers):
    from registry.models import Education
    from registry.tests.factories import EducationFactory

    jabar = members(officers["jabar"], "32", 2)
    jatim = members(officers["jatim"], "35", 1)
    for member in (*jabar, *jatim):
        Education.objects.filter(person=member.person).delete()
    EducationFactory(person=jabar[0].person, level=Education.Level.S1)
    EducationFactory(person=jabar[0].person, level=Education.Level.S1, institution="Universitas Indonesia")  # a second S1
    EducationFactory(person=jabar[0].person, level=Education.Level.S2)
    EducationFactory(person=jabar[1].person, level=Education.Level.S1)
    EducationFactory(person=jatim[0].person, level=Education.Level.S1)

    def figures(province_codes):
        provinces = (
            None
            if province_codes is None
            else frozenset(Province.objects.filter(code__in=province_codes).values_list("pk", flat=True))
        )
        table = queries.members_by_education(queries.Scope(label="t", provinces=provinces))
        return {row[0]: row[1] for row in table.rows}

    s1, s2 = str(Education.Level.S1.label), str(Education.Level.S2.label)
    assert figures(["32"]) == {s1: 2, s2: 1}
    assert figures(None) == {s1: 3, s2: 1}
