import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"


def load(apps, schema_editor):
    from regions.names import display_name

    Province = apps.get_model("regions", "Province")
    Regency = apps.get_model("regions", "Regency")
    with open(DATA / "provinces.csv", encoding="utf-8") as f:
        provinces = {row["code"]: Province(code=row["code"], name=display_name(row["name"])) for row in csv.DictReader(f)}
    Province.objects.bulk_create(provinces.values())
    by_code = {p.code: p for p in Province.objects.all()}
    with open(DATA / "regencies.csv", encoding="utf-8") as f:
        Regency.objects.bulk_create(
            Regency(
                code=row["code"],
                province=by_code[row["province_code"]],
                name=display_name(row["name"]),
                kind="kota" if row["name"].upper().startswith("KOTA ") else "kabupaten",
            )
            for row in csv.DictReader(f)
        )


def unload(apps, schema_editor):
    apps.get_model("regions", "Regency").objects.all().delete()
    apps.get_model("regions", "Province").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("regions", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
