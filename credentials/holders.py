"""Back-filling `Credential.holder` for credentials issued before credentials knew their holder.

Each domain app's data migration calls `fill_holders_operation` for its own subject models, so
`credentials` never names the apps above it."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def fill_holders_operation(subject_app: str, subjects: list[tuple[str, str, str]]) -> migrations.RunPython:
    """`subjects`: (subject model, its column naming the holder, "app_label.HolderModel")."""

    def fill(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        Credential = apps.get_model("credentials", "Credential")
        for subject, holder_field, holder_model in subjects:
            holder_app, holder_name = holder_model.split(".")
            subject_ct = ContentType.objects.filter(app_label=subject_app, model=subject.lower()).first()
            holder_ct = ContentType.objects.filter(app_label=holder_app, model=holder_name.lower()).first()
            if subject_ct is None or holder_ct is None:
                continue  # a new database: no credential can point at a type that does not exist yet
            holder_ids = apps.get_model(subject_app, subject).objects.filter(pk=OuterRef("subject_id")).values(holder_field)[:1]
            Credential.objects.filter(subject_type=subject_ct, holder_id__isnull=True).update(
                holder_type=holder_ct, holder_id=Subquery(holder_ids)
            )

    return migrations.RunPython(fill, migrations.RunPython.noop)
