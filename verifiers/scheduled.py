"""Nightly work of verifiers (idempotent): alerts for followed credentials within 30 days of their
end, and webhooks whose retry is due (where the task backend cannot defer them itself)."""

import datetime


def run(*, today: datetime.date, progress=None) -> dict:
    from . import services

    return {"ending_alerts": services.write_ending_alerts(today), "webhooks_retried": services.retry_due_webhooks()}
