"""Demo: Kongres III IPSPI (Jakarta, February 2010), recorded afterwards with its roll taken from
the imported congress list "Kongres IPSPI 2010", and an upcoming Kongres whose roll is frozen from
the register (Siti Rahmawati and the other demo members on it). Idempotent."""

import datetime

from django.core.files.base import ContentFile

from accounts.models import User
from core.dates import register_day
from registry.models import ImportBatch

from . import services
from .models import Assembly, Kind

KONGRES_2010_LIST = "Kongres IPSPI 2010"


def _kongres_list(dpp) -> ImportBatch:
    batch = ImportBatch.objects.filter(source=KONGRES_2010_LIST, status=ImportBatch.Status.IMPORTED).first()
    if batch is None:
        # The registry demo puts the list's records in place without an upload; this is the
        # upload they would have come from.
        batch = ImportBatch(
            source=KONGRES_2010_LIST,
            original_name="peserta-kongres-2010.csv",
            uploaded_by=dpp,
            status=ImportBatch.Status.IMPORTED,
            preview_report={"source_kind": "kongres"},
            report={"source_kind": "kongres"},
            imported_by=dpp,
        )
        batch.file.save("peserta-kongres-2010.csv", ContentFile(b"nama_lengkap\n"), save=False)
        batch.save()
    return batch


def seed() -> list[tuple[str, str]]:
    dpp = User.objects.filter(email="dpp@peksos.demo").first()
    if dpp is None:
        return []
    if not Assembly.objects.filter(name="Kongres III IPSPI").exists():
        past = services.create_assembly(
            actor=dpp,
            kind=Kind.KONGRES,
            name="Kongres III IPSPI",
            starts_on=datetime.date(2010, 2, 18),
            ends_on=datetime.date(2010, 2, 20),
            place="Jakarta",
            agenda="Laporan pertanggungjawaban pengurus 1998–2010; Kode Etik Pekerja Sosial (Kodepeksos); pemilihan Ketua Umum.",
            recorded_afterwards=True,
        )
        services.roll_from_import(actor=dpp, assembly=past, batch=_kongres_list(dpp), attended=True)
        services.publish_minutes(
            actor=dpp,
            assembly=past,
            minutes="Kongres III IPSPI dilaksanakan di Jakarta, 18–20 Februari 2010.",
            decisions="1. Kode Etik Profesi Pekerja Sosial (Kodepeksos) ditetapkan pada 20 Februari 2010.\n"
            "2. Drs. Tata Sudrajat terpilih sebagai Ketua Umum periode 2010–2013.",
        )
    if not Assembly.objects.filter(name="Kongres V IPSPI").exists():
        today = register_day()
        upcoming = services.create_assembly(
            actor=dpp,
            kind=Kind.KONGRES,
            name="Kongres V IPSPI",
            starts_on=today + datetime.timedelta(days=60),
            ends_on=today + datetime.timedelta(days=62),
            place="Jakarta",
            agenda="Laporan pertanggungjawaban DPP; perubahan Anggaran Dasar; pemilihan Ketua Umum.",
            roll_cutoff=today,
            correction_deadline=today + datetime.timedelta(days=30),
        )
        services.freeze_roll(dpp, upcoming)
        services.send_invitations(actor=dpp, assembly=upcoming)
    return []
