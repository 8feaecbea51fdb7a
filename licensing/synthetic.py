"""Synthetic STRs and practice licences for benchmarks (``manage.py generate_synthetic``).

For certificates the certification generator made (people at the registry generator's synthetic
domain) whose holder has no STR or licence application yet. The rule set in force on the date
decides the regime, as in ``licensing.services``: under UU 14/2019 an STR from IPSPI (never
beyond the certificate) and then, for some, a SIPPS from the kabupaten/kota of the practice
place; under Permensos 108/HUK/2009 a licence from the Ministry, no STR. Numbers come from the
same counter series as the services (advanced here), every record has its credential with its
holder, and statuses follow the certificate: a suspended or revoked certificate suspends what
rests on it, a past end date expires it.
"""

from __future__ import annotations

import datetime
import random

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from core.dates import period_end
from core.management.commands.generate_synthetic import build, bulk_insert, next_pk
from core.models import Counter

STR_SHARE = 0.6  # of certified people, where the regime has an STR
LICENCE_SHARE = 0.5  # of people with an STR (or, under the 2009 regime, of certified people)
SETTINGS = [("institution", 6), ("community", 3), ("independent", 1)]
SYNTHETIC_CATEGORIES = {"suspended": "basis_not_valid", "expired": "validity_ended", "revoked": "other"}
PLACES = {"institution": "LKS {regency}", "community": "Kelurahan di {regency}", "independent": "Praktik mandiri, {regency}"}


