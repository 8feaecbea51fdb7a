"""The STR's and the SIPPS's validity periods are the issuers' settings (UU 14/2019 and
Permensos 17/2020 set none): the source now names the issuers and the date from which the
setting applies, instead of an anonymous "issuer's setting"."""

from django.db import migrations

from core.dates import format_id

OLD = ("masa berlaku: pengaturan penerbit (tidak diatur dalam peraturan)", "masa berlaku: nilai bawaan Peksos")


def new_label(rule_set) -> str:
    return f"masa berlaku ditetapkan oleh DPP IPSPI (STR) dan kabupaten/kota (SIPPS) sejak {format_id(rule_set.valid_from)}"


def relabel(apps, schema_editor):
    RuleSet = apps.get_model("licensing", "LicensingRuleSet")
    for rule_set in RuleSet.objects.all():
        for old in OLD:
            if old in rule_set.source and rule_set.valid_from:
                rule_set.source = rule_set.source.replace(old, new_label(rule_set))
                rule_set.save(update_fields=["source"])


class Migration(migrations.Migration):
    dependencies = [("licensing", "0009_rule_set_set_by")]
    operations = [migrations.RunPython(relabel, migrations.RunPython.noop)]
