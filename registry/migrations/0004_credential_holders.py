"""Fill in the holder of the credentials issued before credentials knew their holder."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def fill_holders(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Credential = apps.get_model("credentials", "Credential")
    for subject, holder_field, holder_model in [("Member", "person_id", "registry.Person")]:
        subject_ct = ContentType.objects.filter(app_label="registry", model=subject.lower()).first()
        holder_app, holder_name = holder_model.split(".")
        holder_ct = ContentType.objects.filter(app_label=holder_app, model=holder_name.lower()).first()
        if subject_ct is None or holder_ct is None:
            continue  # a new database: no credential can point at a type that does not exist yet
        subjects = apps.get_model("registry", subject).objects.filter(pk=OuterRef("subject_id")).values(holder_field)[:1]
        Credential.objects.filter(subject_type=subject_ct, holder_id__isnull=True).update(holder_type=holder_ct, holder_id=Subquery(subjects))


class Migration(migrations.Migration):
    dependencies = [
        ("credentials", "0003_credential_holder"),
        ("registry", "0003_name_search_index"),
    ]

    operations = [migrations.RunPython(fill_holders, migrations.RunPython.noop)]
