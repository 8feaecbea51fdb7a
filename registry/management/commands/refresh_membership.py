import datetime

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from registry import scheduled


class Command(BaseCommand):
    help = "Issue this year's dues invoices and derive member status from the dues (run nightly; idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, date=None, **options):
        today = datetime.date.fromisoformat(date) if date else None
        quiet = options.get("verbosity", 1) == 0
        counts = scheduled.run(today=today, progress=lambda it: tqdm(it, unit=" anggota", disable=quiet, file=self.stderr._out))
        errors = counts.pop("errors", [])
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in counts.items()))
        if errors:
            raise CommandError(" | ".join(errors))
