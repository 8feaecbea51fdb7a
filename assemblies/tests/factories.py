import datetime

from django.core.files.base import ContentFile
from django.db import transaction

from assemblies import services
from assemblies.models import Assembly
from core import numbering
from core.dates import register_day
from registry.models import DuesInvoice, FeeSchedule, ImportBatch, Member, member_number, member_number_series
from registry.tests.factories import PersonFactory, province


def member(*, province_code="32", category="biasa", status="active", joined_on=datetime.date(2020, 1, 1), **person) -> Member:
    """A member of the register; `user=None` for a record without an account. The number comes
    from the register's own series, so it never meets a number another factory gave out."""
    with transaction.atomic():
        serial = numbering.allocate(member_number_series(province_code, joined_on.year))
    return Member.objects.create(
        person=PersonFactory(province=province(province_code), **person),
        number=member_number(province_code, joined_on.year, serial),
        category=category,
        province=province(province_code),
        status=status,
        joined_on=joined_on,
    )


def invoice(member: Member, *, year=2025, grace_until=datetime.date(2025, 6, 30), status="open") -> DuesInvoice:
    fee = FeeSchedule.objects.filter(category=member.category).first()
    return DuesInvoice.objects.create(
        member=member,
        year=year,
        fee_schedule=fee,
        amount=fee.amount,
        due_on=datetime.date(year, 3, 31),
        grace_until=grace_until,
        status=status,
    )


def upcoming(actor, *, kind="kongres", province_code=None, name="Kongres V IPSPI", deadline_days=20) -> Assembly:
    today = register_day()
    return services.create_assembly(
        actor=actor,
        kind=kind,
        name=name,
        province=province(province_code) if province_code else None,
        starts_on=today + datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=31),
        place="Jakarta",
        roll_cutoff=today,
        correction_deadline=today + datetime.timedelta(days=deadline_days),
    )


def kongres_batch(source: str, uploader, *, kind="kongres") -> ImportBatch:
    """The upload record a confirmed legacy import leaves (registry.services.confirm_import)."""
    batch = ImportBatch(
        source=source,
        uploaded_by=uploader,
        status=ImportBatch.Status.IMPORTED,
        preview_report={"source_kind": kind},
        report={"source_kind": kind},
    )
    batch.file.save("daftar.csv", ContentFile(b"nama_lengkap\n"), save=False)
    batch.save()
    return batch
