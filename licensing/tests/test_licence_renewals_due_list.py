"""The licensing officers' list of licences ending without renewal: each authority sees the
licences it granted that end within 90 days and still lack something for their renewal, with
what is missing; another authority sees none of them; once the renewal's checklist is complete
the licence leaves the list."""

import pytest
from django.urls import reverse

from accounts.tests.factories import sign_in_with_second_factor
from licensing import services
from licensing.tests.factories import pdf, ready_to_renew_str
from licensing.tests.test_licence_renewal_checklist import ending_in, staff  # noqa: F401 (fixture)
from licensing.tests.test_renewal import holder_with_licence

pytestmark = pytest.mark.django_db


def test_the_granting_authority_lists_a_licence_ending_without_renewal_with_what_it_lacks(client, staff):  # noqa: F811
    person, _certificate, str_record, licence = holder_with_licence(staff)
    sign_in_with_second_factor(client, staff["kota"])
    url = reverse("licensing:licence_renewals_due")
    assert licence.number not in client.get(url).content.decode()  # not yet in its last 90 days

    ending_in(licence, str_record, 60)
    page = client.get(url).content.decode()
    assert licence.number in page and person.full_name in page
    assert "perpanjang STR terlebih dahulu" in page

    sign_in_with_second_factor(client, staff["other"])
    other = client.get(url)
    assert other.status_code == 200 and licence.number not in other.content.decode()


def test_a_licence_whose_renewal_checklist_is_complete_leaves_the_list(client, staff):  # noqa: F811
    person, certificate, str_record, licence = holder_with_licence(staff)
    ending_in(licence, str_record, 60)
    ready_to_renew_str(person, str_record)
    application = services.apply_for_str(
        actor=person.user, certificate=certificate, health_statement=pdf(), oath_taken=True, code_of_ethics=True
    )
    services.decide_str(actor=staff["dpp"], application=application, version=application.version, approve=True)
    sign_in_with_second_factor(client, staff["kota"])
    page = client.get(reverse("licensing:licence_renewals_due")).content.decode()
    assert licence.number not in page and "Tidak ada izin praktik yang berakhir tanpa perpanjangan." in page
