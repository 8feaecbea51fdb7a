"""The competency certificate's renewal checklist as data, the LSP's setting: no regulation we
could reach says what renewing a certificate asks, so the rows below are the consortium's
assumption until the LSP sets its own (each says so in its source), and a new setting is a new
row from a date. From UU 14/2019, when IPSPI's CPD (PKB) credits begin to be counted."""

import datetime

from django.db import migrations

FROM = datetime.date(2019, 9, 3)
ASSUMED = "Ditetapkan LSP (asumsi konsorsium sampai ditetapkan)"
REQUIREMENTS = [
    ("dues_paid", f"{ASSUMED}: keanggotaan IPSPI aktif dan iuran lunas"),
    ("cpd_credits", f"{ASSUMED}: kredit PKB masa berlaku sertifikat sesuai ketentuan PKB DPP IPSPI"),
    ("renewal_portfolio", f"{ASSUMED}: permohonan perpanjangan dengan portofolio praktik selama masa berlaku"),
]


def seed(apps, schema_editor):
    RenewalRequirement = apps.get_model("core", "RenewalRequirement")
    for code, source in REQUIREMENTS:
        RenewalRequirement.objects.get_or_create(kind="certificate", code=code, valid_from=FROM, defaults={"source": source})


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_renewal_requirement"),
        ("certification", "0010_renewal_requests_and_renewed_status"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
