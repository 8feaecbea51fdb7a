"""The DPP creates a Kongres, a DPD its own province's Musda; each runs under the voting rule in
force on its first day. Bad input is turned back with a message and nothing is saved."""

import datetime

import pytest
from django.urls import reverse

from accounts.tests.factories import sign_in_with_second_factor
from assemblies.models import Assembly, VotingRule
from core.dates import register_day

pytestmark = pytest.mark.django_db


def _form(**changes):
    today = register_day()
    data = {
        "kind": "musda",
        "name": "Musda IV DPD IPSPI Jawa Barat",
        "province": "",
        "starts_on": (today + datetime.timedelta(days=40)).isoformat(),
        "ends_on": (today + datetime.timedelta(days=41)).isoformat(),
        "place": "Bandung",
        "agenda": "Pemilihan Ketua DPD",
        "roll_cutoff": today.isoformat(),
        "correction_deadline": (today + datetime.timedelta(days=20)).isoformat(),
    }
    data.update(changes)
    return data


def test_a_dpd_officer_creates_the_musda_of_their_province_under_the_rule_in_force(client, dpd_jabar):
    from regions.models import Province

    jabar = Province.objects.get(code="32")
    sign_in_with_second_factor(client, dpd_jabar)

    response = client.post(reverse("assemblies:create"), _form(province=jabar.pk))

    musda = Assembly.objects.get()
    assert response.status_code == 302 and (musda.kind, musda.province) == ("musda", jabar)
    assert musda.rule == VotingRule.objects.in_force(musda.starts_on).get(kind="musda")
    page = client.get(reverse("assemblies:detail", args=[musda.pk])).content.decode()
    assert "Ditetapkan oleh DPP" in page and "bukan ketentuan peraturan perundang-undangan" in page


def test_a_dpd_officer_cannot_create_a_kongres_nor_another_provinces_musda(client, dpd_jabar):
    from regions.models import Province

    sign_in_with_second_factor(client, dpd_jabar)

    kongres = client.post(reverse("assemblies:create"), _form(kind="kongres", name="Kongres V"))
    elsewhere = client.post(reverse("assemblies:create"), _form(province=Province.objects.get(code="35").pk))

    assert kongres.status_code == 200 and "Anda tidak berwenang melakukan ini." in kongres.content.decode()
    assert elsewhere.status_code == 200
    assert not Assembly.objects.exists()


def test_dates_in_the_wrong_order_are_turned_back_in_indonesian(client, dpp):
    sign_in_with_second_factor(client, dpp)
    today = register_day()

    response = client.post(
        reverse("assemblies:create"),
        _form(kind="kongres", name="Kongres V IPSPI", ends_on=(today + datetime.timedelta(days=10)).isoformat()),
    )

    assert response.status_code == 200
    assert "Hari terakhir sebelum hari pertama." in response.content.decode()
    assert not Assembly.objects.exists()
