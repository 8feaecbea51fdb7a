import datetime

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import make_staff
from certification.models import (
    LSP,
    AssessmentEvent,
    Certificate,
    CompetencyAssessor,
    CompetencyUnit,
    DocumentKind,
    EligibilityRuleSet,
    Level,
    PracticeField,
    Scheme,
    SchemeDocument,
)
from registry.models import Member
from registry.tests.factories import EducationFactory, ExperienceFactory, PersonFactory, TrainingFactory, pdf_bytes, province

_serial = iter(range(1, 100_000))


def pdf_upload(name="bukti.pdf"):
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


class LSPFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LSP
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"LSP{n}")
    name = factory.LazyAttribute(lambda o: f"Lembaga Sertifikasi {o.code}")


class SchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scheme

    lsp = factory.SubFactory(LSPFactory)
    code = factory.Sequence(lambda n: f"SKM-{n:03d}")
    title = "Pekerja Sosial Generalis"
    level = Level.GENERALIS
    practice_field = PracticeField.UMUM

    @factory.post_generation
    def units(obj, create, extracted, **kwargs):
        if create:
            for i in range(1, (extracted if extracted is not None else 3) + 1):
                CompetencyUnit.objects.create(scheme=obj, code=f"PKS.{i:02d}", title=f"Unit kompetensi {i}", order=i)
            SchemeDocument.objects.create(scheme=obj, kind=DocumentKind.WORK_LETTER)
            SchemeDocument.objects.create(scheme=obj, kind=DocumentKind.TRAINING)
            SchemeDocument.objects.create(scheme=obj, kind=DocumentKind.RECOMMENDATION)


def member_for(person, number=None) -> Member:
    return Member.objects.create(
        person=person,
        number=number or f"IPSPI.32.2020.{next(_serial):05d}",
        category="biasa",
        province=province("32"),
        joined_on=datetime.date(2020, 1, 1),
    )


def candidate(
    *, years=3, training_hours=64, field="kesejahteraan_sosial", level="S1", employer="Dinas Sosial Kota Bandung", documents=True
):
    """A registry member with an S1 Kesejahteraan Sosial, `years` of dated experience ending
    today and training hours; documents attached to each record when `documents`."""
    person = PersonFactory()
    today = timezone.localdate()
    EducationFactory(
        person=person, level=level, study_field=field, graduation_year=2012, diploma=pdf_upload("ijazah.pdf") if documents else ""
    )
    ExperienceFactory(
        person=person,
        employer=employer,
        started_on=today.replace(year=today.year - years) + datetime.timedelta(days=1) if years else today,
        ended_on=None if years else today,
        evidence=pdf_upload("surat.pdf") if documents else "",
    )
    if training_hours:
        TrainingFactory(
            person=person,
            hours=training_hours,
            held_on=datetime.date(2019, 3, 4),
            certificate=pdf_upload("sertifikat.pdf") if documents else "",
        )
    member_for(person)
    return person


def lsp_officer(lsp):
    return make_staff(Role.LSP_OFFICER, organisation=lsp)


def assessor_for(
    lsp, *, employer="Universitas Padjadjaran", field=PracticeField.UMUM, with_certificate=True
) -> CompetencyAssessor:
    user = make_staff(Role.COMPETENCY_ASSESSOR, organisation=lsp)
    person = PersonFactory(user=user)
    assessor = CompetencyAssessor.objects.create(
        lsp=lsp,
        user=user,
        person=person,
        registration_number=f"MET.{next(_serial):06d}",
        employer=employer,
    )
    if with_certificate:
        scheme = lsp.schemes.first() or SchemeFactory(lsp=lsp)
        Certificate.objects.create(
            number=f"{lsp.code}.PSG.2015.{next(_serial):05d}",
            person=person,
            lsp=lsp,
            scheme=scheme,
            level=Level.GENERALIS,
            practice_field=field,
            issued_on=datetime.date(2015, 1, 1),
            valid_until=None,
            rule_set=EligibilityRuleSet.objects.get(code="permensos-108-huk-2009"),
        )
    return assessor


def event_for(lsp, *, capacity=10, days_ahead=0, scheme=None):
    """An assessment event; by default held today, so that results can be recorded at once
    (results are refused before the examination date)."""
    return AssessmentEvent.objects.create(
        lsp=lsp,
        scheme=scheme,
        held_on=timezone.localdate() + datetime.timedelta(days=days_ahead),
        place="TUK Poltekesos Bandung",
        capacity=capacity,
    )


def submitted_application(scheme, person=None):
    """A candidate's application, documents attached and submitted through the services."""
    from certification import services

    person = person or candidate()
    application = services.start_application(actor=person.user, scheme=scheme)
    for kind in (DocumentKind.WORK_LETTER, DocumentKind.TRAINING, DocumentKind.RECOMMENDATION):
        services.add_evidence(actor=person.user, application=application, kind=kind, file=pdf_upload())
    return services.submit_application(actor=person.user, application=application)


def scheduled_application(scheme, officer, event, assessor=None):
    """Submitted, accepted, scheduled for `event` and (when `assessor` is given) assigned."""
    from certification import services

    application = submitted_application(scheme)
    services.accept_application(actor=officer, application=application)
    services.schedule_application(actor=officer, application=application, event=event)
    assessment = services.assign_assessor(actor=officer, application=application, assessor=assessor) if assessor else None
    application.refresh_from_db()
    return application, assessment


def ready_to_renew(certificate: Certificate, *, request: bool = True):
    """What the certificate's renewal checklist asks of its holder (the factories' member is
    active with no dues invoice open): the CPD credits of the certificate's period accepted (an
    attendance list) and, when `request`, a renewal request waiting with its portfolio."""
    from decimal import Decimal

    from certification.models import CertificateRenewalRequest
    from registry.models import CpdActivity, CpdRequirement

    required = CpdRequirement.objects.in_force(certificate.valid_until).get().credits_required
    CpdActivity.objects.create(
        person=certificate.person,
        title="Pelatihan supervisi pekerjaan sosial",
        category="training",
        held_on=certificate.issued_on,
        hours=Decimal(required),
        source=CpdActivity.Source.ATTENDANCE,
        status=CpdActivity.Status.ACCEPTED,
    )
    if not request:
        return None
    return CertificateRenewalRequest.objects.create(
        certificate=certificate, portfolio=pdf_upload("portofolio.pdf"), submitted_by=certificate.person.user
    )
