"""Demo: LKS Anak Harapan Bangsa (Kota Bandung) accredited B for 3 years through the real
workflow, a second LKS with a request waiting at the Dinas Sosial, and one login per role."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import format_lazy

from accounts.demo import demo_user, grant
from accounts.roles import Role
from regions.models import Regency

from . import services
from .models import LKS, BalksAssessor, Indicator, TargetGroup

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


# Each demo institution has its own legal-entity decree, permit and Dinas Sosial registration, as
# real ones do (demo values, not real registrations).
PAPERS = {
    "LKS Anak Harapan Bangsa": (
        "AHU-0012345.AH.01.04.2016",
        "Akta Notaris Nomor 12 Tahun 2016",
        "503/127/IO-LKS/Dinsos/2021",
        "3273/LKS/0456",
        "Jl. Cigadung Raya Barat No. 14, Bandung",
        45,
    ),
    "LKS Disabilitas Mandiri": (
        "AHU-0031872.AH.01.04.2018",
        "Akta Notaris Nomor 7 Tahun 2018",
        "460/088/Dinsos-Kab/2022",
        "3204/LKS/0132",
        "Jl. Raya Soreang No. 211, Kabupaten Bandung",
        30,
    ),
    "LKS Lansia Sejahtera": (
        "AHU-0047219.AH.01.04.2019",
        "Akta Notaris Nomor 21 Tahun 2019",
        "503/214/IO-LKS/Dinsos/2023",
        "3273/LKS/0789",
        "Jl. Terusan Jakarta No. 52, Bandung",
        60,
    ),
}


def _lks(name, regency, legal_entity, groups):
    ahu, deed, permit, registration, address, capacity = PAPERS[name]
    lks, created = LKS.objects.get_or_create(
        name=name,
        defaults={
            "regency": regency,
            "province": regency.province,
            "legal_entity": legal_entity,
            "ahu_number": ahu,
            "deed_number": deed,
            "operating_permit": permit,
            "dinsos_registration": registration,
            "residential": True,
            "capacity": capacity,
            "address": address,
            "services": "Pengasuhan, pendidikan, rehabilitasi sosial",
        },
    )
    if created:
        lks.target_groups.add(*TargetGroup.objects.filter(code__in=groups))
    return lks


def _assessor(email, name, regency_code):
    user = demo_user(email, name, with_totp=True)
    grant(user, Role.BALKS_ASSESSOR)
    regency = Regency.objects.get(code=regency_code)
    assessor, _ = BalksAssessor.objects.get_or_create(
        user=user,
        defaults={
            "name": name,
            "education": "S2",
            "trained": True,
            "years_experience": 8,
            "home_regency": regency,
            "work_regency": regency,
            "active_from": datetime.date(2020, 1, 1),
        },
    )
    return assessor


def _validated_application(*, operator, lks, dinsos, balks, assessors, self_score: int, scores, note: str):
    """Take an LKS from its own application to a result validated by BALKS, through the
    services, with both assessors scoring both phases; `scores(indicator)` gives each score."""
    application = services.start_application(actor=operator, lks=lks)
    application.request_letter.save("surat.pdf", ContentFile(PDF), save=False)
    application.evidence.save("formulir-b.pdf", ContentFile(PDF), save=False)
    application.save()
    indicators = list(Indicator.objects.filter(standard__instrument=services.instrument_on(timezone.localdate())))
    services.submit_application(
        actor=operator,
        application=application,
        version=application.version,
        self_assessment={str(i.pk): self_score for i in indicators},
    )
    services.recommend(actor=dinsos, application=application, version=application.version, note=note)
    services.accept(actor=balks, application=application, version=application.version)
    services.assign_assessors(actor=balks, application=application, version=application.version, assessors=assessors)
    values = {i.pk: scores(i) for i in indicators}
    for phase in ("desk", "visit"):
        for assessor in assessors:
            services.record_scores(actor=assessor.user, application=application, phase=phase, values=values)
    application.refresh_from_db()
    services.validate_result(actor=balks, application=application, version=application.version)
    return application


def seed() -> list[tuple[str, str]]:
    kota_bandung = Regency.objects.get(code="32.73")
    operator = demo_user("operator.lks@peksos.demo", "Lukman Hakim")
    dinsos = demo_user("dinsos.bandung@peksos.demo", "Asep Saepudin", with_totp=True)
    balks = demo_user("balks@peksos.demo", "Yuliana Hutapea", with_totp=True)
    ministry = demo_user("kemensos@peksos.demo", "Bambang Wicaksono", with_totp=True)
    grant(dinsos, Role.DINSOS_OFFICER, regency=kota_bandung)
    grant(balks, Role.BALKS_OFFICER)
    grant(ministry, Role.MINISTRY_OFFICER)
    from core.letterheads import seed_demo

    from .documents import BALKS, BALKS_NAME, BALKS_PARENT

    seed_demo(
        BALKS,
        name=BALKS_NAME,
        parent_name=BALKS_PARENT,
        address="Jl. Salemba Raya 28, Jakarta Pusat 10430",
        contact="balks@kemensos.demo",
        place="Jakarta",
        initials="BALKS",
        colour="#8a1c1c",
        signatory=("Prof. Dr. Lestari Wahyuningsih, M.Si.", "Ketua BALKS", "NIP 196502201990032001"),
        since=datetime.date(2024, 1, 1),
    )
    a1 = _assessor("asesor1.balks@peksos.demo", "Dr. Rahmat Hidayat", "31.71")
    a2 = _assessor("asesor2.balks@peksos.demo", "Dra. Wulan Sari, M.Si.", "33.74")

    lks = _lks("LKS Anak Harapan Bangsa", kota_bandung, "Yayasan Harapan Bangsa", ["anak"])
    grant(operator, Role.LKS_OPERATOR, organisation=lks)
    if not lks.accreditations.exists():
        application = _validated_application(
            operator=operator,
            lks=lks,
            dinsos=dinsos,
            balks=balks,
            assessors=[a1, a2],
            self_score=3,
            scores=lambda i: 2 if i.standard.code == "5" else 3,
            note="LKS terdaftar dan beroperasi baik; direkomendasikan.",
        )
        batch = services.send_to_minister(actor=balks, applications=[application])
        services.determine(
            actor=ministry,
            batch=batch,
            decree_number="45/HUK/2026",
            decree_date=timezone.localdate() - datetime.timedelta(days=30),
        )

    # A result validated by BALKS and waiting for the Minister: what the determination report lists.
    validated = _lks("LKS Disabilitas Mandiri", Regency.objects.get(code="32.04"), "Yayasan Mandiri Berkarya", ["disabilitas"])
    grant(operator, Role.LKS_OPERATOR, organisation=validated)
    dinsos_kab = demo_user("dinsos.kabbandung@peksos.demo", "Dedi Supriadi", with_totp=True)
    grant(dinsos_kab, Role.DINSOS_OFFICER, regency=validated.regency)
    if not validated.applications.exists():
        _validated_application(
            operator=operator,
            lks=validated,
            dinsos=dinsos_kab,
            balks=balks,
            assessors=[a1, a2],
            self_score=4,
            scores=lambda i: 3 if i.standard.code == "4" else 4,
            note="Layanan disabilitas berjalan baik.",
        )

    waiting = _lks("LKS Lansia Sejahtera", kota_bandung, "Yayasan Lansia Sejahtera", ["lanjut_usia"])
    grant(operator, Role.LKS_OPERATOR, organisation=waiting)
    if not waiting.applications.exists():
        application = services.start_application(actor=operator, lks=waiting)
        application.request_letter.save("surat.pdf", ContentFile(PDF), save=False)
        application.evidence.save("formulir-b.pdf", ContentFile(PDF), save=False)
        application.save()
        indicators = Indicator.objects.filter(standard__instrument=services.instrument_on(timezone.localdate()))
        services.submit_application(
            actor=operator,
            application=application,
            version=application.version,
            self_assessment={str(i.pk): 3 for i in indicators},
        )
    return [
        (Role.LKS_OPERATOR.label, operator.email),
        (format_lazy("{} — Kota Bandung", Role.DINSOS_OFFICER.label), dinsos.email),
        (Role.BALKS_OFFICER.label, balks.email),
        (format_lazy("{} 1", Role.BALKS_ASSESSOR.label), a1.user.email),
        (format_lazy("{} 2", Role.BALKS_ASSESSOR.label), a2.user.email),
        (Role.MINISTRY_OFFICER.label, ministry.email),
    ]
