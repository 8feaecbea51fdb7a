"""The two licensing regimes and one licensing authority per kabupaten/kota plus Kemensos.

STR and SIPPS validity periods are not published in any source we could reach:
five years is the issuer's setting (IPSPI for the STR, each authority for the SIPPS), changed by adding a rule set, not code."""

import datetime

from django.db import migrations


def load(apps, schema_editor):
    RuleSet = apps.get_model("licensing", "LicensingRuleSet")
    Authority = apps.get_model("licensing", "LicensingAuthority")
    Regency = apps.get_model("regions", "Regency")
    RuleSet.objects.create(
        code="permensos-108-huk-2009", name="Lisensi oleh Menteri Sosial melalui LSP (Permensos 108/HUK/2009)", regime="2009",
        valid_from=datetime.date(2009, 1, 1), valid_until=datetime.date(2019, 9, 2),
        source="Peraturan Menteri Sosial Nomor 108/HUK/2009 tentang Sertifikasi bagi Pekerja Sosial Profesional dan Tenaga Kesejahteraan Sosial",
        licence_validity_years=5,
    )
    RuleSet.objects.create(
        code="uu-14-2019", name="STR dari IPSPI dan SIPPS dari kabupaten/kota (UU 14/2019, Permensos 17/2020)", regime="2019",
        valid_from=datetime.date(2019, 9, 3), valid_until=None,
        source="Undang-Undang Nomor 14 Tahun 2019 tentang Pekerja Sosial Pasal 28-29; Peraturan Menteri Sosial Nomor 17 Tahun 2020; masa berlaku: pengaturan penerbit (tidak diatur dalam peraturan)",
        str_validity_years=5, licence_validity_years=5,
    )
    Authority.objects.create(name="Kementerian Sosial Republik Indonesia", level="national")
    Authority.objects.bulk_create(
        Authority(name=f"Pemerintah {regency.name}", level="regency", regency=regency) for regency in Regency.objects.all()
    )


class Migration(migrations.Migration):
    dependencies = [("licensing", "0001_initial"), ("regions", "0002_load_areas")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
