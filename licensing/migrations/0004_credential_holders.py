"""Fill in the holder of the credentials issued before credentials knew their holder."""

from django.db import migrations

from credentials.holders import fill_holders_operation


class Migration(migrations.Migration):
    dependencies = [
        ("credentials", "0003_credential_holder"),
        ("licensing", "0003_renewal"),
    ]

    operations = [fill_holders_operation("licensing", [("Str", "person_id", "registry.Person"), ("Licence", "person_id", "registry.Person")])]
