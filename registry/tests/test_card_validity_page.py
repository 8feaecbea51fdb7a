import datetime

import pytest
from django.urls import reverse

from accounts.tests.factories import sign_in_with_second_factor
from core.dates import register_day
from registry.models import CardValidity

pytestmark = pytest.mark.django_db


def test_the_dpp_publishes_the_next_card_validity_on_its_page(client, dpp):
    sign_in_with_second_factor(client, dpp)
    page = client.get(reverse("registry:card_validity")).content.decode()
    assert "Ketetapan DPP IPSPI" in page
    starts = register_day() + datetime.timedelta(days=7)
    response = client.post(
        reverse("registry:card_validity"), {"valid_from": starts.isoformat(), "years": "4", "source": "SK DPP IPSPI No. 9/2026"}
    )
    assert response.status_code == 302
    assert CardValidity.objects.in_force(starts).get().years == 4
    page = client.get(reverse("registry:card_validity")).content.decode()
    assert "SK DPP IPSPI No. 9/2026" in page and (dpp.get_full_name() or dpp.get_username()) in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"valid_from": "2020-01-01", "years": "4"}, "Versi baru berlaku mulai hari ini atau sesudahnya"),
        ({"years": "0"}, "Pastikan nilai ini lebih besar dari atau sama dengan 1."),
    ],
)
def test_bad_input_on_the_card_validity_page_is_explained_and_changes_nothing(client, dpp, data, message):
    sign_in_with_second_factor(client, dpp)
    starts = register_day() + datetime.timedelta(days=7)
    posted = {"valid_from": starts.isoformat(), "years": "4", "source": "SK DPP", **data}
    response = client.post(reverse("registry:card_validity"), posted)
    assert response.status_code == 200 and message in response.content.decode()
    assert CardValidity.objects.count() == 1 and CardValidity.objects.get().valid_until is None


def test_a_start_before_the_latest_version_is_refused(client, dpp):
    sign_in_with_second_factor(client, dpp)
    far = register_day() + datetime.timedelta(days=90)
    client.post(reverse("registry:card_validity"), {"valid_from": far.isoformat(), "years": "4", "source": "SK 1"})
    sooner = register_day() + datetime.timedelta(days=30)
    response = client.post(reverse("registry:card_validity"), {"valid_from": sooner.isoformat(), "years": "3", "source": "SK 2"})
    assert response.status_code == 200 and "Versi baru dimulai sesudah versi terakhir" in response.content.decode()
    assert CardValidity.objects.count() == 2


def test_a_dpd_officer_cannot_set_the_card_validity(client, dpd_jabar):
    sign_in_with_second_factor(client, dpd_jabar)
    assert client.get(reverse("registry:card_validity")).status_code == 403
    response = client.post(reverse("registry:card_validity"), {"valid_from": "2099-01-01", "years": "2", "source": "x"})
    assert response.status_code == 403 and CardValidity.objects.count() == 1
