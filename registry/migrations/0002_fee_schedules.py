"""Yearly dues per category. IPSPI's dues decree is not public, so
these rows are placeholders the DPP replaces by adding rows citing its own decree."""

import datetime

from django.db import migrations

SOURCE = "SK DPP IPSPI No. 04/2010 tentang Sistem Keanggotaan (iuran anggota; nilai sementara sampai SK iuran DPP ditetapkan)"
AMOUNTS = {"biasa": 120_000, "rekan": 60_000}


def forwards(apps, schema_editor):
    FeeSchedule = apps.get_model("registry", "FeeSchedule")
    for year in range(2024, 2031):
        for category, amount in AMOUNTS.items():
            FeeSchedule.objects.get_or_create(
                category=category,
                year=year,
                valid_from=datetime.date(year - 1, 10, 1),
                defaults={"amount": amount, "due_month": 3, "grace_days": 90, "source": SOURCE},
            )


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
