"""One application waiting per person and licensing authority (and one STR application per
person), held by the database so that two arriving at once cannot both be accepted.

Existing duplicates would stop the constraints from being created. Nothing is deleted: in each
group of applications still waiting (submitted or recommended) for the same person and authority
(for an STR: the same person), the earliest submitted stays waiting and every later one is closed
as refused (licence) or rejected (STR), with the reason written on it and in its change history.
The applicant can apply again once the waiting one is decided. On a register without duplicates
this changes nothing. Reversing drops the constraints and leaves the closed applications closed."""

from django.db import migrations, models
from django.utils import timezone

REASON = (
    "Ditutup otomatis: permohonan ganda. Permohonan sebelumnya (#%(kept)s) kepada instansi yang sama "
    "masih menunggu keputusan; satu permohonan per instansi pada satu waktu."
)
STR_REASON = (
    "Ditutup otomatis: permohonan ganda. Permohonan STR sebelumnya (#%(kept)s) masih menunggu keputusan; "
    "satu permohonan STR pada satu waktu."
)


def _close(apps, model_name, waiting, closed, group_fields, reason):
    Model = apps.get_model("licensing", model_name)
    History = apps.get_model("licensing", f"Historical{model_name}")
    now = timezone.now()
    kept: dict[tuple, int] = {}
    for application in Model.objects.filter(status__in=waiting).order_by("submitted_at", "pk"):
        key = tuple(getattr(application, f) for f in group_fields)
        if key not in kept:
            kept[key] = application.pk
            continue
        application.status = closed
        application.reason = reason % {"kept": kept[key]}
        application.decided_at = now
        application.version += 1
        application.save(update_fields=["status", "reason", "decided_at", "version"])
        history = History(history_date=now, history_type="~", history_change_reason="duplicate closed (migration 0008)")
        for field in Model._meta.concrete_fields:
            setattr(history, field.attname, getattr(application, field.attname))
        history.save()


def close_duplicates(apps, schema_editor):
    _close(apps, "LicenceApplication", ["submitted", "recommended"], "refused", ["person_id", "authority_id"], REASON)
    _close(apps, "StrApplication", ["submitted"], "rejected", ["person_id"], STR_REASON)


class Migration(migrations.Migration):
    dependencies = [
        ("licensing", "0007_validity_labelled_as_issuer_setting"),
    ]

    operations = [
        migrations.RunPython(close_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="licenceapplication",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status__in", ["submitted", "recommended"])),
                fields=("person", "authority"),
                name="one_waiting_licence_application_per_person_and_authority",
            ),
        ),
        migrations.AddConstraint(
            model_name="strapplication",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "submitted")),
                fields=("person",),
                name="one_waiting_str_application_per_person",
            ),
        ),
    ]
