"""Nightly work of core: background tasks a dead worker left "running" are queued again (or given
up after `PEKSOS_TASK_MAX_ATTEMPTS`; core/worker.py). Runs first, so that the apps' own steps
after it (e.g. imports left half-way) see the queue as it really is."""

import datetime

from .worker import requeue_stalled


def run(*, today: datetime.date, progress=None) -> dict:
    outcome = requeue_stalled()
    return {"tasks_requeued": outcome["requeued"], "tasks_given_up": outcome["given_up"]}
