from django.utils import translation

from core import pagecache


def count_renderings(key, calls):
    def render():
        calls.append(key)
        return f"rendered {len(calls)}".encode()

    return pagecache.reuse(key, render)


def test_an_answer_is_made_once_for_the_same_rows_and_again_when_a_value_changes():
    calls = []
    row = (1, "IPSPI.32.2024.00001", "valid", "2026-01-01", None)
    first = count_renderings(("answer", row), calls)
    assert count_renderings(("answer", tuple(row)), calls) == first and len(calls) == 1
    count_renderings(("answer", (*row[:2], "revoked", *row[3:])), calls)
    count_renderings(("answer", (*row[:4], "2027-12-31")), calls)
    assert len(calls) == 3


def test_rows_with_decoded_json_are_reused_by_their_exact_contents():
    # PostgreSQL's driver hands JSON back as dicts, which cannot be a dict key themselves.
    calls = []
    count_renderings(("answer", (1, {"skema": "Generalis"})), calls)
    count_renderings(("answer", (1, {"skema": "Generalis"})), calls)
    count_renderings(("answer", (1, {"skema": "Spesialis"})), calls)
    assert len(calls) == 2


def test_each_language_has_its_own_rendering():
    calls = []
    with translation.override("id"):
        count_renderings(("answer", (1,)), calls)
    with translation.override("en"):
        count_renderings(("answer", (1,)), calls)
        count_renderings(("answer", (1,)), calls)
    assert len(calls) == 2
