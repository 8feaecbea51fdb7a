import datetime

import pytest

from accreditation.models import Accreditation, AccreditationApplication
from accreditation.tests.factories import LKSFactory
from regions.models import Regency
from reports import queries

TODAY = datetime.date(2026, 11, 25)
NATIONAL = queries.Scope(label="national", provinces=None, lsps=None, authorities=None, regencies=None, sections=("lks",))


def accreditation(lks, grade, valid_until, status=Accreditation.Status.VALID):
    application = AccreditationApplication.objects.create(lks=lks, status=AccreditationApplication.Status.DETERMINED)
    return Accreditation.objects.create(
        lks=lks,
        application=application,
        grade=grade,
        score=80,
        decree_number="45/HUK/2024",
        decree_date=valid_until.replace(year=valid_until.year - 3),
        valid_from=valid_until.replace(year=valid_until.year - 3),
        valid_until=valid_until,
        status=status,
    )


@pytest.fixture
def institutions(db):
    bandung, bekasi, surabaya = (Regency.objects.get(code=code) for code in ("32.73", "32.16", "35.78"))
    regraded = LKSFactory(name="LKS Regraded", regency=bandung)
    accreditation(regraded, "C", datetime.date(2027, 1, 31))  # superseded by the later determination below
    accreditation(regraded, "A", datetime.date(2029, 6, 30))
    due = LKSFactory(name="LKS Due Soon", regency=bekasi)
    accreditation(due, "B", datetime.date(2027, 3, 1))
    revoked = LKSFactory(name="LKS Revoked", regency=surabaya)
    accreditation(revoked, "B", datetime.date(2028, 1, 1))
    accreditation(
        revoked, "A", datetime.date(2029, 1, 1), status=Accreditation.Status.REVOKED
    )  # its latest is no longer in force
    lapsed = LKSFactory(name="LKS Lapsed", regency=surabaya)
    accreditation(lapsed, "B", datetime.date(2026, 11, 1))
    LKSFactory(name="LKS Never Accredited", regency=surabaya)
    return {"bandung": bandung, "surabaya": surabaya}


def figures(table):
    return {row[0]: row[1:] for row in table.rows}


def test_only_each_lks_s_latest_accreditation_in_force_is_counted_by_grade_and_province(institutions):
    current = queries.current_accreditations(NATIONAL, TODAY)

    by_grade = figures(queries.lks_by_grade(NATIONAL, TODAY, current))
    assert by_grade == {"Peringkat A": [1], "Peringkat B": [1], "Peringkat C": [0], "Tidak (atau tidak lagi) terakreditasi": [3]}
    by_province = figures(queries.lks_by_province(NATIONAL, TODAY, current))
    assert by_province["Jawa Barat"] == [2, 2]
    assert by_province["Jawa Timur"] == [3, 0]
    assert len(by_province) == 38


def test_the_due_list_names_those_ending_within_the_notice_period_soonest_first(institutions, settings):
    settings.PEKSOS_REACCREDITATION_NOTICE_DAYS = 180
    table = queries.lks_due(NATIONAL, TODAY)
    assert [row[:4] for row in table.rows] == [["LKS Due Soon", "Kabupaten Bekasi", "B", "2027-03-01"]]

    settings.PEKSOS_REACCREDITATION_NOTICE_DAYS = 365 * 3
    assert [row[0] for row in queries.lks_due(NATIONAL, TODAY).rows] == ["LKS Due Soon", "LKS Regraded"]


def test_a_dinas_sosial_counts_only_the_lks_of_its_regency(institutions):
    scope = queries.Scope(label="Kota Bandung", regencies=frozenset({institutions["bandung"].pk}), sections=("lks",))
    current = queries.current_accreditations(scope, TODAY)

    assert figures(queries.lks_by_grade(scope, TODAY, current))["Peringkat A"] == [1]
    assert figures(queries.lks_by_province(scope, TODAY, current)) == {"Jawa Barat": [1, 1]}
    assert queries.lks_due(scope, TODAY, current).rows == []


def test_the_lks_section_reads_the_accreditations_in_force_once(institutions, django_assert_num_queries):
    # accreditations in force, LKS count, LKS per province, provinces, target groups (2), names of those due
    with django_assert_num_queries(7):
        tables = queries._lks_tables(NATIONAL)
    assert [t.key for t in tables] == ["lks-peringkat", "lks-provinsi", "lks-sasaran", "lks-jatuh-tempo"]


def test_the_public_status_and_the_due_list_read_the_same_notice_period(institutions, settings):
    def public_status(name):
        current = Accreditation.objects.filter(lks__name=name, status=Accreditation.Status.VALID).latest("valid_from")
        return current.public_status(today=TODAY)

    settings.PEKSOS_REACCREDITATION_NOTICE_DAYS = 180
    assert (public_status("LKS Due Soon"), public_status("LKS Regraded")) == ("due", "valid")
    settings.PEKSOS_REACCREDITATION_NOTICE_DAYS = 365 * 3
    assert [row[0] for row in queries.lks_due(NATIONAL, TODAY).rows] == ["LKS Due Soon", "LKS Regraded"]
    assert (public_status("LKS Due Soon"), public_status("LKS Regraded")) == ("due", "due")
