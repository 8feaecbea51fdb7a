import datetime
import importlib
from importlib.util import find_spec
from pathlib import Path
from types import ModuleType

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone


def scheduled_modules() -> list[tuple[str, ModuleType]]:
    """`<app>/scheduled.py` of every Peksos app, in INSTALLED_APPS order (lower apps first, so
    a certificate expires before the STR that depends on it is looked at)."""
    found = []
    for config in apps.get_app_configs():
        path = Path(config.path)
        if not path.is_relative_to(settings.BASE_DIR) or ".venv" in path.parts:
            continue
        if find_spec(f"{config.name}.scheduled"):
            found.append((config.label, importlib.import_module(f"{config.name}.scheduled")))
    return found


class Command(BaseCommand):
    help = (
        "Run every app's nightly work: dues lapse, expiry of certificates, STRs, licences and accreditations, "
        "reminders 90/30/7 days ahead, re-accreditation due lists. Idempotent: running it twice changes nothing more "
        "and sends no reminder twice. Schedule it daily (cron or a systemd timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Run as if today were this date (YYYY-MM-DD).")
        parser.add_argument("--only", action="append", default=[], help="Only this app (repeatable), e.g. --only licensing.")

    def handle(self, *args, **options):
        from tqdm import tqdm

        today = timezone.localdate()
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(f"--date must be YYYY-MM-DD, not {options['date']!r}") from None
        modules = scheduled_modules()
        unknown = set(options["only"]) - {label for label, _ in modules}
        if unknown:
            raise CommandError(f"No scheduled work in: {', '.join(sorted(unknown))}")
        verbose = options["verbosity"] > 0
        # A module returns problems someone must act on (e.g. a rule missing for the coming period)
        # under "errors": every module still runs, then the command fails so that cron reports it.
        failures: list[str] = []
        for label, module in modules:
            if options["only"] and label not in options["only"]:
                continue

            def progress(iterable, label=label):
                return tqdm(iterable, desc=label, disable=not verbose, leave=False)

            counts = module.run(today=today, progress=progress)
            errors = counts.pop("errors", [])
            summary = ", ".join(f"{key} {value}" for key, value in counts.items())
            self.stdout.write(f"{label} ({today.isoformat()}): {summary}")
            for message in errors:
                self.stderr.write(f"{label}: ERROR {message}")
                failures.append(f"{label}: {message}")
        if failures:
            raise CommandError(f"{len(failures)} problem(s) need attention: " + " | ".join(failures))
