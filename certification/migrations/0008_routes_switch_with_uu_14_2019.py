"""The certification routes change regime on the same day as the licence rules: UU 14/2019,
passed by the DPR on 3 September 2019 (the law as published on peraturan.go.id), which licensing already applies from
that day (licensing 0002). Before, the 2009 rules ended on 31 December 2018 and the new routes
started on 1 January 2019, eight months before the law they cite existed. The LSP board's
composition keeps its own boundary: it follows Permensos 15/2020, not the UU."""

import datetime

from django.db import migrations

SWITCH = datetime.date(2019, 9, 3)
OLD_END, OLD_START = datetime.date(2018, 12, 31), datetime.date(2019, 1, 1)


def align(apps, schema_editor):
    RuleSet = apps.get_model("certification", "EligibilityRuleSet")
    RuleSet.objects.filter(code="permensos-108-huk-2009", valid_until=OLD_END).update(
        valid_until=SWITCH - datetime.timedelta(days=1),
        description=(
            "Sarjana (D4/S1) pekerjaan sosial/kesejahteraan sosial, pengalaman praktik minimal 2 tahun, pelatihan minimal "
            "60 jam. Diterapkan untuk tanggal sampai 2 September 2019; sejak 3 September 2019 (UU 14/2019 disahkan DPR) "
            "berlaku jalur pendidikan dan jalur praktisi."
        ),
    )
    RuleSet.objects.filter(code__in=["jalur-pendidikan-2019", "jalur-praktisi-2019"], valid_from=OLD_START).update(
        valid_from=SWITCH
    )


class Migration(migrations.Migration):
    dependencies = [("certification", "0007_rule_set_education_confers_title")]
    operations = [migrations.RunPython(align, migrations.RunPython.noop)]
