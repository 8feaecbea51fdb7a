"""A member sees their own standing on their pages, and no one else's."""

import pytest
from django.urls import reverse

from assemblies import services
from assemblies.models import RollEntry
from assemblies.tests.factories import invoice, member, upcoming

pytestmark = pytest.mark.django_db


def test_a_member_sees_their_standing_and_the_reason_on_their_page(client, dpp):
    owing = member()
    invoice(owing)
    kongres = upcoming(dpp)
    services.freeze_roll(dpp, kongres)
    entry = RollEntry.objects.get(assembly=kongres, member=owing)
    client.force_login(owing.person.user)

    overview = client.get(reverse("assemblies:mine")).content.decode()
    detail = client.get(reverse("assemblies:my_entry", args=[entry.pk])).content.decode()

    assert "Kongres V IPSPI" in overview and "iuran belum lunas" in overview
    assert "iuran belum lunas" in detail and "Ajukan koreksi" in detail


def test_another_members_standing_is_hidden(client, dpp):
    first, second = member(), member()
    kongres = upcoming(dpp)
    services.freeze_roll(dpp, kongres)
    entry = RollEntry.objects.get(assembly=kongres, member=second)
    client.force_login(first.person.user)

    assert client.get(reverse("assemblies:my_entry", args=[entry.pk])).status_code == 404


def test_minutes_are_read_by_members_of_the_scope_only(client, dpp, dpd_jabar):
    here, there = member(province_code="32"), member(province_code="35")
    musda = upcoming(dpd_jabar, kind="musda", province_code="32", name="Musda IV Jawa Barat")
    services.publish_minutes(actor=dpd_jabar, assembly=musda, minutes="Notulen Musda.", decisions="Ketua DPD terpilih.")

    client.force_login(here.person.user)
    assert "Ketua DPD terpilih." in client.get(reverse("assemblies:detail", args=[musda.pk])).content.decode()
    client.force_login(there.person.user)
    assert client.get(reverse("assemblies:detail", args=[musda.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("assemblies:detail", args=[musda.pk])).status_code == 302
