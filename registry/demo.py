"""Demo data of the member register: DPD officers for Jawa Barat and Jawa Timur, a DPP officer,
a verified member (Siti Rahmawati) with her member card, members in other statuses, a queue to
verify and an imported record to claim. Idempotent: running it again changes nothing."""

import datetime
import io

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import format_lazy

from accounts.demo import demo_user, grant
from accounts.roles import Role
from credentials.models import Credential
from regions.models import Province, Regency

from . import services
from .models import (
    DuesInvoice,
    Education,
    FeeSchedule,
    Member,
    MembershipApplication,
    PaymentInstructions,
    Person,
    Training,
    WorkExperience,
)


def _photo(colour) -> ContentFile:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (300, 400), (235, 240, 238))
    draw = ImageDraw.Draw(image)
    draw.ellipse((90, 60, 210, 180), fill=colour)
    draw.rounded_rectangle((50, 200, 250, 400), radius=60, fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="foto.png")


def _nik(area: str, birth: datetime.date, sex: str, serial: int) -> str:
    day = birth.day + (40 if sex == "P" else 0)
    return f"{area}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"


def _person(
    email,
    name,
    *,
    birth,
    sex,
    area,
    serial,
    regency_code,
    programme="Kesejahteraan Sosial",
    field="kesejahteraan_sosial",
    level="S1",
    institution="Universitas Padjadjaran",
    graduated=2014,
    experiences=(),
    trainings=(),
    colour=(11, 93, 75),
):
    user = demo_user(email, name)
    person = Person.objects.filter(user=user).first()
    if person is not None:
        return person
    regency = Regency.objects.select_related("province").get(code=regency_code)
    person = Person(
        user=user,
        nik=_nik(area, birth, sex, serial),
        full_name=name,
        birth_place=regency.name.replace("Kota ", "").replace("Kabupaten ", ""),
        birth_date=birth,
        sex=sex,
        phone=f"+62812{serial:04d}{serial:04d}",
        email=email,
        address=f"Jl. Melati No. {serial % 97 + 3}, {regency.name}",
        province=regency.province,
        regency=regency,
        workforce_category=Person.Workforce.PEKSOS,
    )
    person.photo.save("foto.png", _photo(colour), save=False)
    services.save_profile(actor=user, person=person)
    services.save_profile_item(
        actor=user,
        item=Education(
            person=person,
            level=level,
            study_programme=programme,
            study_field=field,
            institution=institution,
            graduation_year=graduated,
        ),
    )
    for employer, position, practice, start, end in experiences:
        services.save_profile_item(
            actor=user,
            item=WorkExperience(
                person=person, employer=employer, position=position, practice_field=practice, started_on=start, ended_on=end
            ),
        )
    for title, organiser, hours, held in trainings:
        services.save_profile_item(
            actor=user, item=Training(person=person, title=title, organiser=organiser, hours=hours, held_on=held)
        )
    return person


def _apply(person, province_code=None, channel="dpd"):
    province = Province.objects.get(code=province_code) if province_code else person.province
    application = services.start_application(actor=person.user, person=person, channel=channel, province=province)
    return services.submit_application(actor=person.user, application=application)


def _member(person, officer, province_code=None) -> Member:
    existing = Member.objects.filter(person=person).first()
    if existing:
        return existing
    application = person.applications.filter(status=MembershipApplication.Status.SUBMITTED).first() or _apply(
        person, province_code
    )
    return services.verify_application(actor=officer, application=application, version=application.version)