def generate(*, members: int, lks: int, seed: int, progress) -> dict:
    from certification.models import Certificate
    from credentials.models import Credential
    from regions.models import Regency
    from registry.models import Person
    from registry.synthetic import SYNTHETIC_DOMAIN

    from .models import (
        LICENCE_NUMBER,
        NATIONAL_LICENCE_NUMBER,
        STR_NUMBER,
        Licence,
        LicenceApplication,
        LicensingAuthority,
        LicensingRuleSet,
        Str,
        StrApplication,
        licence_claims,
    )
    from .services import IPSPI

    if members <= 0:
        return {}
    rule_sets = list(LicensingRuleSet.objects.order_by("valid_from"))
    if not rule_sets:
        return {}

    def rule_set_on(day: datetime.date):
        in_force = [r for r in rule_sets if r.valid_from <= day and (r.valid_until is None or day <= r.valid_until)]
        return in_force[-1] if in_force else None

    national = LicensingAuthority.objects.filter(level=LicensingAuthority.Level.NATIONAL).first()
    authorities = dict(LicensingAuthority.objects.filter(regency__isnull=False).values_list("regency_id", "pk"))
    authority_names = dict(LicensingAuthority.objects.values_list("pk", "name"))
    regencies = {r.pk: r for r in Regency.objects.all()}
    by_province: dict[int, list] = {}
    for regency in regencies.values():
        by_province.setdefault(regency.province_id, []).append(regency)

    candidates = list(
        Certificate.objects.filter(person__email__endswith="@" + SYNTHETIC_DOMAIN, credential__isnull=False)
        .exclude(person__str_applications__isnull=False)
        .exclude(person__licence_applications__isnull=False)
        .order_by("pk")
        .values_list(
            "pk",
            "number",
            "person_id",
            "person__full_name",
            "person__regency_id",
            "person__province_id",
            "issued_on",
            "valid_until",
            "status",
            "practice_field",
        )
    )
    offset = Str.objects.count() + Licence.objects.count()
    rng = random.Random(f"licensing:{seed}:{offset}:{len(candidates)}")  # noqa: S311 (reproducible test data)
    today = timezone.localdate()
    now = timezone.now()
    counters = {c.series: c for c in Counter.objects.filter(series__regex=r"^(str|licence):")}
    str_ct, licence_ct, person_ct = (ContentType.objects.get_for_model(m) for m in (Str, Licence, Person))
    ids = {model: next_pk(model) for model in (StrApplication, Str, LicenceApplication, Licence, Credential)}

    def take(model):
        value = ids[model]
        ids[model] = value + 1
        return value

    def next_serial(series: str) -> int:
        counter = counters.get(series) or counters.setdefault(series, Counter(series=series, value=0))
        counter.value += 1
        return counter.value

    def status_for(valid_until: datetime.date, certificate_status: str) -> str:
        if certificate_status in ("suspended", "revoked"):
            return "suspended"
        if valid_until < today:
            return "expired"
        return "suspended" if rng.random() < 0.01 else "valid"

    def at(day: datetime.date, hour: int) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))

    rows: dict[type, list] = {model: [] for model in (StrApplication, Credential, Str, LicenceApplication, Licence)}
    counts = dict.fromkeys(["strs", "licences", "credentials"], 0)
    settings_, weights = [s for s, _w in SETTINGS], [w for _s, w in SETTINGS]
    bar = progress("licensing", len(candidates))
    for (
        certificate_id,
        certificate_no,
        person_id,
        name,
        regency_id,
        province_id,
        issued_on,
        certificate_until,
        certificate_status,
        field,
    ) in candidates:
        bar.update(1)
        if certificate_status == "revoked":
            continue
        applied_on = min(today, issued_on + datetime.timedelta(days=rng.randint(20, 200)))
        rule_set = rule_set_on(applied_on)
        if rule_set is None:
            continue
        str_id = str_until = None
        if rule_set.requires_str:
            if rng.random() >= STR_SHARE:
                continue
            str_until = period_end(applied_on, years=rule_set.str_validity_years)
            if certificate_until and certificate_until < str_until:
                str_until = certificate_until  # never beyond the certificate it rests on
            if str_until < applied_on:
                continue
            application_id, str_id, credential_id = take(StrApplication), take(Str), take(Credential)
            number = STR_NUMBER.format(next_serial(STR_NUMBER.series(year=applied_on.year)), year=applied_on.year)
            status = status_for(str_until, certificate_status)
            application = build(
                StrApplication,
                id=application_id,
                person_id=person_id,
                certificate_id=certificate_id,
                health_statement="",
                oath_taken=True,
                code_of_ethics=True,
                rule_set_id=rule_set.id,
                status="issued",
                submitted_at=at(applied_on, 9),
                decided_at=at(applied_on, 15),
                version=1,
            )
            credential = build(
                Credential,
                id=credential_id,
                kind=Credential.Kind.STR,
                number=number,
                holder_name=name,
                issuer_name=IPSPI,
                subject_type_id=str_ct.id,
                subject_id=str_id,
                holder_type_id=person_ct.id,
                holder_id=person_id,
                valid_from=applied_on,
                valid_until=str_until,
                status=status,
                status_category=SYNTHETIC_CATEGORIES.get(status, ""),
                status_changed_at=now,
                issued_at=at(applied_on, 15),
                claims={"certificate": certificate_no, "rule": rule_set.source[:120]},
            )
            record = build(
                Str,
                id=str_id,
                number=number,
                person_id=person_id,
                certificate_id=certificate_id,
                application_id=application_id,
                valid_from=applied_on,
                valid_until=str_until,
                status=status,
                status_reason="Sertifikat kompetensi dibekukan (sintetis)." if status == "suspended" else "",
                status_category=SYNTHETIC_CATEGORIES.get(status, ""),
                credential_id=credential_id,
            )
            for obj in (application, credential, record):
                obj._history_date = at(applied_on, 15)
            rows[StrApplication].append(application)
            rows[Credential].append(credential)
            rows[Str].append(record)
            counts["strs"] += 1
            counts["credentials"] += 1
        if rng.random() >= LICENCE_SHARE:
            continue
        decree_date = min(today, applied_on + datetime.timedelta(days=rng.randint(14, 90)))
        regency = regencies.get(regency_id) or rng.choice(by_province.get(province_id) or list(regencies.values()))
        authority_id = national.pk if not rule_set.requires_str and national else authorities.get(regency.pk)
        if authority_id is None:
            continue
        licence_until = period_end(decree_date, years=rule_set.licence_validity_years)
        licence_until = min(d for d in (licence_until, str_until, certificate_until) if d)
        if licence_until < decree_date:
            continue
        if authority_id == getattr(national, "pk", None):
            parts = {"year": decree_date.year}
            number = NATIONAL_LICENCE_NUMBER.format(next_serial(NATIONAL_LICENCE_NUMBER.series(**parts)), **parts)
        else:
            parts = {"regency": regency.nik_code, "year": decree_date.year}
            number = LICENCE_NUMBER.format(next_serial(LICENCE_NUMBER.series(**parts)), **parts)
        setting = rng.choices(settings_, weights)[0]
        place = PLACES[setting].format(regency=regency.name)
        application_id, licence_id, credential_id = take(LicenceApplication), take(Licence), take(Credential)
        status = status_for(licence_until, certificate_status)
        application = build(
            LicenceApplication,
            id=application_id,
            person_id=person_id,
            rule_set_id=rule_set.id,
            certificate_id=certificate_id,
            str_record_id=str_id,
            setting=setting,
            place=place,
            regency_id=regency.pk,
            field=field or "umum",
            authority_id=authority_id,
            status="granted",
            submitted_at=at(applied_on, 10),
            decided_at=at(decree_date, 14),
            version=1,
        )
        credential = build(
            Credential,
            id=credential_id,
            kind=Credential.Kind.LICENCE,
            number=number,
            holder_name=name,
            issuer_name=authority_names[authority_id],
            subject_type_id=licence_ct.id,
            subject_id=licence_id,
            holder_type_id=person_ct.id,
            holder_id=person_id,
            valid_from=decree_date,
            valid_until=licence_until,
            status=status,
            status_category=SYNTHETIC_CATEGORIES.get(status, ""),
            status_changed_at=now,
            issued_at=at(decree_date, 14),
            claims=licence_claims(field=field or "umum", setting=setting, regency=regency.name),
        )
        licence = build(
            Licence,
            id=licence_id,
            number=number,
            person_id=person_id,
            application_id=application_id,
            authority_id=authority_id,
            decree_number=f"{decree_date.year}/{licence_id}/SIPPS",
            decree_date=decree_date,
            valid_from=decree_date,
            valid_until=licence_until,
            status=status,
            status_reason="Sertifikat kompetensi dibekukan (sintetis)." if status == "suspended" else "",
            status_category=SYNTHETIC_CATEGORIES.get(status, ""),
            credential_id=credential_id,
        )
        for obj in (application, credential, licence):
            obj._history_date = at(decree_date, 14)
        rows[LicenceApplication].append(application)
        rows[Credential].append(credential)
        rows[Licence].append(licence)
        counts["licences"] += 1
        counts["credentials"] += 1
        if len(rows[Credential]) >= 5000:
            _flush(rows)
    _flush(rows)
    bar.close()
    for counter in counters.values():
        if counter.pk is None:
            counter.save()
        else:
            Counter.objects.filter(pk=counter.pk).update(value=counter.value)
    return counts


def _flush(rows: dict) -> None:
    for model, objs in rows.items():  # in dependency order: applications, credentials, then the records
        bulk_insert(model, objs)
        objs.clear()
