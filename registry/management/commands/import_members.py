import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from tqdm import tqdm

from registry.importer import ImportFileError, import_file


class Command(BaseCommand):
    help = "Import a legacy list of social workers (CSV or XLSX) into the IPSPI register."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV or XLSX file with the Indonesian headers (nama_lengkap, nik, …).")
        parser.add_argument("--source", required=True, help="Name of the list, e.g. 'Kongres 2010'.")
        parser.add_argument("--dry-run", action="store_true", help="Check and report; change nothing.")
        parser.add_argument("--report", help="Write the JSON report to this file.")

    def handle(self, *args, file, source, dry_run, report, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        if not source.strip():
            raise CommandError("--source must name the list.")
        quiet = options.get("verbosity", 1) == 0

        def progress(rows, total):
            return tqdm(rows, total=total or None, unit=" baris", desc="Impor", disable=quiet, file=self.stderr._out)

        with translation.override(settings.LANGUAGE_CODE), path.open("rb") as handle:
            try:
                result = import_file(handle, path.name, source=source, dry_run=dry_run, progress=progress)
            except ImportFileError as exc:
                raise CommandError(str(exc)) from None
        if report:
            Path(report).write_text(json.dumps(result, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
        prefix = "[dry run] " if dry_run else ""
        self.stdout.write(
            f"{prefix}{result['rows']} rows: {result['created']} created, {result['merged']} merged, "
            f"{result['unchanged']} unchanged, {result['rejected']} rejected, {len(result['problems'])} problems."
        )
        for problem in result["problems"][:20]:
            self.stdout.write(f"  row {problem['row']} {problem['field']}: {problem['message']}")
        if len(result["problems"]) > 20:
            self.stdout.write(f"  … {len(result['problems']) - 20} more problems" + (f" in {report}" if report else ""))
