"""Scenario 6: clock edges of the nightly run (python -m faults.clock, on a database of its own).

The nightly `run_scheduled` runs with the clock set (django.utils.timezone.now patched, as a fixed
clock would be) at 23:59 and at 00:01 Asia/Jakarta around three edges: a year end (31 December
2026), the day before a leap day (28 February 2028) and a leap day (29 February 2028). For each
edge one member card, one competency certificate, one STR and one practice licence end on that
day: each must read valid after the 23:59 run and ended (expired, or renewed where the nightly
run renewed it) after the 00:01 run, as the public verification reads it at that moment. Also:
what the issuing rules give as the last day of a card, certificate, STR and licence issued on
29 February 2028 (the day before the anniversary; 28 February in a common year).

Its own database (a copy of the freshly migrated one, with a small synthetic register added
here), because moving the clock to 2028 would end most of the shared register's credentials.
Prints one JSON line: the result.
"""

from __future__ import annotations

import datetime
import io
import json
import os
import sys
from unittest import mock

EDGES = [datetime.date(2026, 12, 31), datetime.date(2028, 2, 28), datetime.date(2028, 2, 29)]
FAR = datetime.date(2031, 12, 31)  # the rest of the register outlives every edge
KINDS = ("card", "certificate", "str", "licence")


def _instants():
    from zoneinfo import ZoneInfo

    jakarta = ZoneInfo("Asia/Jakarta")
    moments = []
    for edge in EDGES:
        moments.append(datetime.datetime.combine(edge, datetime.time(23, 59), jakarta))
        moments.append(datetime.datetime.combine(edge + datetime.timedelta(days=1), datetime.time(0, 1), jakarta))
    return sorted(moments)


def _prepare(members: int) -> dict[str, list]:
    """A small register; everything valid lasts to FAR, then one record of each kind per edge ends
    on that edge. STRs and licences are picked among those whose basis is not picked, so that
    what is judged is each record's own end."""
    from django.core.management import call_command
    from django.db import transaction

    from certification.models import Certificate
    from credentials.models import Credential
    from licensing.models import Licence, Status, Str
    from registry.models import DuesInvoice, FeeSchedule, Member

    call_command("generate_synthetic", "--members", str(members), "--lks", "5", "--seed", "26", stdout=io.StringIO())
    with transaction.atomic():
        Credential.objects.filter(status=Credential.Status.VALID, valid_until__isnull=False).update(valid_until=FAR)
        Certificate.objects.filter(status=Certificate.Status.VALID, valid_until__isnull=False).update(valid_until=FAR)
        Str.objects.filter(status=Status.VALID).update(valid_until=FAR)
        Licence.objects.filter(status=Status.VALID).update(valid_until=FAR)
        Member.objects.filter(status=Member.Status.ACTIVE).update(card_valid_until=FAR)
        licence_basis_strs = set(Licence.objects.values_list("application__str_record_id", flat=True))
        basis_certificates = set(Str.objects.values_list("certificate_id", flat=True)) | set(
            Licence.objects.values_list("application__certificate_id", flat=True)
        )
        picks = {
            "card": list(
                Member.objects.filter(status=Member.Status.ACTIVE, credential__status=Credential.Status.VALID)
                .exclude(invoices__status="open")
                .order_by("pk")[: len(EDGES)]
            ),
            "certificate": list(
                Certificate.objects.filter(status=Certificate.Status.VALID, credential__isnull=False)
                .exclude(pk__in=[pk for pk in basis_certificates if pk])
                .order_by("pk")[: len(EDGES)]
            ),
            "str": list(
                Str.objects.filter(status=Status.VALID, credential__isnull=False)
                .exclude(pk__in=[pk for pk in licence_basis_strs if pk])
                .order_by("pk")[: len(EDGES)]
            ),
            "licence": list(Licence.objects.filter(status=Status.VALID, credential__isnull=False).order_by("pk")[: len(EDGES)]),
        }
        # The picked members pay their dues for every year the clock passes through: an unpaid
        # year would lapse the membership and suspend the card, which is not what is judged here.
        for member in picks["card"]:
            fee = FeeSchedule.objects.filter(category=member.category).order_by("-year").first()
            for year in range(EDGES[0].year, EDGES[-1].year + 1):
                DuesInvoice.objects.get_or_create(
                    member=member,
                    year=year,
                    defaults={
                        "fee_schedule": fee,
                        "amount": fee.amount,
                        "due_on": datetime.date(year, 3, 31),
                        "grace_until": datetime.date(year, 6, 30),
                        "status": DuesInvoice.Status.PAID,
                        "paid_on": datetime.date(year, 1, 2),
                    },
                )
        for kind, records in picks.items():
            if len(records) < len(EDGES):
                raise SystemExit(f"the small register has {len(records)} valid {kind}(s), {len(EDGES)} are needed")
            for record, edge in zip(records, EDGES, strict=True):
                field = "card_valid_until" if kind == "card" else "valid_until"
                type(record).objects.filter(pk=record.pk).update(**{field: edge})
                Credential.objects.filter(pk=record.credential_id).update(valid_until=edge)
    return picks


