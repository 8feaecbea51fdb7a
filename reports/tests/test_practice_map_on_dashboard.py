"""The practice map (practice app) is reached from the dashboard by those who may read it: the
DPP, the DPDs and the LSPs; other reporting officers are not offered it."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import make_staff, sign_in_with_second_factor

pytestmark = pytest.mark.django_db


def test_the_dpp_dpd_and_lsp_find_the_practice_map_on_the_dashboard_and_a_licensing_officer_does_not(client, officers):
    from certification.tests.factories import LSPFactory

    lsp_officer = make_staff(Role.LSP_OFFICER, organisation=LSPFactory())
    for officer in (officers["dpp"], officers["jabar"], lsp_officer):
        sign_in_with_second_factor(client, officer)
        page = client.get(reverse("reports:dashboard")).content.decode()
        assert f'href="{reverse("practice:practice_map")}"' in page
    from licensing.models import LicensingAuthority

    authority = LicensingAuthority.objects.get(regency__code="32.73")
    licensing = make_staff(Role.LICENSING_OFFICER, organisation=authority)
    sign_in_with_second_factor(client, licensing)
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200
    assert reverse("practice:practice_map") not in response.content.decode()
