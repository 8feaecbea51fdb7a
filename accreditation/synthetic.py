"""Synthetic LKS and accreditations for benchmarks (``manage.py generate_synthetic --lks N``).

LKS in every province and regency with their target groups; about 60 % accredited by a
ministerial decree (grades A, B, C and "not accredited", by the grade bands of the instrument in
force on the decree date), valid, due for re-accreditation or expired — and some past their end
still marked valid, as the nightly ``expire_accreditations`` finds them; about 15 % with an
application somewhere in the workflow. Certificate numbers continue the ``balks:<year>`` series;
accredited LKS get their credential (created in bulk, the same public fields as
``accreditation.services.determine``).
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone, translation
from django.utils.translation import gettext

from core.management.commands.generate_synthetic import build, bulk_insert, next_pk
from core.models import Counter

KINDS = ["LKSA", "Yayasan", "Panti Sosial", "Rumah Singgah", "LKS Lanjut Usia", "LKS Disabilitas", "Rumah Perlindungan"]
NAMES = [
    "Harapan",
    "Kasih Ibu",
    "Bina Insani",
    "Mutiara",
    "Nurul Iman",
    "Tunas Bangsa",
    "Pelita",
    "Bhakti Luhur",
    "Al-Ikhlas",
    "Cahaya",
    "Sejahtera",
    "Permata Hati",
    "Bunda",
    "Maju Bersama",
    "Darussalam",
    "Kasih Sayang",
    "Insan Mandiri",
    "Berkah",
]
OPEN_STATUSES = [
    "draft",
    "submitted",
    "returned",
    "recommended",
    "accepted",
    "assigned",
    "desk_reviewed",
    "scored",
    "validated",
    "submitted_to_minister",
]
SCORES = {"A": (86, 99), "B": (71, 85), "C": (56, 70), "TT": (30, 55)}


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def generate(*, members: int, lks: int, seed: int, progress) -> dict:
    from credentials.models import Credential
    from regions.models import Regency

    from .models import (
        ACCREDITATION_NUMBER,
        LKS,
        Accreditation,
        AccreditationApplication,
        DeterminationBatch,
        GradeBand,
        Instrument,
        TargetGroup,
        normalise,
    )

    if lks <= 0:
        return {}
    offset = LKS.objects.count()
    rng = random.Random(f"accreditation:{seed}:{offset}")  # noqa: S311 (reproducible test data)
    today = timezone.localdate()
    now = timezone.now()
    regencies = list(Regency.objects.select_related("province").order_by("code"))
    groups = list(TargetGroup.objects.values_list("id", flat=True))
    instruments = list(Instrument.objects.prefetch_related("grade_bands").order_by("valid_from"))
    if not instruments:
        return {}
    counters = {c.series: c for c in Counter.objects.filter(series__startswith="balks:")}
    accreditation_ct = ContentType.objects.get_for_model(Accreditation)
    lks_ct = ContentType.objects.get_for_model(LKS)
    with translation.override("id"):
        issuer = gettext("Minister of Social Affairs, on the assessment of BALKS")
    through = LKS.target_groups.through
    ids = {m: next_pk(m) for m in (LKS, AccreditationApplication, Accreditation, Credential, DeterminationBatch, through)}

    def take(model):
        value = ids[model]
        ids[model] = value + 1
        return value

    def instrument_on(day):
        found = [i for i in instruments if i.valid_from <= day and (i.valid_until is None or day <= i.valid_until)]
        return found[-1] if found else instruments[0]

    batches: dict[int, DeterminationBatch] = {}
    rows: dict = {m: [] for m in ids}
    counts = dict.fromkeys(["lks", "accreditations", "open_applications", "credentials", "past_end_still_valid"], 0)
    bar = progress("accreditation", lks)
    for index in range(offset, offset + lks):
        regency = regencies[index % len(regencies)] if index < len(regencies) else rng.choice(regencies)
        name = (
            f"{rng.choice(KINDS)} {rng.choice(NAMES)} {regency.name.replace('Kabupaten ', '').replace('Kota ', '')} {index + 1}"
        )
        created = now - datetime.timedelta(days=rng.randint(200, 6000))
        item = build(
            LKS,
            id=take(LKS),
            name=name,
            name_key=normalise(name),
            legal_entity=f"Yayasan {rng.choice(NAMES)}",
            deed_number=f"AHU-{rng.randint(1000, 99999):05d}.AH.01.04.{rng.randint(2005, 2024)}",
            owner_type=rng.choice(["masyarakat"] * 9 + ["pemerintah"]),
            address=f"Jl. Pahlawan No. {rng.randint(1, 300)}",
            province_id=regency.province_id,
            regency_id=regency.id,
            services="Pengasuhan, rehabilitasi sosial",
            residential=rng.random() < 0.5,
            capacity=rng.randint(10, 200),
            phone=f"+62{rng.randint(21, 979)}{rng.randint(100000, 9999999)}",
            created_at=created,
        )
        item._history_date = created
        rows[LKS].append(item)
        for group in rng.sample(groups, k=min(len(groups), rng.randint(1, 2))):
            rows[through].append(through(id=take(through), lks_id=item.id, targetgroup_id=group))
        counts["lks"] += 1
        roll = rng.random()
        if roll < 0.6:
            decree_date = datetime.date(rng.randint(2012, today.year), rng.randint(1, 12), rng.randint(1, 28))
            decree_date = min(decree_date, today - datetime.timedelta(days=1))
            instrument = instrument_on(decree_date)
            grade = rng.choices(["A", "B", "C", "TT"], [25, 40, 25, 10])[0]
            band = next(b for b in instrument.grade_bands.all() if b.grade == grade)
            low, high = SCORES[grade]
            score = Decimal(f"{rng.randint(low, high)}.{rng.randint(0, 99):02d}")
            batch = batches.get(decree_date.year)
            if batch is None:
                batch = batches[decree_date.year] = build(
                    DeterminationBatch,
                    id=take(DeterminationBatch),
                    created_at=now,
                    decree_number=f"{rng.randint(1, 400)}/HUK/{decree_date.year}",
                    decree_date=decree_date,
                )
                rows[DeterminationBatch].append(batch)
            submitted = timezone.make_aware(
                datetime.datetime.combine(decree_date - datetime.timedelta(days=rng.randint(60, 200)), datetime.time(9))
            )
            application = build(
                AccreditationApplication,
                id=take(AccreditationApplication),
                lks_id=item.id,
                instrument_id=instrument.id,
                status="determined",
                submitted_at=submitted,
                dinsos_note="Direkomendasikan.",
                total_score=score,
                batch_id=batch.id,
                created_at=submitted,
            )
            application._history_date = submitted
            rows[AccreditationApplication].append(application)
            accredited = grade != GradeBand.Grade.NOT_ACCREDITED
            valid_until = _add_years(decree_date, band.validity_years) - datetime.timedelta(days=1) if accredited else None
            status = "valid"
            if valid_until and valid_until < today:
                if rng.random() < 0.15:
                    counts["past_end_still_valid"] += 1  # the nightly expiry has not run for these yet
                else:
                    status = "expired"
            if accredited and rng.random() < 0.005:
                status = "revoked"
            number = None
            credential_id = None
            if accredited:
                series = ACCREDITATION_NUMBER.series(year=decree_date.year)
                counter = counters.get(series) or counters.setdefault(series, Counter(series=series, value=0))
                counter.value += 1
                number = ACCREDITATION_NUMBER.format(counter.value, grade=grade, year=decree_date.year)
            accreditation_id = take(Accreditation)
            if accredited:
                credential = build(
                    Credential,
                    id=take(Credential),
                    kind=Credential.Kind.ACCREDITATION,
                    number=number,
                    holder_name=name,
                    issuer_name=issuer,
                    subject_type_id=accreditation_ct.id,
                    subject_id=accreditation_id,
                    holder_type_id=lks_ct.id,
                    holder_id=item.id,
                    valid_from=decree_date,
                    valid_until=valid_until,
                    status={"valid": "valid", "expired": "expired", "revoked": "revoked"}[status],
                    status_changed_at=now,
                    issued_at=timezone.make_aware(datetime.datetime.combine(decree_date, datetime.time(15))),
                    claims={"grade": grade, "regency": regency.name, "province": regency.province.name},
                )
                credential._history_date = credential.issued_at
                rows[Credential].append(credential)
                credential_id = credential.id
                counts["credentials"] += 1
            accreditation = build(
                Accreditation,
                id=accreditation_id,
                lks_id=item.id,
                application_id=application.id,
                grade=grade,
                score=score,
                certificate_number=number,
                decree_number=batch.decree_number,
                decree_date=decree_date,
                valid_from=decree_date,
                valid_until=valid_until,
                status=status,
                credential_id=credential_id,
            )
            accreditation._history_date = credential.issued_at if accredited else submitted
            rows[Accreditation].append(accreditation)
            counts["accreditations"] += 1
        elif roll < 0.75:
            status = rng.choice(OPEN_STATUSES)
            submitted = None if status == "draft" else now - datetime.timedelta(days=rng.randint(5, 300))
            application = build(
                AccreditationApplication,
                id=take(AccreditationApplication),
                lks_id=item.id,
                instrument_id=None if status == "draft" else instrument_on(today).id,
                status=status,
                submitted_at=submitted,
                created_at=submitted or now,
                return_reason="Formulir B belum lengkap." if status == "returned" else "",
                total_score=Decimal(f"{rng.randint(50, 95)}.00")
                if status in ("scored", "validated", "submitted_to_minister")
                else None,
            )
            rows[AccreditationApplication].append(application)
            counts["open_applications"] += 1
        if len(rows[LKS]) >= 5000:
            _flush(rows, bar)
    _flush(rows, bar)
    bar.close()
    for counter in counters.values():
        if counter.pk is None:
            counter.save()
        else:
            Counter.objects.filter(pk=counter.pk).update(value=counter.value)
    return counts


def _flush(rows: dict, bar) -> None:
    from credentials.models import Credential

    from .models import LKS, Accreditation, AccreditationApplication, DeterminationBatch

    through = LKS.target_groups.through
    bar.update(len(rows[LKS]))
    for model in (LKS, through, DeterminationBatch, AccreditationApplication, Credential, Accreditation):
        bulk_insert(model, rows[model], history=model is not through)
        rows[model].clear()
