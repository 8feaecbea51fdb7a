import datetime

from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.roles import Role
from accounts.tests.factories import make_staff
from ethics import services
from registry.models import Member
from registry.tests.factories import complete_person, pdf_bytes, submitted_application


def pdf(name="bukti.pdf"):
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def council():
    return make_staff(Role.ETHICS_COUNCIL)


def member_with_card(name="Siti Rahmawati") -> Member:
    """A member verified by the DPD of Jawa Barat, holding a valid member card credential."""
    from registry import services as registry

    application = submitted_application(complete_person(full_name=name))
    dpd = make_staff(Role.DPD_OFFICER, province=application.province)
    member = registry.verify_application(actor=dpd, application=application, version=application.version)
    return Member.objects.select_related("credential", "person__user").get(pk=member.pk)


def lodged(member: Member | None = None, *, actor=None, evidence=None):
    return services.lodge_complaint(
        actor=actor or AnonymousUser(),
        complainant_name="Budi Santoso",
        complainant_contact="budi@example.com",
        respondent_given=member.number if member else "Siti",
        account="Catatan kasus klien (anak, 12 tahun) dibagikan di media sosial.",
        evidence=evidence,
    )


def examined(member: Member, by, **kwargs):
    complaint, _token = lodged(member, **kwargs)
    return services.start_examination(actor=by, complaint=complaint, version=complaint.version, member_number=member.number)


def heard(member: Member, by, **kwargs):
    complaint = examined(member, by, **kwargs)
    services.record_hearing(
        actor=by,
        complaint=complaint,
        version=complaint.version,
        held_on=datetime.date.today(),
        summary="Anggota mengakui dan menyesal.",
        attachment=pdf("berita-acara.pdf"),
    )
    complaint.refresh_from_db()
    return complaint


def decided(member: Member, by, outcome: str, *, suspension_until=None, today=None, **kwargs):
    complaint = heard(member, by, **kwargs)
    return services.decide(
        actor=by,
        complaint=complaint,
        version=complaint.version,
        outcome=outcome,
        reason="Terbukti melanggar kerahasiaan klien.",
        suspension_until=suspension_until,
        today=today,
    )
