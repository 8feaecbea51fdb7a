"""The personal-data download ("Data saya") reads as a document for a person: every heading and
label in their language, years as years, and no code of the register printed as it is stored."""

import pytest
from django.utils import translation

from accounts import services
from core import readable

pytestmark = pytest.mark.django_db


def _keys(data, found: set[str]) -> set[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            found.add(key)
            _keys(value, found)
    elif isinstance(data, list | tuple):
        for item in data:
            _keys(item, found)
    return found


def test_every_heading_and_label_of_a_members_full_export_is_a_label_not_a_spelt_out_key():
    from registry.tests.factories import complete_person

    person = complete_person()
    data = services.export_personal_data(person.user)
    keys = _keys(data, set())
    assert {"data_requests", "notifications", "sign_ins", "profile", "graduation_year", "claimed"} <= keys
    assert sorted(key for key in keys if not readable.is_labelled(key)) == []


def test_section_headings_of_every_app_read_in_indonesian():
    with translation.override("id"):
        headings = [
            readable.label(key)
            for key in ("notifications", "sign_ins", "str_applications", "ethics_complaints", "rolls", "cpd_activities")
        ]
    assert headings == [
        "Notifikasi",
        "Riwayat masuk",
        "Permohonan STR",
        "Pengaduan kode etik",
        "Daftar hadir forum",
        "Kegiatan PKB yang dicatat",
    ]


def test_a_field_name_shared_by_two_models_gets_the_plain_word_not_the_other_models_meaning():
    with translation.override("id"):
        assert readable.label("place") == "Tempat"  # not "Tempat penandatanganan" of a letterhead
        assert readable.label("reference") == "Nomor rujukan"  # not "Referensi bank" of a dues payment


def test_years_print_as_years_and_the_persons_own_entry_is_said_in_words():
    with translation.override("id"):
        assert readable.display("graduation_year", 2014) == "2014"
        assert readable.display("year", 2026) == "2026"
        assert readable.display("hours", 1200) == "1.200"
        assert readable.display("source", "self") == "didaftarkan sendiri oleh yang bersangkutan melalui Peksos"
        assert readable.display("source", "Data DPD Jabar 2019") == "Data DPD Jabar 2019"
    with translation.override("en"):
        assert readable.display("source", "self") == "registered through Peksos by the person"
