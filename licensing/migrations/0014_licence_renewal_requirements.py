"""The practice licence's (SIPPS) renewal checklist as data: under UU 14/2019 Pasal 28 and
Permensos 17/2020 a licence rests on a valid STR and a valid competency certificate, so its
renewal asks for both for the new period (the day after the old licence ends)."""

import datetime

from django.db import migrations

FROM = datetime.date(2019, 9, 3)  # the STR regime (licensing 0002), as the STR's checklist (0011)
LAW = "Undang-Undang Nomor 14 Tahun 2019 tentang Pekerja Sosial Pasal 28; Peraturan Menteri Sosial Nomor 17 Tahun 2020"


def seed(apps, schema_editor):
    RenewalRequirement = apps.get_model("core", "RenewalRequirement")
    for code in ("certificate_valid", "str_valid"):
        RenewalRequirement.objects.get_or_create(kind="licence", code=code, valid_from=FROM, defaults={"source": LAW})


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_renewal_requirement"),
        ("licensing", "0013_merge_0010_str_pdf_0012_merge_20261207_1350"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
