"""Fill in the holder of the credentials issued before credentials knew their holder."""

from django.db import migrations

from credentials.holders import fill_holders_operation


class Migration(migrations.Migration):
    dependencies = [
        ("credentials", "0003_credential_holder"),
        ("accreditation", "0002_reference_data"),
    ]

    operations = [fill_holders_operation("accreditation", [("Accreditation", "lks_id", "accreditation.LKS")])]
