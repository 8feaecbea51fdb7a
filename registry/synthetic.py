"""Synthetic IPSPI register for benchmarks (called by ``manage.py generate_synthetic``).

People in all 38 provinces with NIKs that pass ``regions.nik.parse_nik`` (and agree with the
stated birth date and sex), education, work experience, training, membership applications in
every status, members in every status with their numbers (``IPSPI.<province>.<year>.<serial>``,
counters advanced so later real verifications continue the series), member-card credentials
(created in bulk, respecting ``credentials.Credential``), dues invoices and payments, and some
unclaimed legacy records. Every row gets its simple-history "created" row.

All synthetic people have e-mail addresses at ``SYNTHETIC_DOMAIN`` (a reserved ``.invalid``
domain), which is also how a second run finds where to continue.
"""

from __future__ import annotations

import datetime
import itertools
import random

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from core.management.commands.generate_synthetic import build, bulk_insert, next_pk
from core.models import Counter
from core.vocabulary import EducationLevel, StudyField, WorkforceCategory

SYNTHETIC_DOMAIN = "sintetis.peksos.invalid"
LEGACY_SOURCE = "Kongres IPSPI 2010 (data sintetis)"
CHUNK = 5000

MALE_FIRST = (
    "Agus Ahmad Andi Arif Bambang Budi Dedi Dimas Eko Fajar Gilang Hadi Hendra Ikhsan Imam Joko Kurniawan Lukman "
    "Made Muhammad Nyoman Putu Rahmat Rizky Slamet Teguh Wahyu Yusuf Yohanes Stefanus Daniel Ketut Wayan Hasan Iwan"
).split()
FEMALE_FIRST = (
    "Ayu Dewi Fitri Indah Kartika Lestari Maria Nur Nurul Putri Ratna Rina Sari Siti Sri Tri Wulan Yuliana Anisa "
    "Dian Eka Fransiska Gita Hana Intan Kadek Lina Mega Nanda Oktaviani Rahayu Theresia Widya Zahra Melati"
).split()
FAMILY = (
    "Santoso Wijaya Saputra Hidayat Pratama Nugroho Siregar Nasution Harahap Simanjuntak Lubis Sitompul Pangaribuan "
    "Manurung Tambunan Sihombing Ginting Tarigan Sembiring Hutapea Wibowo Setiawan Gunawan Kusuma Purnomo Rahman "
    "Syahputra Hakim Maulana Firmansyah Ramadhan Suryadi Hartono Susanto Halim Tanjung Pohan Daulay Rangkuti "
    "Mandagi Sumolang Rumbiak Wonda Kogoya Tabuni Matondang Pattiasina Latuconsina Pelupessy Nainggolan Sinaga "
    "Situmorang Damanik Purba Saragih Sulistyo Prasetyo Hermawan Kurnia Lestari Permana Putra Utami Anggraini"
).split()
# Rough shares of the national population, so the register looks like the country.
PROVINCE_WEIGHT = {
    "11": 2,
    "12": 5,
    "13": 2,
    "14": 2,
    "15": 1.3,
    "16": 3,
    "17": 0.7,
    "18": 3,
    "19": 0.5,
    "21": 0.8,
    "31": 4,
    "32": 18,
    "33": 13,
    "34": 1.4,
    "35": 15,
    "36": 4.5,
    "51": 1.6,
    "52": 2,
    "53": 2,
    "61": 2,
    "62": 1,
    "63": 1.5,
    "64": 1.4,
    "65": 0.3,
    "71": 1,
    "72": 1.1,
    "73": 3.3,
    "74": 1,
    "75": 0.4,
    "76": 0.5,
    "81": 0.7,
    "82": 0.5,
    "91": 0.4,
    "92": 0.4,
    "93": 0.5,
    "94": 0.4,
    "95": 0.5,
    "96": 0.2,
}
UNIVERSITIES = [
    "Politeknik Kesejahteraan Sosial Bandung",
    "Universitas Indonesia",
    "Universitas Padjadjaran",
    "Universitas Gadjah Mada",
    "UIN Sunan Kalijaga",
    "Universitas Muhammadiyah Malang",
    "Universitas Sumatera Utara",
    "Universitas Hasanuddin",
    "Universitas Pasundan",
    "Universitas Jember",
    "Universitas Cenderawasih",
    "Universitas Udayana",
]
PROGRAMMES = {
    "pekerjaan_sosial": "Pekerjaan Sosial",
    "kesejahteraan_sosial": "Ilmu Kesejahteraan Sosial",
    "lainnya": "Psikologi",
}
EMPLOYERS = [
    "Dinas Sosial",
    "Kementerian Sosial",
    "LKSA Harapan Bangsa",
    "Yayasan Sayap Ibu",
    "Panti Sosial Tresna Werdha",
    "Rumah Sakit Umum Daerah",
    "Balai Rehabilitasi Sosial",
    "Program Keluarga Harapan",
    "Lembaga Perlindungan Anak",
]
POSITIONS = ["Pekerja Sosial", "Pendamping PKH", "TKSK", "Konselor", "Manajer Kasus", "Koordinator Program"]
PRACTICE_FIELDS = [
    "perlindungan anak",
    "disabilitas",
    "lanjut usia",
    "pemberdayaan masyarakat",
    "rehabilitasi sosial",
    "kebencanaan",
]
TRAININGS = [
    ("Diklat Dasar Pekerjaan Sosial", 40),
    ("Manajemen Kasus", 24),
    ("Pendampingan Sosial Anak", 16),
    ("Etika Profesi Pekerja Sosial", 8),
    ("Asesmen Psikososial", 20),
    ("Penanganan Korban Bencana", 32),
]
# Share of each outcome among people with an account: no application yet, or an application in
# this status. Verified applications become members in the statuses of MEMBER_STATUS.
APPLICATION_STATUS = [("none", 4), ("draft", 3), ("submitted", 4), ("returned", 2), ("rejected", 2), ("verified", 85)]
MEMBER_STATUS = [("active", 70), ("lapsed", 18), ("suspended", 4), ("ended", 8)]
# The public category of each member status other than active (the member and their card).
SYNTHETIC_CATEGORIES = {"lapsed": "dues_unpaid", "suspended": "ethics_council", "ended": "holder_request"}
LEGACY_SHARE = 0.08  # people imported from the 2010 congress list who never claimed their record