def _standing(record, credential_id: int) -> tuple[str, str]:
    """(the record's own status, the public standing of the credential it had when picked: a card
    renewed by the nightly run points at its new card, the old one must read renewed) as read now."""
    from credentials.models import Credential

    record.refresh_from_db()
    return record.status, Credential.objects.get(pk=credential_id).current_status()


def _issued_on_leap_day() -> dict:
    from certification.models import EligibilityRuleSet
    from licensing.models import LicensingRuleSet
    from registry.services import card_valid_until, card_validity_on

    day = datetime.date(2028, 2, 29)
    rules = LicensingRuleSet.objects.in_force(day).order_by("-valid_from").first()
    certificate_rules = EligibilityRuleSet.objects.in_force(day).exclude(certificate_validity_months=None).first()
    from core.dates import period_end

    ends = {
        "card": card_valid_until(day, card_validity_on(day)),
        "certificate": certificate_rules.certificate_valid_until(day) if certificate_rules else None,
        # licensing.services computes both with period_end from the rule set's years
        "str": period_end(day, years=rules.str_validity_years) if rules else None,
        "licence": period_end(day, years=rules.licence_validity_years) if rules else None,
    }
    years = {
        "card": card_validity_on(day).years,
        "certificate": (certificate_rules.certificate_validity_months / 12) if certificate_rules else None,
        "str": rules.str_validity_years if rules else None,
        "licence": rules.licence_validity_years if rules else None,
    }
    return {k: {"years": years[k], "ends": v.isoformat() if v else None} for k, v in ends.items()}


def main() -> int:
    import django

    django.setup()
    from django.core.management import CommandError, call_command
    from django.utils import timezone

    members = int(os.environ.get("FAULTS_CLOCK_MEMBERS", "400"))
    picks = _prepare(members)
    credentials = {id(r): r.credential_id for records in picks.values() for r in records}
    runs, problems = [], []
    for instant in _instants():
        with mock.patch("django.utils.timezone.now", return_value=instant.astimezone(datetime.UTC)):
            local_day = timezone.localdate()
            try:
                call_command("run_scheduled", "-v0", stdout=io.StringIO(), stderr=io.StringIO())
                outcome = "ok"
            except CommandError as exc:  # rules missing for 2027/2028 (fee schedules): told, not a crash
                outcome = f"ended with: {str(exc)[:120]}"
            seen = {}
            for kind, records in picks.items():
                for record, edge in zip(records, EDGES, strict=True):
                    own, public = _standing(record, credentials[id(record)])
                    ended = local_day > edge
                    right = public in ("expired", "renewed") if ended else public == "valid"
                    seen[f"{kind} ending {edge.isoformat()}"] = f"{own}/{public}"
                    if not right:
                        problems.append(
                            f"{kind} ending {edge.isoformat()} reads {public!r} (own status {own!r}) at "
                            f"{instant.strftime('%Y-%m-%d %H:%M')} WIB"
                        )
        runs.append({"at": instant.strftime("%Y-%m-%d %H:%M %Z"), "day": local_day.isoformat(), "run": outcome, "read": seen})
    leap = _issued_on_leap_day()
    wrong_leap = {k: v for k, v in leap.items() if v["ends"] and not v["ends"].endswith("-02-28")}
    print(json.dumps({"runs": runs, "problems": problems, "issued_on_29_february": leap, "wrong_leap_ends": wrong_leap}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
