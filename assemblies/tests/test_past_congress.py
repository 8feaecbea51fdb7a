"""A past congress is recorded with its roll taken from an imported congress list, and members
see which assemblies they were on the roll of ("Apakah saya terdaftar di Kongres?")."""

import datetime

import pytest
from django.urls import reverse

from assemblies import services
from assemblies.models import Kind, RollEntry
from assemblies.tests.factories import kongres_batch
from core.errors import DomainError
from registry.models import Person
from registry.tests.member_lists import person_row, run_import

pytestmark = pytest.mark.django_db


def _kongres_iii(dpp):
    return services.create_assembly(
        actor=dpp,
        kind=Kind.KONGRES,
        name="Kongres III IPSPI",
        starts_on=datetime.date(2010, 2, 18),
        ends_on=datetime.date(2010, 2, 20),
        place="Jakarta",
        recorded_afterwards=True,
    )


def test_the_roll_of_a_past_congress_comes_from_its_imported_list(client, dpp, tmp_path):
    run_import(tmp_path, [person_row(1), person_row(2)], source="Kongres 2010")
    run_import(tmp_path, [person_row(3)], source="Jaringan Peksos 2009", kind="jaringan", name="jaringan.csv")
    kongres = _kongres_iii(dpp)
    batch = kongres_batch("Kongres 2010", dpp)

    added = services.roll_from_import(actor=dpp, assembly=kongres, batch=batch, attended=True)
    again = services.roll_from_import(actor=dpp, assembly=kongres, batch=batch, attended=True)

    names = set(RollEntry.objects.filter(assembly=kongres).values_list("person__full_name", flat=True))
    assert (added, again) == (2, 0)
    assert names == {"Peserta Kongres 1", "Peserta Kongres 2"}
    assert all(e.attended_at and e.member_id and e.source == "import" for e in RollEntry.objects.filter(assembly=kongres))
    kongres.refresh_from_db()
    assert kongres.roll_source == "Kongres 2010"


def test_a_member_from_the_list_sees_they_were_on_the_congress_roll(client, dpp, tmp_path):
    run_import(tmp_path, [person_row(1)], source="Kongres 2010")
    kongres = _kongres_iii(dpp)
    services.roll_from_import(actor=dpp, assembly=kongres, batch=kongres_batch("Kongres 2010", dpp))
    person = Person.objects.get(full_name="Peserta Kongres 1")
    from accounts.tests.factories import UserFactory

    person.user = UserFactory()
    person.save()
    client.force_login(person.user)

    page = client.get(reverse("assemblies:mine")).content.decode()

    assert "Kongres III IPSPI" in page and "tercatat hadir" in page


def test_only_an_imported_congress_list_and_only_the_dpp_make_a_past_roll(dpp, dpd_jabar, tmp_path):
    kongres = _kongres_iii(dpp)
    with pytest.raises(DomainError):
        services.roll_from_import(actor=dpp, assembly=kongres, batch=kongres_batch("Jaringan", dpp, kind="jaringan"))
    with pytest.raises(DomainError):
        services.roll_from_import(actor=dpd_jabar, assembly=kongres, batch=kongres_batch("Kongres 2010", dpp))
    with pytest.raises(DomainError):
        services.create_assembly(
            actor=dpd_jabar,
            kind=Kind.KONGRES,
            name="Kongres I IPSPI",
            starts_on=datetime.date(1998, 8, 19),
            ends_on=datetime.date(1998, 8, 19),
            place="Jakarta",
            recorded_afterwards=True,
        )
    assert not RollEntry.objects.exists()
