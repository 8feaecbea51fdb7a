from django.core.management.base import BaseCommand

from credentials import signing


class Command(BaseCommand):
    help = "Start signing with a new Ed25519 key; earlier keys stay published so old credentials verify."

    def handle(self, *args, **options):
        key = signing.rotate()
        earlier = len(signing.jwks()["keys"]) - 1
        self.stdout.write(
            f"New signing key {key.kid} signs from now on; "
            f"{earlier} earlier key{' remains' if earlier == 1 else 's remain'} in /.well-known/jwks.json, so what they signed still verifies."
        )
