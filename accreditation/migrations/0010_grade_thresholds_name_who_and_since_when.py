"""An instrument's grade thresholds are BALKS's setting: the source now says who set them and
since when ("ditetapkan oleh BALKS sejak 1 Juli 2025"), which an official can sign."""

from django.db import migrations

from core.dates import format_id

OLD = (
    "ambang nilai: pengaturan BALKS (tidak diatur dalam peraturan)",
    "ambang nilai: nilai bawaan Peksos (tidak dipublikasikan)",
)


def new_label(instrument) -> str:
    return f"ambang nilai: ditetapkan oleh BALKS sejak {format_id(instrument.valid_from)} (tidak diatur dalam peraturan)"


def relabel(apps, schema_editor):
    Instrument = apps.get_model("accreditation", "Instrument")
    for instrument in Instrument.objects.all():
        for old in OLD:
            if old in instrument.source and instrument.valid_from:
                instrument.source = instrument.source.replace(old, new_label(instrument))
                instrument.save(update_fields=["source"])


class Migration(migrations.Migration):
    dependencies = [("accreditation", "0009_balks_return_refuse_and_batch_removal")]
    operations = [migrations.RunPython(relabel, migrations.RunPython.noop)]
