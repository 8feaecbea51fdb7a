import pytest

from accounts.roles import Role
from certification import demo
from certification.models import LSP, Certificate, CompetencyAssessor, Scheme

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_lsps_schemes_officer_and_qualified_assessors_and_is_idempotent():
    logins = demo.seed()
    demo.seed()
    assert {email for _role, email in logins} == {"lsp@peksos.demo", "asesor1@peksos.demo", "asesor2@peksos.demo"}
    lsps = LSP.objects.get(code="LSPS")
    assert LSP.objects.get(code="LSPKEMENSOS").bnsp_licence == "KEP.0594/BNSP/III/2021"
    assert Scheme.objects.get(lsp=lsps, code="PSG-UMUM").units.count() == 5
    assert CompetencyAssessor.objects.filter(lsp=lsps).count() == 2
    for assessor in CompetencyAssessor.objects.all():
        assert Certificate.objects.valid_for(assessor.person, practice_field="umum").count() == 1
        assert assessor.user.holds(Role.COMPETENCY_ASSESSOR)
    anak = Scheme.objects.get(code="PSS-ANAK")
    from certification.services import qualification_problems

    assert [a.user.email for a in CompetencyAssessor.objects.all() if not qualification_problems(a, anak)] == [
        "asesor1@peksos.demo"
    ]
    assert any("unsur praktisi" in w for w in lsps.composition_warnings())


def test_the_demo_gives_siti_a_valid_certificate_when_the_registry_demo_created_her():
    from registry.tests.factories import PersonFactory

    siti = PersonFactory(full_name="Siti Rahmawati", user__email="siti@peksos.demo")
    demo.seed()
    demo.seed()
    certificate = Certificate.objects.valid_for(siti).get()
    assert certificate.credential.status == "valid" and certificate.lsp.code == "LSPS"
