import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import credentials.models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ReportDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.CharField(editable=False, max_length=40, unique=True, verbose_name="number")),
                (
                    "public_id",
                    models.CharField(
                        default=credentials.models.new_public_id,
                        editable=False,
                        max_length=32,
                        unique=True,
                        verbose_name="verification id",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("accreditation", "Validated accreditation results for the Minister's determination"),
                            ("membership", "Monthly membership report"),
                            ("certification", "Certification report"),
                            ("accountability", "Board's accountability report"),
                        ],
                        editable=False,
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                ("issuer_name", models.CharField(editable=False, max_length=200, verbose_name="issuer")),
                ("area", models.CharField(blank=True, editable=False, max_length=500, verbose_name="area")),
                ("period_start", models.DateField(blank=True, editable=False, null=True, verbose_name="from")),
                ("period_end", models.DateField(blank=True, editable=False, null=True, verbose_name="until")),
                (
                    "made_at",
                    models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name="made at"),
                ),
                (
                    "made_by",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="made by",
                    ),
                ),
            ],
            options={
                "verbose_name": "report document",
                "verbose_name_plural": "report documents",
                "ordering": ["-made_at", "-pk"],
            },
        ),
    ]
