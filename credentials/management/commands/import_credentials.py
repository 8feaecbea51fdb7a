from django.core.management.base import CommandError

from core.importing import ImportCommand
from credentials import importing


class Command(ImportCommand):
    help = (
        "Import credentials issued before Peksos (competency certificates, STRs, practice licences, "
        "accreditations) from CSV or XLSX: each row becomes the record and the signed credential Peksos issues itself."
    )
    file_help = "CSV or XLSX file with the Indonesian headers of the kind (see README: Importing existing credentials)."
    progress_label = "Impor kredensial"

    def add_import_arguments(self, parser):
        parser.add_argument("--kind", required=True, help="certificate, str, licence or accreditation.")
        parser.add_argument(
            "--source", required=True, help="Name of the list, e.g. 'LSPS 2015-2024'; recorded in each record's history."
        )

    def check_options(self, *, kind, source, **options):
        if importing.importer(kind) is None:
            raise CommandError(f"--kind must be one of: {', '.join(importing.kinds())}.")
        if not source.strip():
            raise CommandError("--source must name the list.")

    def run_import(self, handle, name, *, dry_run, progress, kind, source, **options):
        return importing.importer(kind).run(handle, name, source=source.strip(), dry_run=dry_run, progress=progress)
