"""The licence queue page and the /applications API list the same applications: both are the
scope of `licensing.view_licence_application` (accounts.policy.visible)."""

import datetime

import pytest

from accounts.roles import Role
from accounts.tests.factories import make_staff, sign_in_with_second_factor
from certification.models import LSP
from licensing import services
from licensing.tests.factories import certified_person
from regions.models import Regency


@pytest.fixture
def national_application(db):
    """A 2009-rules application: it goes to the ministry through the certificate's LSP."""
    person, certificate = certified_person(issued_on=datetime.date(2013, 1, 10), valid_until=datetime.date(2018, 1, 9))
    application = services.apply_for_licence(
        actor=person.user,
        certificate=certificate,
        setting="community",
        place="Desa Sukamaju",
        regency=Regency.objects.get(code="32.73"),
        field="masyarakat",
        today=datetime.date(2014, 6, 1),
    )
    assert application.authority.level == "national"
    return application


def test_an_lsp_officer_finds_the_national_applications_of_their_certificates_in_the_page_and_the_api(
    client, national_application
):
    officer = make_staff(Role.LSP_OFFICER, organisation=national_application.certificate.lsp)
    sign_in_with_second_factor(client, officer)
    page = client.get("/lisensi/izin/antrean/")
    assert page.status_code == 200 and national_application in page.context["page"].items
    response = client.get("/api/v1/licensing/applications")
    assert response.status_code == 200
    assert [a["id"] for a in response.json()] == [national_application.pk]


def test_an_lsp_officer_of_another_lsp_finds_them_in_neither(client, national_application):
    other = LSP.objects.create(code="LSPLAIN", name="LSP Lain")
    officer = make_staff(Role.LSP_OFFICER, organisation=other)
    sign_in_with_second_factor(client, officer)
    assert list(client.get("/lisensi/izin/antrean/").context["page"].items) == []
    assert client.get("/api/v1/licensing/applications").json() == []
