"""UU 14/2019 and Permensos 17/2020 set no validity period for the STR and the SIPPS: the period
is the issuer's setting, and the rule set's source says so (it said "Peksos default")."""

from django.db import migrations

OLD = "masa berlaku: nilai bawaan Peksos"
NEW = "masa berlaku: pengaturan penerbit (tidak diatur dalam peraturan)"


def relabel(apps, schema_editor):
    RuleSet = apps.get_model("licensing", "LicensingRuleSet")
    for rule_set in RuleSet.objects.filter(source__contains=OLD):
        rule_set.source = rule_set.source.replace(OLD, NEW)
        rule_set.save(update_fields=["source"])


class Migration(migrations.Migration):
    dependencies = [("licensing", "0006_imported_str_and_licences")]
    operations = [migrations.RunPython(relabel, migrations.RunPython.noop)]
