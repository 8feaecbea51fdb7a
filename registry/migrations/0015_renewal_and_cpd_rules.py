"""The member card's renewal requirements and the CPD rules, as data the DPP owns.

Neither the card's renewal nor CPD credits are set in a regulation we could reach: the rows below
are the consortium's assumption until the DPP sets them (each says so in its source), and a new
setting is a new row from a date."""

import datetime
from decimal import Decimal

from django.db import migrations

ASSUMED = "Ditetapkan DPP IPSPI (asumsi konsorsium sampai ditetapkan)"
CARD_FROM = datetime.date(1990, 1, 1)  # as the card validity (0013): the rule every card has had
CPD_FROM = datetime.date(2019, 9, 3)  # the STR (UU 14/2019) the credits are counted over


def seed(apps, schema_editor):
    RenewalRequirement = apps.get_model("core", "RenewalRequirement")
    CpdCreditRate = apps.get_model("registry", "CpdCreditRate")
    CpdRequirement = apps.get_model("registry", "CpdRequirement")
    for code in ("membership_active", "dues_paid"):
        RenewalRequirement.objects.get_or_create(
            kind="member_card",
            code=code,
            valid_from=CARD_FROM,
            defaults={"source": f"{ASSUMED}: kartu diperpanjang otomatis bagi anggota aktif yang iurannya lunas"},
        )
    for category in ("training", "seminar", "supervision", "publication", "teaching", "practice"):
        CpdCreditRate.objects.get_or_create(
            category=category,
            valid_from=CPD_FROM,
            defaults={"credits_per_hour": Decimal("1.00"), "source": f"{ASSUMED}: 1 kredit per jam kegiatan"},
        )
    CpdRequirement.objects.get_or_create(
        valid_from=CPD_FROM,
        defaults={"credits_required": 60, "source": f"{ASSUMED}: 60 kredit PKB per masa berlaku STR"},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_renewal_requirement"),
        ("registry", "0014_cpd"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
