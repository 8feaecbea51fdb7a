import pytest

from accounts.roles import Role
from accounts.tests.factories import make_staff, sign_in_with_second_factor
from core.errors import DomainError, NotAllowed
from portal import services
from portal.models import DpdContact
from regions.models import Province

OWN = {
    "office": "DPD IPSPI Jawa Barat",
    "address": "Jl. Soekarno-Hatta 1, Bandung",
    "phone": "022-1234567",
    "email": "dpd.jabar@ipspi.or.id",
    "office_hours": "Senin-Jumat 08.00-16.00",
    "chair": "Dra. Siti Rahmawati",
}


@pytest.fixture
def jabar(db):
    return Province.objects.get(code="32")


@pytest.mark.django_db
def test_a_dpd_officer_saves_the_provinces_own_contact_and_the_portal_shows_it_instead_of_the_dpp(client, jabar):
    officer = make_staff(Role.DPD_OFFICER, province=jabar)
    sign_in_with_second_factor(client, officer)
    contact = DpdContact.objects.get(province=jabar)
    assert contact.is_national_office

    response = client.post(f"/kontak-dpd/kelola/{contact.pk}/", OWN)

    assert response.status_code == 302
    contact.refresh_from_db()
    assert not contact.is_national_office and contact.chair == "Dra. Siti Rahmawati"
    public = client.get("/kontak-dpd/").content.decode()
    assert "DPD IPSPI Jawa Barat" in public and "Senin-Jumat 08.00-16.00" in public
    latest = contact.history.first()
    assert latest.history_user == officer and latest.history_change_reason == "contact kept by the DPD"


@pytest.mark.django_db
def test_provinces_without_their_own_dpd_contact_stay_served_by_the_dpp(client, jabar):
    services.update_dpd_contact(
        actor=make_staff(Role.DPD_OFFICER, province=jabar), contact=DpdContact.objects.get(province=jabar), changes=OWN
    )

    jatim = DpdContact.objects.get(province__code="35")
    assert jatim.is_national_office
    html = client.get("/kontak-dpd/").content.decode()
    assert html.count("DPD IPSPI Jawa Barat") == 1
    assert html.lower().count("(dilayani dpp)") + html.count("(served by the DPP)") == DpdContact.objects.count() - 1


@pytest.mark.django_db
def test_a_dpd_officer_cannot_change_another_provinces_contact(jabar):
    officer = make_staff(Role.DPD_OFFICER, province=Province.objects.get(code="35"))
    contact = DpdContact.objects.get(province=jabar)

    with pytest.raises(NotAllowed):
        services.update_dpd_contact(actor=officer, contact=contact, changes=OWN)

    contact.refresh_from_db()
    assert contact.is_national_office and not contact.history.exists()


@pytest.mark.django_db
def test_the_dpd_list_shows_only_the_officers_own_province(client, jabar):
    sign_in_with_second_factor(client, make_staff(Role.DPD_OFFICER, province=jabar))

    html = client.get("/kontak-dpd/kelola/").content.decode()

    assert "Jawa Barat" in html and "Jawa Timur" not in html


@pytest.mark.django_db
def test_a_contact_without_phone_or_e_mail_is_refused_and_nothing_changes(client, jabar):
    sign_in_with_second_factor(client, make_staff(Role.DPD_OFFICER, province=jabar))
    contact = DpdContact.objects.get(province=jabar)

    response = client.post(f"/kontak-dpd/kelola/{contact.pk}/", {**OWN, "phone": "", "email": ""})

    assert response.status_code == 200
    assert "telepon" in response.content.decode() or "phone" in response.content.decode()
    contact.refresh_from_db()
    assert contact.is_national_office


@pytest.mark.django_db
def test_the_dpp_edits_a_provinces_contact_without_making_it_a_dpd_contact(jabar):
    contact = services.update_dpd_contact(
        actor=make_staff(Role.DPP_OFFICER), contact=DpdContact.objects.get(province=jabar), changes={"phone": "021-555"}
    )

    assert contact.is_national_office and contact.phone == "021-555"


@pytest.mark.django_db
def test_fields_outside_the_contact_cannot_be_changed_through_the_service(jabar):
    contact = DpdContact.objects.get(province=jabar)

    with pytest.raises(DomainError):
        services.update_dpd_contact(actor=make_staff(Role.DPP_OFFICER), contact=contact, changes={"province_id": 1})

    contact.refresh_from_db()
    assert contact.province == jabar
