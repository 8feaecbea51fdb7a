"""Synthetic competency certification for benchmarks (``manage.py generate_synthetic``).

For members the registry generator created (e-mail at its synthetic domain) that have no
certification application yet: applications in every status, and for the competent ones a
certificate (number ``<LSP>.<level>.<year>.<serial>`` from the counter series, advanced), its
rule set in force on the issue date, and its credential (created in bulk, same public fields
as ``certification.services``). Statuses: valid, expired (past the rule set's validity),
suspended, revoked.
"""

from __future__ import annotations

import datetime
import random

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from core.management.commands.generate_synthetic import build, bulk_insert, next_pk
from core.models import Counter

SYNTHETIC_CATEGORIES = {"suspended": "suspended_temporarily", "revoked": "ethics_council", "expired": "validity_ended"}
CERTIFIED_SHARE = 0.35  # of full (biasa) members
OTHER_OUTCOMES = [
    ("submitted", 3),
    ("eligible", 2),
    ("ineligible", 2),
    ("scheduled", 2),
    ("not_yet_competent", 2),
    ("withdrawn", 1),
]
SCHEMES = [
    # LSP code, scheme code, title, level, field
    ("LSPS", "SKM-PSG-UMUM", "Pekerja Sosial Generalis", "PSG", "umum"),
    ("LSPS", "SKM-PSS-ANAK", "Pekerja Sosial Spesialis Anak", "PSS", "anak"),
    ("LSPS", "SKM-PSS-LANSIA", "Pekerja Sosial Spesialis Lanjut Usia", "PSS", "lanjut_usia"),
    ("LSPS", "SKM-APS", "Asisten Pekerja Sosial", "APS", "umum"),
    ("LSPKEMENSOS", "KMS-PSG-DISABILITAS", "Pekerja Sosial Generalis Disabilitas", "PSG", "disabilitas"),
    ("LSPKEMENSOS", "KMS-PSG-BENCANA", "Pekerja Sosial Generalis Kebencanaan", "PSG", "bencana"),
]
LSP_NAMES = {
    "LSPS": "Lembaga Sertifikasi Pekerjaan Sosial (LSPS)",
    "LSPKEMENSOS": "LSP Kementerian Sosial RI",
}


