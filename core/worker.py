"""Background tasks whose worker died in the middle of them.

django-tasks' database worker marks a task "running" when it claims it, and "successful" or
"failed" when the task returns or raises. A worker killed in between (`kill -9`, the kernel's
out-of-memory killer, a power cut) leaves the task "running" for ever: no worker picks it up
again, so a certificate PDF never appears and a confirmed import never ends.

Every Peksos task can run again safely (a PDF is written under the same name, an import
creates nothing twice, an e-mail is sent only while its notification has none), so such a task
is put back in the queue:
* at once, when its worker ran on this machine and its process is gone (worker ids carry the
  host name and the process id: `worker_id()`); `db_worker` does this as it starts;
* after `PEKSOS_TASK_STALLED_MINUTES`, whatever machine ran it (the nightly `run_scheduled`);
* at once, when the database went away under its worker (a restart, a fail-over): the worker
  waits for the database, then puts back what it was running (`db_worker`);
* but a task that has already been claimed `PEKSOS_TASK_MAX_ATTEMPTS` times is marked failed
  instead, so one that kills its worker every time does not do so for ever.
"""

from __future__ import annotations

import datetime
import os
import socket

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import get_random_string

STALLED_TRACE = "The worker running this task stopped before it ended (its process is gone, or it ran too long)."


def worker_id() -> str:
    """`<host>:<pid>:<random>`, at most 64 characters (django-tasks' limit)."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{get_random_string(12)}"


def _gone(worker: str, host: str) -> bool:
    """True when `worker` ran on this host and its process no longer exists."""
    parts = worker.rsplit(":", 2)
    if len(parts) != 3 or parts[0] != host[:40] or not parts[1].isdigit():
        return False
    try:
        os.kill(int(parts[1]), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # a process of another user holds the id: alive
        return False
    return False


def requeue_stalled(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Put back in the queue the tasks left "running" by a worker that died; returns how many
    were re-queued and how many were given up (marked failed)."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    cutoff = now - datetime.timedelta(minutes=settings.PEKSOS_TASK_STALLED_MINUTES)
    host = socket.gethostname()
    requeued = failed = 0
    for task in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only("id", "worker_ids", "started_at"):
        last = task.worker_ids[-1] if task.worker_ids else ""
        if not (_gone(last, host) or (task.started_at is not None and task.started_at < cutoff)):
            continue
        done = _put_back(task, now)
        requeued, failed = requeued + done["requeued"], failed + done["given_up"]
    return {"requeued": requeued, "given_up": failed}


def requeue_abandoned(worker: str, *, now: datetime.datetime | None = None) -> dict[str, int]:
    """Put back in the queue the tasks `worker` (a worker id of this process) left "running"
    when its database went away under it: it could record neither their end nor their failure."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    requeued = failed = 0
    for task in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only("id", "worker_ids", "started_at"):
        if task.worker_ids and task.worker_ids[-1] == worker:
            done = _put_back(task, now)
            requeued, failed = requeued + done["requeued"], failed + done["given_up"]
    return {"requeued": requeued, "given_up": failed}


def _put_back(task, now: datetime.datetime) -> dict[str, int]:
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    # Conditional updates: a worker that finished the task meanwhile keeps its outcome.
    running = DBTaskResult.objects.filter(pk=task.pk, status=TaskResultStatus.RUNNING)
    if len(task.worker_ids) >= settings.PEKSOS_TASK_MAX_ATTEMPTS:
        given_up = running.update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path="core.worker.WorkerStopped",
            traceback=STALLED_TRACE,
        )
        return {"requeued": 0, "given_up": given_up}
    return {"requeued": running.update(status=TaskResultStatus.READY, started_at=None), "given_up": 0}


def has_pending(task, *args) -> bool:
    """Whether a call of `task` with these positional arguments waits in the database queue or
    runs now (other task backends keep no queue in the database: always False)."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.filter(
        task_path=task.module_path, status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
    )
    for position, value in enumerate(args):
        queued = queued.filter(**{f"args_kwargs__args__{position}": value})
    return queued.exists()


# Work the nightly run catches up on (documents that should exist but do not) waits behind what a
# person is waiting for (an import an officer confirmed, an e-mail): after a go-live import of
# 100,000 certificates it would otherwise hold the queue for hours.
CATCH_UP_PRIORITY = -10


def pending_first_args(task) -> set:
    """The first positional argument of every call of `task` waiting in the database queue or
    running now (empty for task backends that keep no queue in the database)."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    calls = DBTaskResult.objects.filter(
        task_path=task.module_path, status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
    ).values_list("args_kwargs", flat=True)
    return {call["args"][0] for call in calls.iterator(chunk_size=5000) if call.get("args")}
