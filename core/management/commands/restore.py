from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import RestoreError, restore_backup


class Command(BaseCommand):
    help = "Replace the database and private files with a backup archive, and verify them."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--yes", action="store_true", help="Confirm that the current data will be replaced.")

    def handle(self, *args, archive, yes=False, **options):
        if not yes:
            raise CommandError("Restoring replaces all current data. Run again with --yes to confirm.")
        if not Path(archive).exists():
            raise CommandError(f"No such archive: {archive}")
        try:
            manifest = restore_backup(Path(archive))
        except RestoreError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Restored and verified: {sum(manifest['rows'].values())} rows, {len(manifest['files'])} files.")