def generate(*, members: int, lks: int, seed: int, progress) -> dict:
    from credentials.models import Credential
    from registry.models import Member, Person
    from registry.synthetic import SYNTHETIC_DOMAIN

    from .models import (
        LSP,
        Certificate,
        CertificationApplication,
        EligibilityRuleSet,
        Scheme,
        certificate_number,
        certificate_series,
    )

    if members <= 0:
        return {}
    lsps = {code: LSP.objects.get_or_create(code=code, defaults={"name": name})[0] for code, name in LSP_NAMES.items()}
    schemes = [
        Scheme.objects.get_or_create(
            lsp=lsps[lsp], code=code, defaults={"title": title, "level": level, "practice_field": field}
        )[0]
        for lsp, code, title, level, field in SCHEMES
    ]
    rule_sets = list(
        EligibilityRuleSet.objects.filter(purpose=EligibilityRuleSet.Purpose.CERTIFICATION).order_by("order", "valid_from")
    )

    def rule_set_on(day: datetime.date):
        in_force = [r for r in rule_sets if r.valid_from <= day and (r.valid_until is None or day <= r.valid_until)]
        return in_force[0] if in_force else None

    candidates = list(
        Member.objects.filter(person__email__endswith="@" + SYNTHETIC_DOMAIN, person__certification_applications__isnull=True)
        .order_by("pk")
        .values_list("pk", "person_id", "person__full_name", "category", "status", "joined_on")
    )
    offset = Certificate.objects.count()
    rng = random.Random(f"certification:{seed}:{offset}:{len(candidates)}")  # noqa: S311 (reproducible test data)
    today = timezone.localdate()
    now = timezone.now()
    counters = {c.series: c for c in Counter.objects.filter(series__startswith="certificate:")}
    certificate_ct = ContentType.objects.get_for_model(Certificate)
    person_ct = ContentType.objects.get_for_model(Person)
    ids = {model: next_pk(model) for model in (CertificationApplication, Certificate, Credential)}

    def take(model):
        value = ids[model]
        ids[model] = value + 1
        return value

    other = [v for v, _w in OTHER_OUTCOMES]
    other_weights = [w for _v, w in OTHER_OUTCOMES]
    applications, certificates, credentials = [], [], []
    counts = dict.fromkeys(["applications", "certificates", "credentials"], 0)
    bar = progress("certification", len(candidates))
    for member_id, person_id, name, category, member_status, joined in candidates:
        bar.update(1)
        roll = rng.random()
        certified = category == "biasa" and member_status in ("active", "lapsed", "suspended") and roll < CERTIFIED_SHARE
        if not certified and roll > 0.9:
            outcome = rng.choices(other, other_weights)[0]
        elif certified:
            outcome = "competent"
        else:
            continue
        scheme = rng.choice(schemes)
        submitted_on = min(today - datetime.timedelta(days=30), joined + datetime.timedelta(days=rng.randint(60, 1500)))
        submitted = timezone.make_aware(datetime.datetime.combine(submitted_on, datetime.time(10)))
        rule_set = rule_set_on(submitted_on)
        application = build(
            CertificationApplication,
            id=take(CertificationApplication),
            person_id=person_id,
            member_id=member_id,
            scheme_id=scheme.id,
            status=outcome,
            rule_set_id=rule_set.id if rule_set else None,
            eligibility={"eligible": outcome not in ("ineligible", "submitted")},
            failed_criteria=[] if outcome != "ineligible" else ["practice"],
            submitted_at=submitted,
            created_at=submitted,
            reason="Pengalaman praktik kurang dari 2 tahun." if outcome == "ineligible" else "",
            decided_at=submitted + datetime.timedelta(days=45) if outcome in ("competent", "not_yet_competent") else None,
        )
        application._history_date = submitted
        applications.append(application)
        counts["applications"] += 1
        if outcome != "competent":
            continue
        issued = min(today, submitted_on + datetime.timedelta(days=45))
        lsp = lsps["LSPS" if scheme.lsp_id == lsps["LSPS"].id else "LSPKEMENSOS"]
        series = certificate_series(lsp.code, issued.year)
        counter = counters.get(series) or counters.setdefault(series, Counter(series=series, value=0))
        counter.value += 1
        number = certificate_number(lsp.code, scheme.level, issued.year, counter.value)
        valid_until = rule_set.certificate_valid_until(issued) if rule_set else None
        status = "valid"
        if valid_until and valid_until < today:
            status = "expired"
        elif member_status == "suspended" or rng.random() < 0.01:
            status = "suspended"
        elif rng.random() < 0.005:
            status = "revoked"
        certificate_id = take(Certificate)
        credential = build(
            Credential,
            id=take(Credential),
            kind=Credential.Kind.CERTIFICATE,
            number=number,
            holder_name=name,
            issuer_name=lsp.name,
            subject_type_id=certificate_ct.id,
            subject_id=certificate_id,
            holder_type_id=person_ct.id,
            holder_id=person_id,
            valid_from=issued,
            valid_until=valid_until,
            status=status,
            status_category=SYNTHETIC_CATEGORIES.get(status, ""),
            status_changed_at=now,
            issued_at=timezone.make_aware(datetime.datetime.combine(issued, datetime.time(14))),
            claims={
                "scheme": scheme.title,
                "level": scheme.get_level_display(),
                "practice_field": scheme.get_practice_field_display(),
                "certifier": lsp.name,
            },
        )
        credential._history_date = credential.issued_at
        credentials.append(credential)
        certificate = build(
            Certificate,
            id=certificate_id,
            number=number,
            application_id=application.id,
            person_id=person_id,
            lsp_id=lsp.id,
            scheme_id=scheme.id,
            level=scheme.level,
            practice_field=scheme.practice_field,
            rule_set_id=rule_set.id if rule_set else None,
            issued_on=issued,
            valid_until=valid_until,
            status=status,
            status_changed_at=now,
            credential_id=credential.id,
            status_reason={"suspended": "Dibekukan (data sintetis).", "revoked": "Dicabut (data sintetis)."}.get(status, ""),
            status_category=SYNTHETIC_CATEGORIES.get(status, ""),
        )
        certificate._history_date = credential.issued_at
        certificates.append(certificate)
        counts["certificates"] += 1
        counts["credentials"] += 1
        if len(applications) >= 5000:
            _flush(applications, credentials, certificates)
    _flush(applications, credentials, certificates)
    bar.close()
    for counter in counters.values():
        if counter.pk is None:
            counter.save()
        else:
            Counter.objects.filter(pk=counter.pk).update(value=counter.value)
    return counts


def _flush(applications: list, credentials: list, certificates: list) -> None:
    from credentials.models import Credential

    from .models import Certificate, CertificationApplication

    bulk_insert(CertificationApplication, applications)
    bulk_insert(Credential, credentials)
    bulk_insert(Certificate, certificates)
    applications.clear()
    credentials.clear()
    certificates.clear()
