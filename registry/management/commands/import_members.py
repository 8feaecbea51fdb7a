from django.core.management.base import CommandError

from core.importing import ImportCommand
from registry.importer import SourceKind, import_file


class Command(ImportCommand):
    help = "Import a legacy list of social workers (CSV or XLSX) into the IPSPI register."
    file_help = "CSV or XLSX file with the Indonesian headers (nama_lengkap, nik, …, nomor_anggota, …)."

    def add_import_arguments(self, parser):
        parser.add_argument("--source", required=True, help="Name of the list, e.g. 'Kongres 2010'.")
        parser.add_argument(
            "--source-kind",
            choices=SourceKind.ALL,
            default=SourceKind.LAIN,
            help="kongres: every valid row becomes a member with a number and a card; jaringan: records only, "
            "claimed and applied for by their people; lain (default): records, and members for rows with nomor_anggota.",
        )

    def check_options(self, *, source, **options):
        if not source.strip():
            raise CommandError("--source must name the list.")

    def run_import(self, handle, name, *, dry_run, progress, source, source_kind, **options):
        self._result = import_file(handle, name, source=source, dry_run=dry_run, progress=progress, source_kind=source_kind)
        return self._result

    def handle(self, *args, **options):
        super().handle(*args, **options)
        result = self._result
        if result.get("members"):
            self.stdout.write(
                f"{result['members']} members: {result['numbers_kept']} numbers kept, {result['numbers_new']} new numbers."
            )
