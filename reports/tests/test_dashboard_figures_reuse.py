import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import sign_in_with_second_factor
from reports.tests.factories import members, province_figure

pytestmark = pytest.mark.django_db


def tables_on(page):
    return [t for _title, group in page.context["sections"] for t in group]


def test_figures_are_counted_once_and_shown_as_of_when_until_the_period_ends(client, officers, settings):
    settings.PEKSOS_DASHBOARD_SECONDS = 300
    members(officers["jabar"], "32", 2)
    sign_in_with_second_factor(client, officers["dpp"])
    first = client.get(reverse("reports:dashboard"))
    assert province_figure(tables_on(first), "Jawa Barat") == 2
    members(officers["jabar"], "32", 1)
    again = client.get(reverse("reports:dashboard"))
    assert province_figure(tables_on(again), "Jawa Barat") == 2  # the same count, not a new one
    assert again.context["computed_at"] == first.context["computed_at"]
    shown = timezone.localtime(first.context["computed_at"])
    # Indonesian writes the time with a dot: "pukul 9.05".
    assert f"per pukul {shown.hour}.{shown:%M} (dihitung ulang paling sering setiap 5 menit)" in again.content.decode()


def test_with_no_reuse_period_every_opening_counts_afresh(client, officers, settings):
    settings.PEKSOS_DASHBOARD_SECONDS = 0
    members(officers["jabar"], "32", 2)
    sign_in_with_second_factor(client, officers["dpp"])
    assert province_figure(tables_on(client.get(reverse("reports:dashboard"))), "Jawa Barat") == 2
    members(officers["jabar"], "32", 1)
    assert province_figure(tables_on(client.get(reverse("reports:dashboard"))), "Jawa Barat") == 3


def test_an_officer_is_never_shown_figures_counted_for_a_wider_scope(client, officers, settings):
    settings.PEKSOS_DASHBOARD_SECONDS = 300
    members(officers["jabar"], "32", 2)
    members(officers["jatim"], "35", 3)
    sign_in_with_second_factor(client, officers["dpp"])
    national = tables_on(client.get(reverse("reports:dashboard")))
    assert province_figure(national, "Jawa Timur") == 3
    sign_in_with_second_factor(client, officers["jabar"])
    provincial = tables_on(client.get(reverse("reports:dashboard")))
    assert province_figure(provincial, "Jawa Barat") == 2 and province_figure(provincial, "Jawa Timur") is None
    assert sum(row[1] for row in next(t for t in provincial if t.key == "anggota-status").rows) == 2


def test_a_download_holds_the_same_figures_as_the_page(client, officers, settings):
    settings.PEKSOS_DASHBOARD_SECONDS = 300
    members(officers["jabar"], "32", 2)
    sign_in_with_second_factor(client, officers["dpp"])
    client.get(reverse("reports:dashboard"))
    members(officers["jabar"], "32", 1)
    body = b"".join(client.get(reverse("reports:download", args=["anggota-provinsi", "csv"])).streaming_content).decode()
    assert ["Jawa Barat", "2"] in list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
