import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import sign_in_with_second_factor
from certification import services
from certification.models import CompetencyAssessor
from certification.tests.factories import SchemeFactory, assessor_for, candidate, lsp_officer
from core.errors import DomainError, NotAllowed
from registry.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lsp():
    return SchemeFactory().lsp


def test_an_officer_registers_a_certified_person_as_assessor_and_the_role_follows(lsp):
    officer = lsp_officer(lsp)
    existing = assessor_for(lsp)  # holds a certificate; register a second post for a new person
    person = existing.person
    existing.delete()
    assessor = services.register_assessor(
        actor=officer, lsp=lsp, email=person.user.email, registration_number="MET.1", employer="Poltekesos"
    )
    assert assessor.person == person and assessor.user.holds(Role.COMPETENCY_ASSESSOR)


def test_a_person_without_their_own_valid_certificate_cannot_be_registered(lsp):
    officer = lsp_officer(lsp)
    person = PersonFactory()
    with pytest.raises(DomainError, match="sertifikat kompetensi"):
        services.register_assessor(actor=officer, lsp=lsp, email=person.user.email, registration_number="MET.2", employer="X")
    with pytest.raises(DomainError, match="Tidak ada akun"):
        services.register_assessor(actor=officer, lsp=lsp, email="nobody@example.id", registration_number="MET.2", employer="X")
    assert not CompetencyAssessor.objects.exists()


def test_another_lsps_officer_cannot_register_assessors_here(lsp):
    stranger = lsp_officer(SchemeFactory().lsp)
    with pytest.raises(NotAllowed):
        services.register_assessor(actor=stranger, lsp=lsp, email="x@example.id", registration_number="MET.3", employer="X")


def test_an_assessor_declares_a_relative_by_member_number_and_is_then_refused_for_them(client, lsp):
    assessor = assessor_for(lsp)
    relative = candidate()
    sign_in_with_second_factor(client, assessor.user)
    response = client.post(reverse("certification:assignment_list"), {"member_number": relative.member.number})
    assert response.status_code == 302
    assert relative in assessor.declared_relatives.all()
    response = client.post(reverse("certification:assignment_list"), {"member_number": "IPSPI.99.2000.00000"})
    assert "Tidak ada anggota" in response.content.decode()


def test_the_assessor_page_lists_assessors_and_registers_through_the_form(client, lsp):
    officer = lsp_officer(lsp)
    existing = assessor_for(lsp)
    sign_in_with_second_factor(client, officer)
    page = client.get(reverse("certification:assessor_list")).content.decode()
    assert existing.person.full_name in page
    response = client.post(
        reverse("certification:assessor_list"),
        {"action": "register", "lsp": lsp.pk, "email": "nobody@example.id", "registration_number": "M", "employer": "E"},
    )
    assert response.status_code == 200 and "Tidak ada akun" in response.content.decode()
