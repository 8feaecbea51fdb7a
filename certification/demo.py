"""Demo data for certification: LSPS (with its board) and LSP Kemensos, schemes with units, an
assessment event, an LSP officer, two assessors with their own certificates, and a valid
certificate for the registry's demo member Siti Rahmawati when the registry demo created her.
Idempotent."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy

from accounts.demo import demo_user, grant
from accounts.models import User
from accounts.roles import Role
from core import numbering
from core.dates import add_years
from credentials.models import Credential
from credentials.services import issue_credential, mark_renewed

from .models import (
    LSP,
    AssessmentEvent,
    Certificate,
    CompetencyAssessor,
    CompetencyUnit,
    Constituency,
    DocumentKind,
    EligibilityRuleSet,
    Level,
    LspSeat,
    PracticeField,
    Scheme,
    SchemeDocument,
    certificate_number,
    certificate_series,
)

LSPS_BOARD = [
    (Constituency.PROFESSIONAL_ASSOCIATION, "Dr. Tata Sudrajat", "IPSPI"),
    (Constituency.PROFESSIONAL_ASSOCIATION, "Dra. Ni Luh Putu Ayu", "IPSPI"),
    (Constituency.PROFESSIONAL_ASSOCIATION, "Bambang Hermawan, M.Si", "IPSPI"),
    (Constituency.PROFESSIONAL_ASSOCIATION, "Rina Kusumawati, M.Kesos", "IPSPI"),
    (Constituency.EDUCATION_ASSOCIATION, "Prof. Dr. Adi Fahrudin", "IPPSI"),
    (Constituency.EDUCATION_ASSOCIATION, "Dr. Dwi Heru Sukoco", "IPPSI"),
    (Constituency.EDUCATION_ASSOCIATION, "Dr. Sri Mulyani", "ASPEKSI"),
    (Constituency.LKS_ASSOCIATION, "Hendra Gunawan", "FORKOMKASI"),
    (Constituency.LKS_ASSOCIATION, "Maria Ulfah", "Forum LKS"),
    (Constituency.COORDINATING_BODY, "Drs. Saut Sitompul", "DNIKS"),
    (Constituency.MINISTRY, "Dr. Harry Hikmat", "Kementerian Sosial"),
]

GENERALIS_UNITS = [
    ("PKS.GEN.01", "Membangun relasi pertolongan dengan klien"),
    ("PKS.GEN.02", "Melakukan asesmen kebutuhan dan masalah klien"),
    ("PKS.GEN.03", "Menyusun rencana intervensi"),
    ("PKS.GEN.04", "Melaksanakan intervensi dan rujukan"),
    ("PKS.GEN.05", "Melakukan evaluasi dan terminasi"),
]
ANAK_UNITS = [
    ("PKS.ANK.01", "Melakukan asesmen anak yang memerlukan perlindungan khusus"),
    ("PKS.ANK.02", "Menyusun laporan sosial bagi anak (SPPA)"),
    ("PKS.ANK.03", "Melaksanakan manajemen kasus anak"),
    ("PKS.ANK.04", "Melakukan pendampingan keluarga pengasuh"),
]
DOCUMENTS = [DocumentKind.WORK_LETTER, DocumentKind.TRAINING, DocumentKind.RECOMMENDATION]


def _scheme(lsp, code, title, level, field, units):
    scheme, _created = Scheme.objects.get_or_create(
        lsp=lsp, code=code, defaults={"title": title, "level": level, "practice_field": field}
    )
    for order, (unit_code, unit_title) in enumerate(units, start=1):
        CompetencyUnit.objects.get_or_create(scheme=scheme, code=unit_code, defaults={"title": unit_title, "order": order})
    for kind in DOCUMENTS:
        SchemeDocument.objects.get_or_create(scheme=scheme, kind=kind)
    return scheme


def _certificate(person, scheme, issued_on, actor=None, renewed_from: Certificate | None = None) -> Certificate:
    """A certificate recorded without an application (issued before Peksos), with its credential;
    with `renewed_from`, the renewal that continues that one from the day after it ends."""
    existing = Certificate.objects.filter(person=person, scheme=scheme, renewed_from=renewed_from).first()
    if existing:
        return existing
    rule_set = EligibilityRuleSet.objects.in_force(issued_on).filter(purpose="certification").order_by("order").first()
    lsp = scheme.lsp
    with transaction.atomic():
        serial = numbering.allocate(certificate_series(lsp.code, issued_on.year))
        certificate = Certificate.objects.create(
            number=certificate_number(lsp.code, scheme.level, issued_on.year, serial),
            person=person,
            lsp=lsp,
            scheme=scheme,
            level=scheme.level,
            practice_field=scheme.practice_field,
            rule_set=rule_set,
            issued_on=issued_on,
            valid_until=rule_set.certificate_valid_until(issued_on) if rule_set else None,
            renewed_from=renewed_from,
        )
        certificate.credential = issue_credential(
            actor=actor,
            kind=Credential.Kind.CERTIFICATE,
            subject=certificate,
            holder=person,
            number=certificate.number,
            holder_name=person.full_name,
            issuer_name=lsp.name,
            valid_from=issued_on,
            valid_until=certificate.valid_until,
            claims={
                "scheme": scheme.title,
                "level": scheme.get_level_display(),
                "practice_field": scheme.get_practice_field_display(),
                "certifier": lsp.name,
            },
        )
        certificate.save(update_fields=["credential"])
        if renewed_from is not None and renewed_from.credential is not None:
            mark_renewed(actor=actor, credential=renewed_from.credential, successor=certificate.credential)
    pk = certificate.pk

    def render():
        from .tasks import render_certificate_pdf

        try:
            render_certificate_pdf.enqueue(pk)
        except Exception:  # noqa: S110 - the demo stands without the PDF; run_scheduled re-queues it
            pass

    transaction.on_commit(render)
    return certificate


def _assessor(lsp, email, name, employer, registration, *schemes):
    from registry.models import Person

    user = demo_user(email, name, with_totp=True)
    grant(user, Role.COMPETENCY_ASSESSOR, organisation=lsp)
    person = Person.objects.filter(user=user).first() or Person.objects.create(user=user, full_name=name, email=email)
    assessor, _created = CompetencyAssessor.objects.get_or_create(
        lsp=lsp,
        user=user,
        defaults={
            "person": person,
            "registration_number": registration,
            "employer": employer,
            "registration_valid_until": datetime.date(timezone.localdate().year + 3, 12, 31),
        },
    )
    today = timezone.localdate()
    for scheme in schemes:  # their own valid certificates: an assessor assesses only in a field they hold
        _certificate(person, scheme, today.replace(year=today.year - 1, month=1, day=15))
    return assessor


def seed() -> list[tuple[str, str]]:
    today = timezone.localdate()
    lsps, _created = LSP.objects.get_or_create(
        code="LSPS",
        defaults={
            "name": "Lembaga Sertifikasi Pekerjaan Sosial (LSPS)",
            "email": "sekretariat@lsps.demo",
            "address": "Jl. Salemba Raya 28, Jakarta Pusat",
        },
    )
    kemensos, _created = LSP.objects.get_or_create(
        code="LSPKEMENSOS",
        defaults={
            "name": "LSP Kementerian Sosial RI",
            "bnsp_licence": "KEP.0594/BNSP/III/2021",
            "bnsp_licence_date": datetime.date(2021, 3, 28),
        },
    )
    from core.letterheads import seed_demo

    seed_demo(
        f"lsp:{lsps.pk}",
        name=lsps.name,
        parent_name="Lisensi BNSP",
        address="Jl. Salemba Raya 28, Jakarta Pusat 10430",
        contact="sekretariat@lsps.demo",
        place="Jakarta",
        initials="LSPS",
        colour="#7a3e00",
        signatory=("Dra. Sri Handayani, M.Si.", "Ketua LSPS", ""),
        since=datetime.date(2021, 1, 1),
    )
    seed_demo(
        f"lsp:{kemensos.pk}",
        name=kemensos.name,
        parent_name="Kementerian Sosial Republik Indonesia",
        address="Jl. Salemba Raya 28, Jakarta Pusat 10430",
        contact="lsp@kemensos.demo",
        place="Jakarta",
        initials="LSP",
        colour="#1f4e79",
        signatory=("Drs. Bambang Setiawan, M.Si.", "Ketua LSP Kementerian Sosial", "NIP 196805121994031002"),
        since=datetime.date(2021, 3, 28),
    )
    # The LSPS board as appointed under Permensos 108/HUK/2009 (4/3/2/1/1); the practitioner
    # seat that Permensos 15/2020 adds is still vacant, so the staff page shows the warning.
    for constituency, name, nominated_by in LSPS_BOARD:
        LspSeat.objects.get_or_create(
            lsp=lsps,
            member_name=name,
            defaults={
                "constituency": constituency,
                "nominated_by": nominated_by,
                "term_start": datetime.date(today.year - 1, 1, 1),
                "term_end": datetime.date(today.year + 3, 12, 31),
            },
        )
    generalis = _scheme(lsps, "PSG-UMUM", "Pekerja Sosial Generalis", Level.GENERALIS, PracticeField.UMUM, GENERALIS_UNITS)
    anak = _scheme(lsps, "PSS-ANAK", "Pekerja Sosial Spesialis Anak", Level.SPESIALIS, PracticeField.ANAK, ANAK_UNITS)
    _scheme(kemensos, "APS-UMUM", "Asisten Pekerja Sosial", Level.ASISTEN, PracticeField.UMUM, GENERALIS_UNITS[:3])
    if not AssessmentEvent.objects.filter(lsp=lsps, held_on__gte=today).exists():
        AssessmentEvent.objects.create(
            lsp=lsps,
            scheme=generalis,
            held_on=today + datetime.timedelta(days=30),
            mode=AssessmentEvent.Mode.TUK,
            place="TUK Politeknik Kesejahteraan Sosial Bandung",
            capacity=30,
        )
        AssessmentEvent.objects.create(
            lsp=lsps,
            held_on=today + datetime.timedelta(days=45),
            mode=AssessmentEvent.Mode.ONLINE,
            place="Uji kompetensi daring (CBT)",
            capacity=100,
        )

    officer = demo_user("lsp@peksos.demo", "Maria Simanjuntak", with_totp=True)
    grant(officer, Role.LSP_OFFICER, organisation=lsps)
    _assessor(
        lsps,
        "asesor1@peksos.demo",
        "Asesor Satu Wibowo",
        "Politeknik Kesejahteraan Sosial Bandung",
        "MET.000.001.2024",
        generalis,
        anak,
    )
    _assessor(lsps, "asesor2@peksos.demo", "Asesor Dua Lestari", "Universitas Indonesia", "MET.000.002.2024", generalis)

    logins = [
        (format_lazy("{} (LSPS)", Role.LSP_OFFICER.label), officer.email),
        (format_lazy("{} 1", Role.COMPETENCY_ASSESSOR.label), "asesor1@peksos.demo"),
        (format_lazy("{} 2", Role.COMPETENCY_ASSESSOR.label), "asesor2@peksos.demo"),
    ]
    siti = User.objects.filter(email="siti@peksos.demo").first()
    person = getattr(siti, "person", None) if siti else None
    if person is not None:
        _certificate(person, generalis, today.replace(year=today.year - 1, month=6, day=1))
    # Dewi Lestari (registry demo): certified almost five years ago, which her STR (licensing
    # demo) rests on and which now ends soon; the certificate itself ran its three years and was
    # renewed, so she holds a valid one today.
    dewi = User.objects.filter(email="dewi@peksos.demo").first()
    if getattr(dewi, "person", None) is not None:
        first = _certificate(dewi.person, generalis, add_years(today, -5) + datetime.timedelta(days=15))
        if first.valid_until is not None and first.valid_until < today:
            _certificate(dewi.person, generalis, first.valid_until + datetime.timedelta(days=1), renewed_from=first)
    return logins
