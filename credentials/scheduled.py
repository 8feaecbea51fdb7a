"""Nightly work of credentials: confirmed lists of earlier credentials whose import a killed
worker left half-way are queued again (`importing.resume_stuck_lists`)."""

import datetime


def run(*, today: datetime.date, progress=None) -> dict:
    from .importing import resume_stuck_lists
    from .models import ImportedList
    from .tasks import run_credential_import

    return {"imports_resumed": resume_stuck_lists(ImportedList, run_credential_import)}
