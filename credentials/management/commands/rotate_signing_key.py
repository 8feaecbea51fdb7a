from django.core.management.base import BaseCommand, CommandError

from credentials import signing
from credentials.models import Credential, SigningKey


class Command(BaseCommand):
    help = (
        "Start signing with new Ed25519 keys: every key in use (each issuing body's and the platform's), "
        "or only one body's with --issuer, or only the platform's with --platform. Earlier keys stay "
        "published, so what they signed still verifies, and never sign again."
    )

    def add_arguments(self, parser):
        owner = parser.add_mutually_exclusive_group()
        owner.add_argument("--issuer", metavar="SLUG", help="one issuing body, by its identifier: /issuers/<SLUG>")
        owner.add_argument("--platform", action="store_true", help="the platform's key (it signs the status lists)")

    def handle(self, *args, issuer=None, platform=False, **options):
        if issuer is not None:
            known = (
                SigningKey.objects.filter(issuer_slug=issuer).exists() or Credential.objects.filter(issuer_slug=issuer).exists()
            )
            if not issuer or not known:
                raise CommandError(f"No issuing body has the identifier {issuer!r}: no credential and no key name it.")
            keys = [signing.rotate(issuer)]
        elif platform:
            keys = [signing.rotate(signing.PLATFORM)]
        else:
            keys = signing.rotate_all()
        for key in keys:
            self.stdout.write(f"New signing key {key.kid} signs for {key.issuer_slug or 'the platform'} from now on.")
        earlier = SigningKey.objects.filter(retired_at__isnull=False).count()
        self.stdout.write(
            f"{len(keys)} key{'' if len(keys) == 1 else 's'} rotated; {earlier} retired "
            f"key{' remains' if earlier == 1 else 's remain'} published (/.well-known/jwks.json and each body's "
            "/issuers/<slug>), so what they signed still verifies."
        )
