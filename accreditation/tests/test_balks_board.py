import datetime

import pytest

from accounts.tests.factories import sign_in_with_second_factor
from accreditation import services
from accreditation.models import BoardMember, BoardPeriod
from core.errors import DomainError

MEETS_PASAL_22 = {"citizen": True, "healthy": True, "good_conduct": True, "drug_free": True}


def _member(**overrides):
    data = {
        "name": "Dr. Budi Santoso",
        "position": "Anggota",
        "education": "S2",
        "birth_date": datetime.date(1970, 5, 1),
        "appointed_on": datetime.date(2025, 8, 1),
        **MEETS_PASAL_22,
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_a_balks_officer_records_an_earlier_period_and_its_members_as_the_decree_says(client, world):
    sign_in_with_second_factor(client, world["balks"])

    response = client.post(
        "/akreditasi/dewan/",
        {"name": "2019–2024", "decree": "Kepmensos 174/HUK/2019", "starts_on": "2019-10-01", "ends_on": "2024-09-30"},
    )
    period = BoardPeriod.objects.get(decree="Kepmensos 174/HUK/2019")
    assert response["Location"] == f"/akreditasi/dewan/{period.pk}/"
    # No criteria were recorded for 2019: an S1 member of that period is recorded as appointed.
    client.post(
        f"/akreditasi/dewan/{period.pk}/",
        {"name": "Drs. Lama", "position": "Ketua", "education": "S1", "birth_date": "1955-01-01", "appointed_on": "2019-10-01"},
    )

    member = BoardMember.objects.get(period=period)
    assert member.name == "Drs. Lama" and member.history.first().history_user == world["balks"]
    assert "Drs. Lama" in client.get(f"/akreditasi/dewan/{period.pk}/").content.decode()


@pytest.mark.django_db
def test_a_period_overlapping_another_is_refused(world):
    services.open_board_period(
        actor=world["balks"], name="2025–2030", decree="Kepmensos 1/2025", starts_on=datetime.date(2025, 8, 1), ends_on=None
    )

    with pytest.raises(DomainError):
        services.open_board_period(
            actor=world["balks"], name="2026", decree="Kepmensos 2/2026", starts_on=datetime.date(2026, 1, 1), ends_on=None
        )
    assert BoardPeriod.objects.count() == 1


@pytest.mark.parametrize(
    "missing",
    [{"citizen": False}, {"healthy": False}, {"good_conduct": False}, {"drug_free": False}, {"serious_conviction": True}],
)
@pytest.mark.django_db
def test_every_pasal_22_criterion_is_checked_for_a_member_appointed_under_permensos_8_2025(world, missing):
    period = services.open_board_period(
        actor=world["balks"], name="2025–2030", decree="Kepmensos 1/2025", starts_on=datetime.date(2025, 8, 1), ends_on=None
    )

    with pytest.raises(DomainError, match="Permensos Nomor 8 Tahun 2025"):
        services.add_board_member(actor=world["balks"], period=period, **_member(**missing))

    assert not period.members.exists()
    assert services.add_board_member(actor=world["balks"], period=period, **_member()).pk


@pytest.mark.django_db
def test_the_member_form_shows_the_failed_criterion_and_records_nothing(client, world):
    period = services.open_board_period(
        actor=world["balks"], name="2025–2030", decree="Kepmensos 1/2025", starts_on=datetime.date(2025, 8, 1), ends_on=None
    )
    sign_in_with_second_factor(client, world["balks"])

    response = client.post(
        f"/akreditasi/dewan/{period.pk}/",
        {"name": "X", "position": "Anggota", "education": "S2", "birth_date": "1970-01-01", "appointed_on": "2025-08-01"},
    )

    assert response.status_code == 200 and response.context["form"].errors
    assert not period.members.exists()
