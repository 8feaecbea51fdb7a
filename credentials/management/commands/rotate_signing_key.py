from django.core.management.base import BaseCommand

from credentials import signing


class Command(BaseCommand):
    help = "Start signing with a new Ed25519 key; earlier keys stay published so old credentials verify."

    def handle(self, *args, **options):
        key = signing.rotate()
        self.stdout.write(f"New signing key {key.kid}; earlier keys remain in /.well-known/jwks.json.")
