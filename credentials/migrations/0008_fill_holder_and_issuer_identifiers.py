"""Every existing holder gets their identifier and every existing credential its issuer's, in a
few statements whatever the number of rows (a decade of records): one INSERT per batch of new
holders, one UPDATE for the credentials' copies, one UPDATE per issuing body's name.

The credentials already signed keep their signed form (and keep verifying with the JWKS); the
copies serve the credentials issued to the same holders from now on, and the public answers."""

import uuid

from django.db import migrations
from django.db.models import OuterRef, Subquery

BATCH = 5000


def fill(apps, schema_editor):
    from credentials.models import issuer_slug  # a pure function of the name: the same mapping as issuing

    Credential = apps.get_model("credentials", "Credential")
    HolderIdentifier = apps.get_model("credentials", "HolderIdentifier")
    holders = (
        Credential.objects.filter(holder_id__isnull=False)
        .values_list("holder_type_id", "holder_id")
        .distinct()
        .order_by()
    )
    batch = []
    for holder_type_id, holder_id in holders.iterator(chunk_size=BATCH):
        batch.append(HolderIdentifier(holder_type_id=holder_type_id, holder_id=holder_id, uid=uuid.uuid4()))
        if len(batch) == BATCH:
            HolderIdentifier.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    HolderIdentifier.objects.bulk_create(batch, ignore_conflicts=True)
    uid = HolderIdentifier.objects.filter(holder_type_id=OuterRef("holder_type_id"), holder_id=OuterRef("holder_id"))
    Credential.objects.filter(holder_id__isnull=False, holder_uid__isnull=True).update(
        holder_uid=Subquery(uid.values("uid")[:1])
    )
    names = Credential.objects.filter(issuer_slug="").values_list("issuer_name", flat=True).distinct().order_by()
    for name in list(names):
        Credential.objects.filter(issuer_slug="", issuer_name=name).update(issuer_slug=issuer_slug(name))


class Migration(migrations.Migration):
    dependencies = [("credentials", "0007_holder_and_issuer_identifiers")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
