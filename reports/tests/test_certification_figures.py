import datetime

import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import make_staff, sign_in_with_second_factor
from certification.models import CertificationApplication
from certification.tests.factories import LSPFactory, SchemeFactory, candidate
from reports import queries

pytestmark = pytest.mark.django_db


def outcome(scheme, status):
    person = candidate(documents=False)
    return CertificationApplication.objects.create(person=person, member=person.member, scheme=scheme, status=status)


def test_an_lsp_sees_pass_rates_of_its_own_schemes_only(client):
    ours, theirs = LSPFactory(code="LSPS", name="LSP Pekerjaan Sosial"), LSPFactory(code="LSPK", name="LSP Kemensos")
    scheme, other = SchemeFactory(lsp=ours), SchemeFactory(lsp=theirs)
    for status in ("competent", "competent", "competent", "not_yet_competent"):
        outcome(scheme, status)
    outcome(other, "competent")
    officer = make_staff(Role.LSP_OFFICER, organisation=ours)
    scope = queries.scope_of(officer)
    assert scope.sections == ("certifications",)
    [row] = queries.certifications_by_scheme(scope).rows
    assert row[1:] == [3, 1, 75.0] and scheme.code in row[0]
    ministry = queries.scope_of(make_staff(Role.MINISTRY_OFFICER))
    assert len(queries.certifications_by_scheme(ministry).rows) == 2

    sign_in_with_second_factor(client, officer)
    response = client.get(reverse("reports:certification_report"), {"dari": "2026-01-01", "sampai": "2025-01-01"})
    assert response.status_code == 400
    response = client.get(
        reverse("reports:certification_report"), {"dari": "2020-01-01", "sampai": datetime.date.today().isoformat()}
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
