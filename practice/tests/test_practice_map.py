import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from accounts.roles import Role
from accounts.tests.factories import make_staff
from certification.tests.factories import LSPFactory, SchemeFactory
from core.models import AuditEvent
from practice.selectors import practice_map
from practice.tests.factories import certify, member_in
from regions.models import Province
from registry.models import Member

pytestmark = pytest.mark.django_db


def _rows(result) -> dict:
    return {
        (r.field.code, r.province_code): (
            r.members,
            r.by_level["APS"],
            r.by_level["PSG"],
            r.by_level["PSS"],
            r.other_field_only,
            r.not_certified,
        )
        for r in result.rows
    }


@pytest.fixture
def world():
    """Jawa Barat: three in the children field (a specialist certified in it, a generalist
    certified only in general practice, one uncertified), one whose certificate in the field has
    expired, and a suspended member who does not count. Jawa Timur: one in children, one in
    disasters certified in it."""
    specialist = member_in("32", "anak", "keluarga")
    certify(specialist, scheme_field="anak", level="PSS")
    certify(specialist, scheme_field="anak", level="APS")  # the highest level counts
    generalist = member_in("32", "anak")
    certify(generalist, scheme_field="umum", level="PSG")
    member_in("32", "anak")
    expired = member_in("32", "anak")
    certify(expired, scheme_field="anak", level="PSG", valid_until=datetime.date(2020, 1, 1), status="expired")
    suspended = member_in("32", "anak")
    Member.objects.filter(person=suspended).update(status=Member.Status.SUSPENDED)
    member_in("35", "anak")
    disaster = member_in("35", "bencana")
    certify(disaster, scheme_field="bencana", level="PSG")
    return {"specialist": specialist}


def test_the_map_counts_members_by_field_province_and_certification_level(world):
    rows = _rows(practice_map())
    assert rows[("anak", "32")] == (4, 0, 0, 1, 1, 2)
    assert rows[("anak", "35")] == (1, 0, 0, 0, 0, 1)
    assert rows[("bencana", "35")] == (1, 0, 1, 0, 0, 0)
    assert rows[("keluarga", "32")] == (1, 0, 0, 0, 1, 0)  # certified in children only, not in families
    assert len(rows) == 4
    summary = {s.field.code: s for s in practice_map().fields}
    assert (summary["anak"].members, summary["anak"].certified, summary["anak"].share) == (5, 1, 20)


def test_a_dpd_officer_sees_only_their_own_province(world, signed_in):
    officer = make_staff(Role.DPD_OFFICER, province=Province.objects.get(code="35"))
    client = signed_in(officer)
    response = client.get(reverse("practice:practice_map"))
    assert response.status_code == 200
    assert {r.province_code for r in response.context["map"].rows} == {"35"}
    assert _rows(response.context["map"]) == {("anak", "35"): (1, 0, 0, 0, 0, 1), ("bencana", "35"): (1, 0, 1, 0, 0, 0)}
    assert "Jawa Barat" not in response.content.decode().split('id="map-rows"')[1]


def test_an_lsp_officer_reads_the_national_figures(world, signed_in):
    client = signed_in(make_staff(Role.LSP_OFFICER, organisation=LSPFactory()))
    response = client.get(reverse("practice:practice_map"))
    assert {r.province_code for r in response.context["map"].rows} == {"32", "35"}


def test_a_member_cannot_open_the_map(world, client):
    client.force_login(world["specialist"].user)
    assert client.get(reverse("practice:practice_map")).status_code == 403


def test_the_csv_download_holds_the_rows_of_the_readers_scope_and_is_audited(world, signed_in):
    officer = make_staff(Role.DPD_OFFICER, province=Province.objects.get(code="32"))
    response = signed_in(officer).get(reverse("practice:map_download", args=["csv"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:5] == ["Kode bidang", "Bidang praktik", "Kode provinsi", "Provinsi", "Anggota"]
    body = {(r[0], r[2]): r[4:] for r in rows[1:]}
    assert body == {("anak", "32"): ["4", "0", "0", "1", "1", "1", "2"], ("keluarga", "32"): ["1", "0", "0", "0", "0", "1", "0"]}
    assert AuditEvent.objects.filter(actor=officer, action=AuditEvent.Action.EXPORT, summary="practice map csv").exists()


def test_the_xlsx_download_holds_the_same_rows_as_numbers(world, dpp, signed_in):
    response = signed_in(dpp).get(reverse("practice:map_download", args=["xlsx"]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "Kode bidang"
    by_key = {(v[0], v[2]): v[4:] for v in values[1:]}
    assert by_key[("bencana", "35")] == (1, 0, 1, 0, 1, 0, 0)
    assert len(by_key) == 4


def test_fields_without_an_open_scheme_and_with_few_certified_are_listed(world, dpp, signed_in):
    # The certificates above came with schemes (one LSP each): children, general, disasters.
    client = signed_in(dpp)
    response = client.get(reverse("practice:practice_map"), {"few": "50"})
    missing = {s.field.code for s in response.context["schemes_missing"]}
    assert {"sekolah", "kebijakan-sosial", "keluarga", "perempuan-perlindungan"} <= missing  # none maps, or no scheme open
    assert not {"anak", "bencana", "praktik-umum"} & missing
    few = {s.field.code for s in response.context["few_certified"]}
    assert few == {"anak", "keluarga"}  # 1 of 5 and 0 of 1; disasters is 1 of 1
    page = response.content.decode()
    assert "Bidang tanpa skema sertifikasi" in page and "Sekolah" in page.split('id="schemes-missing"')[1]

    SchemeFactory(lsp=LSPFactory(), practice_field="keluarga", units=1)
    again = client.get(reverse("practice:practice_map"))
    assert "keluarga" not in {s.field.code for s in again.context["schemes_missing"]}


def test_a_bad_threshold_is_explained_and_the_map_still_shows(world, dpp, signed_in):
    response = signed_in(dpp).get(reverse("practice:practice_map"), {"few": "abc"})
    assert response.status_code == 200
    error = response.context["form"].errors["few"][0]
    assert error and error in response.content.decode()
    assert response.context["few"] == 25


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_map_is_one_grouped_query_whatever_the_number_of_members(world, dpp, signed_in):
    with CaptureQueriesContext(connection) as captured:
        practice_map()
    # The fields, the grouped count, the open schemes per field.
    assert len(captured) == 3
    client = signed_in(dpp)
    url = reverse("practice:practice_map")
    download = reverse("practice:map_download", args=["csv"])
    _queries(client, url), _queries(client, download)  # caches a first request fills do not count
    small, small_download = _queries(client, url), _queries(client, download)
    for i in range(6):
        person = member_in("35" if i % 2 else "32", "disabilitas", "komunitas")
        certify(person, scheme_field="disabilitas", level="APS")
    assert _queries(client, url) == small
    assert _queries(client, download) == small_download
