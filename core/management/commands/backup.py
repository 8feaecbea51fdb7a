from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from core.backup import create_backup


class Command(BaseCommand):
    help = "Write the whole database and all private files to one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument("archive", nargs="?", help="Where to write (default: var/backups/peksos-<timestamp>.tar.gz)")

    def handle(self, *args, archive=None, **options):
        from django.conf import settings

        path = Path(archive) if archive else Path(settings.VAR_DIR) / "backups" / f"peksos-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
        path.parent.mkdir(parents=True, exist_ok=True)
        manifest = create_backup(path)
        self.stdout.write(f"Backup written to {path}: {sum(manifest['rows'].values())} rows, {len(manifest['files'])} files.")
