"""The STR's renewal checklist as data: the four requirements of UU 14/2019 Pasal 29 asked
again at renewal (a valid competency certificate, a health statement, the oath and the code of
ethics statements), and two the DPP sets as the issuer (paid dues, the CPD credits of the
period), labelled as the consortium's assumption until the DPP sets them."""

import datetime

from django.db import migrations

FROM = datetime.date(2019, 9, 3)  # the STR regime (licensing 0002)
LAW = "Undang-Undang Nomor 14 Tahun 2019 tentang Pekerja Sosial Pasal 29; Peraturan Menteri Sosial Nomor 17 Tahun 2020"
ASSUMED = "Ditetapkan DPP IPSPI (asumsi konsorsium sampai ditetapkan)"
REQUIREMENTS = [
    ("certificate_valid", LAW),
    ("dues_paid", f"{ASSUMED}: iuran anggota lunas"),
    ("cpd_credits", f"{ASSUMED}: kredit PKB masa STR terpenuhi"),
    ("health_statement", LAW),
    ("statements", LAW),
]


def seed(apps, schema_editor):
    RenewalRequirement = apps.get_model("core", "RenewalRequirement")
    for code, source in REQUIREMENTS:
        RenewalRequirement.objects.get_or_create(kind="str", code=code, valid_from=FROM, defaults={"source": source})


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_renewal_requirement"),
        ("licensing", "0010_renewed_status"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