def seed() -> list[tuple[str, str]]:
    jabar, jatim = Province.objects.get(code="32"), Province.objects.get(code="35")
    dpd_jabar = demo_user("dpd.jabar@peksos.demo", "Rina Kartika", with_totp=True)
    grant(dpd_jabar, Role.DPD_OFFICER, province=jabar)
    dpd_jatim = demo_user("dpd.jatim@peksos.demo", "Agus Santoso", with_totp=True)
    grant(dpd_jatim, Role.DPD_OFFICER, province=jatim)
    dpp = demo_user("dpp@peksos.demo", "Hendra Gunawan", with_totp=True)
    grant(dpp, Role.DPP_OFFICER)
    from core.letterheads import CONSORTIUM, CONSORTIUM_NAME, seed_demo

    from .documents import IPSPI, IPSPI_NAME, IPSPI_PARENT

    seed_demo(
        IPSPI,
        name=IPSPI_NAME,
        parent_name=IPSPI_PARENT,
        address="Jl. Salemba Raya 28, Jakarta Pusat 10430",
        contact="sekretariat@ipspi.demo · ipspi.demo",
        place="Jakarta",
        initials="IPSPI",
        colour="#0b5d4b",
        signatory=("Dr. Andi Wibowo, M.Si.", "Ketua Umum DPP IPSPI", "NIA 3171.00001"),
        since=datetime.date(2022, 1, 1),
    )
    seed_demo(
        CONSORTIUM,
        name=CONSORTIUM_NAME,
        parent_name="",
        address="Jl. Salemba Raya 28, Jakarta Pusat 10430",
        contact="kpsi.demo",
        place="Jakarta",
        initials="KPSI",
        colour="#1f4e79",
        signatory=("Dra. Ratna Dewi, M.Si.", "Koordinator Konsorsium", ""),
        since=datetime.date(2022, 1, 1),
    )
    today = timezone.localdate()
    # Where the members of each demo DPD pay their dues (kept by the DPD; demo accounts).
    for province, officer, bank, number in (
        (jabar, dpd_jabar, "Bank BJB", "0012300456789"),
        (jatim, dpd_jatim, "Bank Jatim", "0098700654321"),
    ):
        if not PaymentInstructions.objects.filter(province=province).exists():
            services.set_payment_instructions(
                actor=officer,
                province=province,
                bank_name=bank,
                account_number=number,
                account_holder=f"DPD IPSPI {province.name}",
                note="Rekening contoh untuk demo: jangan mentransfer uang sungguhan.",
            )

    siti = _person(
        "siti@peksos.demo",
        "Siti Rahmawati",
        birth=datetime.date(1992, 4, 14),
        sex="P",
        area="327305",
        serial=1,
        regency_code="32.73",
        experiences=[
            (
                "Dinas Sosial Kota Bandung",
                "Pendamping Sosial",
                "perlindungan anak",
                datetime.date(2018, 7, 2),
                datetime.date(2020, 12, 31),
            ),
            ("LKS Anak Harapan Bandung", "Pekerja Sosial", "perlindungan anak", datetime.date(2021, 1, 4), None),
        ],
        trainings=[
            ("Manajemen Kasus Perlindungan Anak", "Poltekesos Bandung", 40, datetime.date(2019, 3, 11)),
            ("Kode Etik dan Praktik Pekerjaan Sosial", "DPD IPSPI Jawa Barat", 24, datetime.date(2022, 8, 22)),
        ],
    )
    siti_member = _member(siti, dpd_jabar)

    # A member whose dues from last year are unpaid past the grace period: lapsed.
    bambang = _person(
        "bambang@peksos.demo",
        "Bambang Hidayat",
        birth=datetime.date(1980, 9, 3),
        sex="L",
        area="320410",
        serial=2,
        regency_code="32.04",
        programme="Pekerjaan Sosial",
        field="pekerjaan_sosial",
        institution="STKS Bandung",
        graduated=2004,
        experiences=[("Panti Sosial Tresna Werdha", "Pekerja Sosial", "lanjut usia", datetime.date(2005, 2, 1), None)],
        trainings=[("Pendampingan Lansia", "Kemensos", 60, datetime.date(2010, 5, 5))],
        colour=(40, 70, 120),
    )
    bambang_member = _member(bambang, dpd_jabar)
    last_year = today.year - 1
    fee = FeeSchedule.objects.filter(category=bambang_member.category, year=last_year).first()
    if fee and not bambang_member.invoices.filter(year=last_year).exists():
        due = datetime.date(last_year, 3, 31)
        DuesInvoice.objects.create(
            member=bambang_member,
            year=last_year,
            fee_schedule=fee,
            amount=fee.amount,
            due_on=due,
            grace_until=due + datetime.timedelta(days=fee.grace_days),
        )
    services.refresh_member_status(member=bambang_member)

    # A suspended member in Jawa Timur.
    ratna = _person(
        "ratna@peksos.demo",
        "Ratna Sari",
        birth=datetime.date(1987, 1, 21),
        sex="P",
        area="357801",
        serial=3,
        regency_code="35.78",
        programme="Ilmu Kesejahteraan Sosial",
        institution="Universitas Brawijaya",
        graduated=2009,
        experiences=[("Dinas Sosial Kota Surabaya", "TKSK", "pemberdayaan masyarakat", datetime.date(2010, 3, 1), None)],
        trainings=[("Pendampingan PKH", "Kemensos", 32, datetime.date(2015, 9, 9))],
        colour=(120, 40, 70),
    )
    ratna_member = _member(ratna, dpd_jatim)
    if ratna_member.status == Member.Status.ACTIVE:
        services.change_member_status(
            actor=dpd_jatim,
            member=ratna_member,
            action="suspend",
            reason="Pemeriksaan dugaan pelanggaran kode etik",
            category=Credential.StatusCategory.SUSPENDED_TEMPORARILY,
        )

    # An ended membership (resigned).
    yusuf = _person(
        "yusuf@peksos.demo",
        "Yusuf Pratama",
        birth=datetime.date(1975, 11, 30),
        sex="L",
        area="357801",
        serial=4,
        regency_code="35.78",
        programme="Sosiologi",
        field="lainnya",
        institution="Universitas Airlangga",
        graduated=1999,
        experiences=[
            ("Yayasan Peduli Anak", "Relawan", "perlindungan anak", datetime.date(2000, 1, 3), datetime.date(2015, 12, 31))
        ],
        colour=(90, 90, 40),
    )
    yusuf_member = _member(yusuf, dpd_jatim)
    if yusuf_member.status != Member.Status.ENDED:
        services.change_member_status(
            actor=dpd_jatim,
            member=yusuf_member,
            action="end",
            reason="Mengundurkan diri",
            category=Credential.StatusCategory.HOLDER_REQUEST,
        )

    # Waiting in the Jawa Barat queue: a new applicant (to verify in the demo).
    andi = _person(
        "andi@peksos.demo",
        "Andi Saputra",
        birth=datetime.date(1996, 6, 6),
        sex="L",
        area="327305",
        serial=5,
        regency_code="32.73",
        programme="Pekerjaan Sosial",
        field="pekerjaan_sosial",
        institution="Poltekesos Bandung",
        graduated=2019,
        experiences=[("LKS Disabilitas Mandiri", "Pekerja Sosial", "disabilitas", datetime.date(2019, 10, 1), None)],
        trainings=[("Asesmen Disabilitas", "Poltekesos Bandung", 16, datetime.date(2020, 2, 2))],
        colour=(20, 110, 150),
    )
    if not andi.applications.exists():
        _apply(andi)

    # An imported legacy record nobody has claimed yet (claim with NIK 3273054812780009, 8 Desember 1978).
    if not Person.objects.filter(nik="3273054812780009").exists():
        legacy = Person(
            nik="3273054812780009",
            full_name="Hartini Wulandari",
            birth_place="Bandung",
            birth_date=datetime.date(1978, 12, 8),
            sex="P",
            email="",
            province=jabar,
            regency=Regency.objects.get(code="32.73"),
            source="Kongres IPSPI 2010",
            import_sources=["Kongres IPSPI 2010"],
        )
        legacy.save()
        Education.objects.create(
            person=legacy,
            level="S1",
            study_programme="Kesejahteraan Sosial",
            study_field="kesejahteraan_sosial",
            institution="STKS Bandung",
            graduation_year=2001,
        )

    provider_account, dewi = _cpd(dpp, dpd_jabar, today)

    return [
        (format_lazy("{} — Jawa Barat", Role.DPD_OFFICER.label), dpd_jabar.email),
        (Role.CPD_PROVIDER.label, provider_account.email),
        ("IPSPI member, STR ending soon with CPD credits short", dewi.user.email),
        (format_lazy("{} — Jawa Timur", Role.DPD_OFFICER.label), dpd_jatim.email),
        (Role.DPP_OFFICER.label, dpp.email),
        (f"IPSPI member {siti_member.number}", siti.user.email),
        ("IPSPI applicant (waiting in the Jawa Barat queue)", andi.user.email),
    ]


