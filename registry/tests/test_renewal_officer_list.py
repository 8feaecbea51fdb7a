import pytest
from django.urls import reverse

from accounts.tests.factories import sign_in_with_second_factor
from registry.tests.renewal_helpers import member_with_card_ending

pytestmark = pytest.mark.django_db


def test_the_list_of_cards_ending_without_renewal_is_scoped_by_province_and_names_the_reason(
    client, dpd_jabar, dpd_jatim, dpp, django_assert_max_num_queries
):
    unpaid_here = member_with_card_ending(dpd_jabar, in_days=20, paid=False)
    paid_here = member_with_card_ending(dpd_jabar, in_days=20)
    unpaid_there = member_with_card_ending(dpd_jatim, in_days=20, paid=False, province_code="35")
    url = reverse("registry:renewals_due")

    sign_in_with_second_factor(client, dpd_jabar)
    with django_assert_max_num_queries(20):
        page = client.get(url).content.decode()
    assert unpaid_here.number in page and "Iuran dibayar sampai terkini" in page
    assert paid_here.number not in page  # it renews itself
    assert unpaid_there.number not in page

    sign_in_with_second_factor(client, dpd_jatim)
    page = client.get(url).content.decode()
    assert unpaid_there.number in page and unpaid_here.number not in page

    sign_in_with_second_factor(client, dpp)
    page = client.get(url).content.decode()
    assert unpaid_here.number in page and unpaid_there.number in page


def test_a_member_reads_the_checklist_of_their_card_from_ninety_days_before_its_end(client, dpd_jabar):
    member = member_with_card_ending(dpd_jabar, in_days=60, paid=False)
    client.force_login(member.person.user)
    page = client.get(reverse("registry:my_membership")).content.decode()
    assert 'id="card-renewal"' in page and "Iuran dibayar sampai terkini" in page
    far = member_with_card_ending(dpd_jabar, in_days=200)
    client.force_login(far.person.user)
    assert 'id="card-renewal"' not in client.get(reverse("registry:my_membership")).content.decode()
