"""Fill in the holder of the credentials issued before credentials knew their holder."""

from django.db import migrations

from credentials.holders import fill_holders_operation


class Migration(migrations.Migration):
    dependencies = [
        ("credentials", "0003_credential_holder"),
        ("registry", "0003_name_search_index"),
    ]

    operations = [fill_holders_operation("registry", [("Member", "person_id", "registry.Person")])]