def _cpd(dpp, dpd_jabar, today):
    """An accredited CPD provider with its account, and Dewi Lestari: a member whose credits are
    short (one activity accepted from the provider's list, one waiting for the DPD's review); the
    certification and licensing demos give her a certificate and an STR ending within 90 days."""
    from . import cpd
    from .models import CpdActivity, CpdProvider

    provider = CpdProvider.objects.filter(name="Pusdiklat Pekerja Sosial (contoh)").first() or cpd.add_provider(
        actor=dpp,
        name="Pusdiklat Pekerja Sosial (contoh)",
        accredited_from=datetime.date(2020, 1, 1),
        decision="Keputusan DPP IPSPI (contoh untuk demo)",
    )
    account = demo_user("pkb@peksos.demo", "Operator Pusdiklat Pekerja Sosial")
    grant(account, Role.CPD_PROVIDER, organisation=provider)
    dewi = _person(
        "dewi@peksos.demo",
        "Dewi Lestari",
        birth=datetime.date(1985, 2, 11),
        sex="P",
        area="327305",
        serial=6,
        regency_code="32.73",
        experiences=[("LKS Lansia Sejahtera", "Pekerja Sosial", "lanjut usia", datetime.date(2012, 1, 2), None)],
        trainings=[("Pendampingan Lansia", "Poltekesos Bandung", 40, datetime.date(2013, 4, 8))],
        colour=(150, 90, 20),
    )
    member = _member(dewi, dpd_jabar)
    if not dewi.cpd_activities.exists():
        from django.core.files.uploadedfile import SimpleUploadedFile

        report_day = today - datetime.timedelta(days=120)
        upload = SimpleUploadedFile(
            "hadir.csv",
            f"nomor_anggota,kegiatan,tanggal,jam\n{member.number},Pelatihan Pendampingan Lansia,{report_day.isoformat()},10\n".encode(),
            "text/csv",
        )
        cpd.import_attendance(actor=account, provider=provider, upload=upload, category="training")
        cpd.record_activity(
            actor=dewi.user,
            activity=CpdActivity(
                title="Supervisi kasus lansia",
                category="supervision",
                held_on=today - datetime.timedelta(days=40),
                hours=6,
                provider_name="DPD IPSPI Jawa Barat",
                evidence=SimpleUploadedFile("surat-supervisi.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
            ),
        )
    return account, dewi
