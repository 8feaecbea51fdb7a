"""The roll page reads a page of entries in a fixed number of queries, however long the roll."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import sign_in_with_second_factor
from assemblies import services
from assemblies.tests.factories import member, upcoming

pytestmark = pytest.mark.django_db


def _queries(client, assembly) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("assemblies:roll", args=[assembly.pk]))
    assert response.status_code == 200
    return len(queries)


def test_the_roll_page_does_not_query_per_entry(client, dpp):
    for _ in range(3):
        member()
    small = upcoming(dpp, name="Kongres Kecil")
    services.freeze_roll(dpp, small)
    for _ in range(30):
        member(province_code="35")
    large = upcoming(dpp, name="Kongres Besar")
    services.freeze_roll(dpp, large)
    sign_in_with_second_factor(client, dpp)

    assert _queries(client, large) == _queries(client, small)
    assert _queries(client, large) <= 15


def test_a_dpd_officer_sees_only_their_provinces_members_on_the_kongres_roll(client, dpp, dpd_jabar):
    here, there = member(province_code="32"), member(province_code="35")
    kongres = upcoming(dpp)
    services.freeze_roll(dpp, kongres)
    sign_in_with_second_factor(client, dpd_jabar)

    page = client.get(reverse("assemblies:roll", args=[kongres.pk])).content.decode()

    assert here.number in page and there.number not in page
