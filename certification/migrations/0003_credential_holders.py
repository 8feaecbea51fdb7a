"""Fill in the holder of the credentials issued before credentials knew their holder."""

from django.db import migrations

from credentials.holders import fill_holders_operation


class Migration(migrations.Migration):
    dependencies = [
        ("credentials", "0003_credential_holder"),
        ("certification", "0002_seed_rules"),
    ]

    operations = [fill_holders_operation("certification", [("Certificate", "person_id", "registry.Person")])]
