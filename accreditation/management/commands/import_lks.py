import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from tqdm import tqdm

from accreditation.importing import import_lks
from core.tables import TableFileError


class Command(BaseCommand):
    help = "Import the existing list of LKS (CSV or XLSX; columns nama_lks, kabupaten_kota, provinsi, …) into the register."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="CSV or XLSX file with the Indonesian headers (nama_lks, badan_hukum, no_tanda_daftar, …)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Check and report; change nothing.")
        parser.add_argument("--report", help="Write the JSON report to this file.")

    def handle(self, *args, file, dry_run, report, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        quiet = options.get("verbosity", 1) == 0

        def progress(rows, total):
            return tqdm(rows, total=total or None, unit=" baris", desc="Impor LKS", disable=quiet, file=self.stderr._out)

        with translation.override(settings.LANGUAGE_CODE), path.open("rb") as handle:
            try:
                result = import_lks(handle, path.name, dry_run=dry_run, progress=progress)
            except TableFileError as exc:
                raise CommandError(str(exc)) from None
        if report:
            Path(report).write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
        prefix = "[dry run] " if dry_run else ""
        self.stdout.write(
            f"{prefix}{result['rows']} rows: {result['created']} created, {result['merged']} merged, "
            f"{result['unchanged']} unchanged, {result['rejected']} rejected, {len(result['problems'])} problems."
        )
        for problem in result["problems"][:20]:
            self.stdout.write(f"  row {problem['row']} {problem['field']}: {problem['message']}")
        if len(result["problems"]) > 20:
            self.stdout.write(f"  … {len(result['problems']) - 20} more problems" + (f" in {report}" if report else ""))