def _weighted(rng: random.Random, pairs):
    values = [v for v, _w in pairs]
    cumulative = list(itertools.accumulate(w for _v, w in pairs))
    return lambda: rng.choices(values, cum_weights=cumulative)[0]


def _nik(rng: random.Random, regency_code: str, birth: datetime.date, sex: str, taken: set[str]) -> str:
    day = birth.day + (40 if sex == "P" else 0)
    stem = f"{regency_code.replace('.', '')}{rng.randint(1, 30):02d}{day:02d}{birth.month:02d}{birth.year % 100:02d}"
    while True:
        nik = f"{stem}{rng.randint(1, 9999):04d}"
        if nik not in taken:
            taken.add(nik)
            return nik


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def generate(*, members: int, lks: int, seed: int, progress, light: bool = False) -> dict:
    """`light`: people, accounts, members and member cards only (no details, applications, dues or
    history): growth data for look-up benchmarks."""
    from .name_index import filled_afterwards

    with filled_afterwards():
        return _generate(members=members, seed=seed, progress=progress, light=light)


def _generate(*, members: int, seed: int, progress, light: bool) -> dict:
    from accounts.models import User
    from credentials.models import Credential
    from regions.models import Province, Regency

    from .models import (
        RECEIPT_NUMBER,
        CardValidity,
        Category,
        DuesInvoice,
        DuesPayment,
        Education,
        FeeSchedule,
        Member,
        MembershipApplication,
        Person,
        Training,
        WorkExperience,
        member_number,
        member_number_series,
        normalise_name,
    )
    from .services import ISSUER_NAME, pick_card_validity

    if members <= 0:
        return {}
    card_validities = list(CardValidity.objects.order_by("valid_from"))

    def card_years(day: datetime.date) -> int:
        return pick_card_validity(card_validities, day).years

    offset = Person.objects.filter(email__endswith="@" + SYNTHETIC_DOMAIN).count()
    rng = random.Random(f"registry:{seed}:{offset}")  # noqa: S311 (reproducible test data, not secrets)
    today = timezone.localdate()
    now = timezone.now()

    provinces = {p.code: p for p in Province.objects.all()}
    regencies: dict[str, list] = {}
    for regency in Regency.objects.select_related("province"):
        regencies.setdefault(regency.province.code, []).append(regency)
    codes = sorted(provinces)
    province_choice = _weighted(rng, [(code, PROVINCE_WEIGHT.get(code, 1)) for code in codes])
    taken = set(Person.objects.exclude(nik=None).values_list("nik", flat=True).iterator(chunk_size=10000))
    counters = {c.series: c for c in Counter.objects.filter(series__startswith="member:")}
    receipt_counters = {c.series: c for c in Counter.objects.filter(series__startswith="receipt:")}
    fees = {(f.category, f.year): f for f in FeeSchedule.objects.all()}
    member_ct = ContentType.objects.get_for_model(Member)
    person_ct = ContentType.objects.get_for_model(Person)
    used_public_ids = set()

    application_status = _weighted(rng, APPLICATION_STATUS)
    member_status = _weighted(rng, MEMBER_STATUS)
    field_choice = _weighted(
        rng, [(StudyField.PEKERJAAN_SOSIAL, 45), (StudyField.KESEJAHTERAAN_SOSIAL, 35), (StudyField.LAINNYA, 20)]
    )
    level = EducationLevel
    level_choice = _weighted(
        rng, [(level.SMA, 5), (level.D3, 8), (level.D4, 22), (level.S1, 45), (level.S2, 15), (level.S3, 1), (level.PROFESI, 4)]
    )
    workforce = _weighted(
        rng,
        [
            (WorkforceCategory.PEKSOS, 60),
            (WorkforceCategory.TKS, 25),
            (WorkforceCategory.RELAWAN, 10),
            (WorkforceCategory.STUDENT, 5),
        ],
    )

    ids = {
        model: next_pk(model)
        for model in (
            User,
            Person,
            Education,
            WorkExperience,
            Training,
            MembershipApplication,
            Member,
            Credential,
            DuesInvoice,
            DuesPayment,
        )
    }

    def take(model):
        value = ids[model]
        ids[model] = value + 1
        return value

    counts = dict.fromkeys(["people", "members", "legacy", "applications", "credentials", "invoices", "payments"], 0)
    bar = progress("registry", members)
    for start in range(offset, offset + members, CHUNK):
        rows: dict[type, list] = {m: [] for m in ids}
        for index in range(start, min(start + CHUNK, offset + members)):
            code = codes[index] if index < len(codes) else province_choice()
            province = provinces[code]
            regency = rng.choice(regencies[code])
            sex = rng.choice("LP")
            birth = datetime.date(rng.randint(1960, 2002), rng.randint(1, 12), rng.randint(1, 28))
            first = rng.choice(MALE_FIRST if sex == "L" else FEMALE_FIRST)
            name = f"{first} {rng.choice(FAMILY)}" if rng.random() < 0.6 else f"{first} {rng.choice(FAMILY)} {rng.choice(FAMILY)}"
            legacy = not light and rng.random() < LEGACY_SHARE
            email = f"{normalise_name(first).replace(' ', '')}.{index}@{SYNTHETIC_DOMAIN}"
            created = now - datetime.timedelta(days=rng.randint(30, 5000))
            user_id = None
            if not legacy:
                user_id = take(User)
                rows[User].append(
                    build(User, id=user_id, email=email, name=name, password="!synthetic", is_active=True, date_joined=created)
                )
            person = build(
                Person,
                id=take(Person),
                user_id=user_id,
                nik=_nik(rng, regency.code, birth, sex, taken),
                full_name=name,
                name_key=normalise_name(name),
                birth_place=rng.choice(regencies[code]).name,
                birth_date=birth,
                sex=sex,
                phone=f"+628{rng.randint(11, 59)}{rng.randint(10000000, 99999999)}",
                email=email,
                address=f"Jl. Merdeka No. {rng.randint(1, 200)}",
                province_id=province.id,
                regency_id=regency.id,
                workforce_category="" if legacy else workforce(),
                source=LEGACY_SOURCE if legacy else Person.SELF,
                import_sources=[LEGACY_SOURCE] if legacy else [],
                created_at=created,
            )
            person._history_date = created
            rows[Person].append(person)
            counts["people"] += 1
            field = field_choice()
            level = level_choice()
            graduated = min(today.year - 1, birth.year + rng.randint(21, 30))
            if light:
                category = Category.BIASA if field != "lainnya" and level not in ("SMA", "D3") else Category.REKAN
                joined = min(
                    today, datetime.date(rng.randint(max(2011, graduated), today.year), rng.randint(1, 12), rng.randint(1, 28))
                )
                submitted = timezone.make_aware(datetime.datetime.combine(joined, datetime.time(9)))
                application = None
            else:
                rows[Education].append(
                    build(
                        Education,
                        id=take(Education),
                        person_id=person.id,
                        level=level,
                        study_field=field if level != "SMA" else "lainnya",
                        study_programme=PROGRAMMES[field] if level != "SMA" else "",
                        institution=rng.choice(UNIVERSITIES) if level != "SMA" else "",
                        graduation_year=graduated,
                    )
                )
            if legacy:
                counts["legacy"] += 1
                continue
            if not light:
                if level in ("S1", "D4") and rng.random() < 0.25:
                    rows[Education].append(
                        build(
                            Education,
                            id=take(Education),
                            person_id=person.id,
                            level="profesi",
                            study_field="pekerjaan_sosial",
                            study_programme="Pendidikan Profesi Pekerja Sosial",
                            institution=rng.choice(UNIVERSITIES),
                            graduation_year=min(today.year - 1, graduated + 1),
                        )
                    )
                for _n in range(rng.randint(1, 3)):
                    started = datetime.date(rng.randint(graduated, max(graduated, today.year - 1)), rng.randint(1, 12), 1)
                    ended = None if rng.random() < 0.5 else min(today, started + datetime.timedelta(days=rng.randint(200, 2000)))
                    rows[WorkExperience].append(
                        build(
                            WorkExperience,
                            id=take(WorkExperience),
                            person_id=person.id,
                            employer=f"{rng.choice(EMPLOYERS)} {regency.code}",
                            position=rng.choice(POSITIONS),
                            practice_field=rng.choice(PRACTICE_FIELDS),
                            started_on=started,
                            ended_on=ended,
                        )
                    )
                for _n in range(rng.randint(0, 4)):
                    title, hours = rng.choice(TRAININGS)
                    rows[Training].append(
                        build(
                            Training,
                            id=take(Training),
                            person_id=person.id,
                            title=title,
                            organiser="Kementerian Sosial",
                            hours=hours,
                            held_on=datetime.date(
                                rng.randint(max(graduated, 2005), today.year - 1), rng.randint(1, 12), rng.randint(1, 28)
                            ),
                        )
                    )
                outcome = application_status()
                if outcome == "none":
                    continue
                category = Category.BIASA if field != "lainnya" and level not in ("SMA", "D3") else Category.REKAN
                joined = min(
                    today, datetime.date(rng.randint(max(2011, graduated), today.year), rng.randint(1, 12), rng.randint(1, 28))
                )
                submitted = timezone.make_aware(
                    datetime.datetime.combine(joined - datetime.timedelta(days=rng.randint(3, 40)), datetime.time(9))
                )
                application = build(
                    MembershipApplication,
                    id=take(MembershipApplication),
                    person_id=person.id,
                    channel="dpd" if rng.random() < 0.9 else "dpp",
                    province_id=province.id,
                    category=category,
                    status=outcome,
                    submitted_at=None if outcome == "draft" else submitted,
                    decided_at=submitted + datetime.timedelta(days=3)
                    if outcome in ("verified", "returned", "rejected")
                    else None,
                    reason={"returned": "Ijazah belum diunggah.", "rejected": "Bukan lulusan bidang kesejahteraan sosial."}.get(
                        outcome, ""
                    ),
                    created_at=submitted,
                )
                application._history_date = submitted
                rows[MembershipApplication].append(application)
                counts["applications"] += 1
                if outcome != "verified":
                    continue
            series = member_number_series(code, joined.year)
            counter = counters.get(series)
            if counter is None:
                counter = counters[series] = Counter(series=series, value=0)
            counter.value += 1
            number = member_number(code, joined.year, counter.value)
            status = member_status()
            card_from = joined
            while status in ("active", "lapsed") and _add_years(card_from, card_years(card_from)) <= today:
                card_from = _add_years(card_from, card_years(card_from))  # the card was renewed
            valid_until = _add_years(card_from, card_years(card_from)) - datetime.timedelta(days=1)
            member_id = take(Member)
            credential_status = {"active": "valid", "lapsed": "valid", "suspended": "suspended", "ended": "revoked"}[status]
            if credential_status == "valid" and valid_until < today:
                credential_status = "expired"
            public_id = Credential._meta.get_field("public_id").default()
            while public_id in used_public_ids:
                public_id = Credential._meta.get_field("public_id").default()
            used_public_ids.add(public_id)
            credential = build(
                Credential,
                id=take(Credential),
                public_id=public_id,
                kind=Credential.Kind.MEMBER_CARD,
                number=number,
                holder_name=name,
                issuer_name=ISSUER_NAME,
                subject_type_id=member_ct.id,
                subject_id=member_id,
                holder_type_id=person_ct.id,
                holder_id=person.id,
                valid_from=card_from,
                valid_until=valid_until,
                status=credential_status,
                status_category=SYNTHETIC_CATEGORIES.get(status, ""),
                status_changed_at=now,
                issued_at=submitted + datetime.timedelta(days=3),
                claims={
                    "category": category,
                    "category_label": str(Category(category).label),
                    "province": province.name,
                    "province_code": code,
                },
            )
            credential._history_date = credential.issued_at
            rows[Credential].append(credential)
            member = build(
                Member,
                id=member_id,
                person_id=person.id,
                number=number,
                category=category,
                province_id=province.id,
                status=status,
                status_reason={
                    "lapsed": "Iuran belum dibayar.",
                    "suspended": "Pelanggaran kode etik (sintetis).",
                    "ended": "Mengundurkan diri.",
                }.get(status, "Diverifikasi DPD."),
                status_category=SYNTHETIC_CATEGORIES.get(status, ""),
                status_changed_at=now,
                joined_on=joined,
                card_valid_until=valid_until,
                application_id=application.id if application else None,
                credential_id=credential.id,
            )
            member._history_date = credential.issued_at
            rows[Member].append(member)
            counts["members"] += 1
            counts["credentials"] += 1
            for year in range(max(joined.year, 2024), today.year + 1) if not light else ():
                fee = fees.get((category, year))
                if fee is None:
                    continue
                due = fee.due_on()
                paid = status == "active" or (status != "lapsed" and rng.random() < 0.5)
                invoice = build(
                    DuesInvoice,
                    id=take(DuesInvoice),
                    member_id=member_id,
                    year=year,
                    fee_schedule_id=fee.id,
                    amount=fee.amount,
                    due_on=due,
                    grace_until=due + datetime.timedelta(days=fee.grace_days),
                    status="paid" if paid else "open",
                    paid_on=min(today, due - datetime.timedelta(days=rng.randint(0, 60))) if paid else None,
                    created_at=timezone.make_aware(datetime.datetime(year, 1, 2, 8)),
                )
                rows[DuesInvoice].append(invoice)
                counts["invoices"] += 1
                if paid:
                    rseries = RECEIPT_NUMBER.series(province=code, year=year)
                    rcounter = receipt_counters.get(rseries)
                    if rcounter is None:
                        rcounter = receipt_counters[rseries] = Counter(series=rseries, value=0)
                    rcounter.value += 1
                    rows[DuesPayment].append(
                        build(
                            DuesPayment,
                            id=take(DuesPayment),
                            invoice_id=invoice.id,
                            amount=fee.amount,
                            paid_on=invoice.paid_on,
                            method="proof",
                            reference=f"TRF{rng.randint(10**8, 10**9 - 1)}",
                            status="confirmed",
                            decided_at=now,
                            receipt_number=RECEIPT_NUMBER.format(rcounter.value, province=code, year=year),
                        )
                    )
                    counts["payments"] += 1
        # Referenced rows first: users, people, then what points at them.
        for model in (
            User,
            Person,
            Education,
            WorkExperience,
            Training,
            MembershipApplication,
            Credential,
            Member,
            DuesInvoice,
            DuesPayment,
        ):
            bulk_insert(model, rows[model], history=model is not User and not light)
        bar.update(len(rows[Person]))
    bar.close()
    for counter in [*counters.values(), *receipt_counters.values()]:
        if counter.pk is None:
            counter.save()
        else:
            Counter.objects.filter(pk=counter.pk).update(value=counter.value)
    return counts
