"""Dues receipts get a verification id, so that their QR code opens a public page. Every receipt
already numbered gets its id here; one numbered later by a path that skips the model (a bulk
import) gets it the first time it is printed (DuesPayment.verification_id). A confirmed payment
can be cancelled, and its receipt's page then says so."""

import secrets

from django.db import migrations, models

STATUS_CHOICES = [
    ("submitted", "awaiting confirmation"),
    ("confirmed", "confirmed"),
    ("rejected", "rejected"),
    ("cancelled", "cancelled (receipt withdrawn)"),
]


def give_existing_receipts_an_id(apps, schema_editor):
    DuesPayment = apps.get_model("registry", "DuesPayment")
    waiting = DuesPayment.objects.filter(receipt_number__isnull=False, public_id__isnull=True).values_list("pk", flat=True)
    for pk in waiting.iterator(chunk_size=2000):
        # The same form as credentials.models.new_public_id (historical models have no methods).
        DuesPayment.objects.filter(pk=pk).update(public_id=secrets.token_urlsafe(12))


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0016_merge_20261207_1350"),
    ]

    operations = [
        migrations.AddField(
            model_name="duespayment",
            name="public_id",
            field=models.CharField(
                blank=True, editable=False, max_length=32, null=True, unique=True, verbose_name="verification id"
            ),
        ),
        migrations.AddField(
            model_name="historicalduespayment",
            name="public_id",
            field=models.CharField(
                blank=True, db_index=True, editable=False, max_length=32, null=True, verbose_name="verification id"
            ),
        ),
        migrations.RunPython(give_existing_receipts_an_id, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="duespayment",
            name="status",
            field=models.CharField(choices=STATUS_CHOICES, default="submitted", max_length=10, verbose_name="status"),
        ),
        migrations.AlterField(
            model_name="historicalduespayment",
            name="status",
            field=models.CharField(choices=STATUS_CHOICES, default="submitted", max_length=10, verbose_name="status"),
        ),
    ]
