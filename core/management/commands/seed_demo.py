from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation


class Command(BaseCommand):
    help = "Create the demo data (idempotent) and print one login per role."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Seed even when PEKSOS_DEMO is off.")

    def handle(self, *args, force=False, **options):
        if not settings.PEKSOS_DEMO and not force:
            raise CommandError("Refusing to create demo accounts: PEKSOS_DEMO is off (this looks like production).")
        logins: list[tuple] = []
        # Each app seeds its own demo data in its `demo` module, lowest layer first.
        for config in apps.get_app_configs():
            if not config.name.startswith(("django", "allauth")) and find_spec(f"{config.name}.demo"):
                module = import_module(f"{config.name}.demo")
                with transaction.atomic():
                    logins.extend(module.seed() or [])
        from accounts.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET

        # The list is printed in one language, the command's own (English): the roles come back as
        # lazy labels and are read here, not in whatever language the seeding ran in.
        with translation.override("en"):
            logins = [(str(role), email) for role, email in logins]
        width = max((len(role) for role, _ in logins), default=10)
        self.stdout.write(self.style.SUCCESS(f"\nDemo logins (password for all: {DEMO_PASSWORD})"))
        for role, email in logins:
            self.stdout.write(f"  {role.ljust(width)}  {email}")
        self.stdout.write(
            "\nStaff accounts use two-factor sign-in. Add this secret to an authenticator app: "
            f"{DEMO_TOTP_SECRET}\n(or print the current code with: .venv/bin/python manage.py demo_totp)\n"
        )
