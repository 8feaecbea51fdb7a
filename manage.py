#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as exc:
        # Configuration mistakes are the operator's to fix: say what is wrong, not where.
        sys.stderr.write(f"Peksos cannot start: {exc}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
