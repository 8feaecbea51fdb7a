import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from certification.models import Certificate, EligibilityRuleSet
from certification.tests.factories import SchemeFactory
from credentials.models import Credential
from credentials.services import issue_credential
from registry.tests.factories import PersonFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def pdf(name="surat-sehat.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def certified_person(
    *, issued_on=datetime.date(2025, 1, 10), valid_until=datetime.date(2028, 1, 9), lsp=None, name="Siti Rahmawati"
):
    """A person with a valid competency certificate (and its credential) from an LSP."""
    person = PersonFactory(full_name=name)
    scheme = SchemeFactory(**({"lsp": lsp} if lsp else {}))
    certificate = Certificate.objects.create(
        number=f"{scheme.lsp.code}.PSG.{issued_on.year}.{person.pk:05d}",
        person=person,
        lsp=scheme.lsp,
        scheme=scheme,
        level=scheme.level,
        practice_field=scheme.practice_field,
        issued_on=issued_on,
        valid_until=valid_until,
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
        valid_from=issued_on,
        valid_until=valid_until,
    )
    certificate.save(update_fields=["credential"])
    return person, certificate
