"""Before each issuing body had its own keys, the platform's keys signed every credential. Those
credentials keep their signed form (holders keep copies of it); each body's metadata must go on
naming the platform keys that signed its credentials, so they verify against their own issuer.
Nothing is signed again."""

import base64
import binascii
import json
from collections import defaultdict

from django.db import migrations, models
from django.db.models import Value
from django.db.models.functions import Left, StrIndex
from django.utils import timezone


def keep_one_platform_key_in_use(apps, schema_editor):
    """Only the newest key in use ever signed (signing.current_key); an older one left unretired
    by two first signings at once is retired, so that one key in use per owner can be a
    constraint. It stays published."""
    SigningKey = apps.get_model("credentials", "SigningKey")
    in_use = SigningKey.objects.filter(retired_at__isnull=True).order_by("-created_at", "-pk")
    newest = in_use.first()
    if newest is not None:
        in_use.exclude(pk=newest.pk).update(retired_at=timezone.now())


def record_what_platform_keys_signed(apps, schema_editor):
    """For each platform key, the bodies whose credentials it signed, read from the `kid` of each
    credential's protected header: one grouped query, however many credentials there are."""
    Credential = apps.get_model("credentials", "Credential")
    SigningKey = apps.get_model("credentials", "SigningKey")
    header = Left("jwt", StrIndex("jwt", Value(".")) - 1)
    pairs = (
        Credential.objects.exclude(jwt="")
        .exclude(issuer_slug="")
        .annotate(header=header)
        .values_list("issuer_slug", "header")
        .distinct()
    )
    signed = defaultdict(set)
    for slug, encoded in pairs.iterator():
        try:
            kid = json.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))).get("kid")
        except (binascii.Error, ValueError, AttributeError):
            continue  # not a JWS: it verifies with no key, and names none
        signed[kid].add(slug)
    for key in SigningKey.objects.filter(issuer_slug=""):
        key.signed_for = sorted(signed.get(key.kid, ()))
        key.save(update_fields=["signed_for"])


class Migration(migrations.Migration):

    dependencies = [
        ("credentials", "0010_signing_keys_per_issuer"),
    ]

    operations = [
        migrations.RunPython(keep_one_platform_key_in_use, migrations.RunPython.noop),
        migrations.RunPython(record_what_platform_keys_signed, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="signingkey",
            constraint=models.UniqueConstraint(
                condition=models.Q(("retired_at__isnull", True)),
                fields=("issuer_slug",),
                name="one_signing_key_in_use_per_issuer",
            ),
        ),
    ]
