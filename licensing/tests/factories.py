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


def ready_to_renew_str(person, str_record):
    """What the STR's renewal checklist asks of `person` besides the application itself: an
    active IPSPI membership with the dues paid and the CPD credits of the STR's period accepted
    (an accredited provider's attendance list)."""
    from decimal import Decimal

    from accounts.roles import Role
    from accounts.tests.factories import make_staff
    from regions.models import Province
    from registry import services as registry
    from registry.models import CpdActivity, CpdRequirement
    from registry.tests.factories import submitted_application

    dpd = make_staff(Role.DPD_OFFICER, province=Province.objects.get(code="32"))
    application = submitted_application(person, province_code="32")
    member = registry.verify_application(actor=dpd, application=application, version=application.version)
    for invoice in member.invoices.filter(status="open"):
        registry.record_payment(actor=dpd, invoice=invoice, amount=invoice.outstanding(), paid_on=str_record.valid_from)
    required = CpdRequirement.objects.in_force(str_record.valid_until).get().credits_required
    CpdActivity.objects.create(
        person=person,
        title="Pelatihan supervisi pekerjaan sosial",
        category="training",
        held_on=str_record.valid_from,
        hours=Decimal(required),
        source=CpdActivity.Source.ATTENDANCE,
        status=CpdActivity.Status.ACCEPTED,
    )
    return member
