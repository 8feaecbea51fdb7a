import datetime
import os

import pytest

from accounts import services as data_rights
from accounts.roles import Role
from accounts.tests.factories import make_staff
from certification import services
from certification.models import ApplicationEvidence, Certificate, CertificationApplication, DocumentKind, EligibilityRuleSet
from certification.tests.factories import SchemeFactory, candidate, pdf_upload
from credentials.models import Credential
from credentials.services import issue_credential

pytestmark = pytest.mark.django_db


def test_erasure_deletes_the_evidence_files_and_portfolio_everywhere_and_keeps_the_certificate_verifiable(client):
    scheme = SchemeFactory(units=3)
    person = candidate(employer="Yayasan Sayap Ibu Jakarta")
    application = services.start_application(actor=person.user, scheme=scheme)
    for kind in (DocumentKind.WORK_LETTER, DocumentKind.TRAINING, DocumentKind.RECOMMENDATION):
        services.add_evidence(
            actor=person.user, application=application, kind=kind, file=pdf_upload(), title="Surat kerja Yayasan Sayap Ibu"
        )
    application = services.submit_application(actor=person.user, application=application)
    certificate = Certificate.objects.create(
        number=f"{scheme.lsp.code}.PSG.2025.00001",
        person=person,
        lsp=scheme.lsp,
        scheme=scheme,
        level=scheme.level,
        practice_field=scheme.practice_field,
        issued_on=datetime.date(2025, 1, 10),
        valid_until=datetime.date(2030, 1, 9),
        rule_set=EligibilityRuleSet.objects.first(),
    )
    certificate.credential = issue_credential(
        actor=None,
        kind=Credential.Kind.CERTIFICATE,
        subject=certificate,
        holder=person,
        number=certificate.number,
        holder_name=person.full_name,
        issuer_name=scheme.lsp.name,
        valid_from=certificate.issued_on,
        valid_until=certificate.valid_until,
    )
    certificate.save(update_fields=["credential"])
    evidence = list(ApplicationEvidence.objects.filter(application=application))
    paths, names = [e.file.path for e in evidence], [e.file.name for e in evidence]
    assert len(paths) == 3 and all(os.path.exists(p) for p in paths)

    data_rights.erase_person(actor=make_staff(Role.DATA_PROTECTION_OFFICER), user=person.user)

    assert not any(os.path.exists(p) for p in paths)
    history = repr(list(ApplicationEvidence.history.filter(application_id=application.pk).values()))
    assert not any(name in history for name in names) and "Sayap Ibu" not in history
    assert "Sayap Ibu" not in repr(list(CertificationApplication.history.filter(id=application.pk).values()))
    assert CertificationApplication.objects.get(pk=application.pk).status == application.status
    credential = Credential.objects.get(pk=certificate.credential_id)
    assert credential.current_status() == "valid"
    page = client.get(credential.verification_url).content.decode()
    assert certificate.number in page and person.nik not in page
