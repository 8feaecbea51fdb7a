"""The grade thresholds are not published in the regulations: they are BALKS's setting, and the
instrument's source says so (it said "Peksos default", which no official could sign)."""

from django.db import migrations

OLD = "ambang nilai: nilai bawaan Peksos (tidak dipublikasikan)"
NEW = "ambang nilai: pengaturan BALKS (tidak diatur dalam peraturan)"


def relabel(apps, schema_editor):
    Instrument = apps.get_model("accreditation", "Instrument")
    for instrument in Instrument.objects.filter(source__contains=OLD):
        instrument.source = instrument.source.replace(OLD, NEW)
        instrument.save(update_fields=["source"])


class Migration(migrations.Migration):
    dependencies = [("accreditation", "0007_balks_board_criteria_and_assessor_proposals")]
    operations = [migrations.RunPython(relabel, migrations.RunPython.noop)]
