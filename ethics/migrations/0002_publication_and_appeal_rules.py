"""The DPP's settings for sanctions, as dated data with their source.

Neither UU 14/2019 nor the Kodepeksos (Kongres III, 2010) that we could read fixes how long a
member has to appeal or how long a sanction stays on the public register: these are the DPP's
settings ("ditetapkan oleh DPP IPSPI"), changed by adding a row, never code. Seeded: 30 days to
appeal; a warning never public; a suspension public while in force and 12 months after it ends;
a revocation public with no end (a membership revoked stays revoked)."""

import datetime

from django.db import migrations

BASIS = "UU 14/2019 tentang Pekerja Sosial (Dewan Kehormatan Kode Etik); Kode Etik Pekerja Sosial IPSPI, Kongres III 2010"
START = datetime.date(2019, 9, 3)


def load(apps, schema_editor):
    AppealPeriod = apps.get_model("ethics", "AppealPeriod")
    PublicationRule = apps.get_model("ethics", "PublicationRule")
    AppealPeriod.objects.create(
        valid_from=START, days=30, source=f"{BASIS}; jangka waktu banding 30 hari: ditetapkan oleh DPP IPSPI"
    )
    for kind, shown, months, setting in (
        ("warning", False, 0, "teguran tidak diumumkan: ditetapkan oleh DPP IPSPI"),
        ("suspension", True, 12, "diumumkan selama berlaku dan 12 bulan sesudahnya: ditetapkan oleh DPP IPSPI"),
        ("revocation", True, 0, "pencabutan diumumkan tanpa batas waktu: ditetapkan oleh DPP IPSPI"),
    ):
        PublicationRule.objects.create(
            valid_from=START,
            kind=kind,
            shown_publicly=shown,
            public_category="ethics_council",
            months_after_end=months,
            source=f"{BASIS}; {setting}",
        )


class Migration(migrations.Migration):
    dependencies = [("ethics", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
