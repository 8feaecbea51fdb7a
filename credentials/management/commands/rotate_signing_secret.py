from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from credentials import signing


class Command(BaseCommand):
    help = (
        "Re-encrypt every stored private signing key under the newest PEKSOS_SIGNING_SECRET (the first of the list). "
        "Run it after putting a new secret in front of the old ones, or once to move keys encrypted with SECRET_KEY "
        "(before PEKSOS_SIGNING_SECRET existed) under the signing secret; then the old secret can be removed. "
        "The keys themselves do not change: every credential verifies as before."
    )

    def handle(self, *args, **options):
        quiet = options.get("verbosity", 1) == 0

        def progress(keys):
            return tqdm(keys, desc="signing keys", unit=" keys", disable=quiet, file=self.stderr._out)

        try:
            counts = signing.reencrypt_private_keys(progress=progress)
        except signing.SigningSecretError as exc:
            raise CommandError(f"{exc} Nothing was changed.") from None
        keys = counts["keys"]
        self.stdout.write(
            f"{keys} signing key{'' if keys == 1 else 's'} re-encrypted under the newest PEKSOS_SIGNING_SECRET "
            f"({counts['newest']} already under it, {counts['older']} from an older PEKSOS_SIGNING_SECRET, "
            f"{counts['secret_key']} from SECRET_KEY). "
            "Older secrets may now be removed from PEKSOS_SIGNING_SECRET, and SECRET_KEY changed without touching the keys."
        )
