import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Province",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.CharField(max_length=2, unique=True, verbose_name="Kemendagri code")),
                ("name", models.CharField(max_length=100, verbose_name="name")),
            ],
            options={"ordering": ["code"], "verbose_name": "province", "verbose_name_plural": "provinces"},
        ),
        migrations.CreateModel(
            name="Regency",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.CharField(help_text="32.73", max_length=5, unique=True, verbose_name="Kemendagri code")),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                ("kind", models.CharField(choices=[("kabupaten", "regency (kabupaten)"), ("kota", "city (kota)")], max_length=10, verbose_name="kind")),
                ("province", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="regencies", to="regions.province", verbose_name="province")),
            ],
            options={"ordering": ["code"], "verbose_name": "regency/city", "verbose_name_plural": "regencies/cities"},
        ),
    ]
