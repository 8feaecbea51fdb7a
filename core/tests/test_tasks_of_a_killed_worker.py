"""A background task left "running" by a worker that was killed is queued again (core/worker.py)."""

import datetime
import socket
import subprocess
import sys

import pytest
from django.core.management import get_commands
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.worker import has_pending, requeue_stalled, worker_id
from registry.tasks import run_member_import

pytestmark = pytest.mark.django_db
HOST = socket.gethostname()[:40]


def a_dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def running_task(*, worker: str, started_minutes_ago: float = 1, attempts: int = 1, args=(7,)) -> DBTaskResult:
    now = timezone.now()
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        task_path=run_member_import.module_path,
        args_kwargs={"args": list(args), "kwargs": {}},
        backend_name="default",
        run_after=now,
        started_at=now - datetime.timedelta(minutes=started_minutes_ago),
        worker_ids=[f"{HOST}:1:earlier"] * (attempts - 1) + [worker],
        exception_class_path="",
        traceback="",
    )


def test_a_task_whose_worker_process_on_this_machine_is_gone_is_queued_again_at_once():
    task = running_task(worker=f"{HOST}:{a_dead_pid()}:abc")
    assert requeue_stalled() == {"requeued": 1, "given_up": 0}
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY and task.started_at is None


def test_a_task_whose_worker_is_alive_is_left_running(settings):
    import os

    task = running_task(worker=f"{HOST}:{os.getpid()}:abc", started_minutes_ago=settings.PEKSOS_TASK_STALLED_MINUTES - 1)
    assert requeue_stalled() == {"requeued": 0, "given_up": 0}
    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING


def test_a_task_of_another_machine_is_queued_again_only_after_the_stall_time(settings):
    recent = running_task(worker="elsewhere:123:abc", started_minutes_ago=settings.PEKSOS_TASK_STALLED_MINUTES - 5)
    old = running_task(worker="elsewhere:124:abc", started_minutes_ago=settings.PEKSOS_TASK_STALLED_MINUTES + 5)
    assert requeue_stalled() == {"requeued": 1, "given_up": 0}
    recent.refresh_from_db()
    old.refresh_from_db()
    assert recent.status == TaskResultStatus.RUNNING and old.status == TaskResultStatus.READY


def test_a_task_that_killed_its_worker_every_time_is_given_up_after_the_last_attempt(settings):
    task = running_task(worker=f"{HOST}:{a_dead_pid()}:abc", attempts=settings.PEKSOS_TASK_MAX_ATTEMPTS)
    assert requeue_stalled() == {"requeued": 0, "given_up": 1}
    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED and "stopped before it ended" in task.traceback


def test_the_worker_command_is_the_one_that_requeues_and_names_itself_by_host_and_process():
    import os

    assert get_commands()["db_worker"] == "core"
    host, pid, _random = worker_id().rsplit(":", 2)
    assert host == HOST and pid == str(os.getpid()) and len(worker_id()) <= 64


def test_a_call_waiting_or_running_is_pending_and_a_finished_one_is_not():
    task = running_task(worker="elsewhere:1:abc", args=(7,))
    assert has_pending(run_member_import, 7) and not has_pending(run_member_import, 8)
    DBTaskResult.objects.filter(pk=task.pk).update(status=TaskResultStatus.SUCCESSFUL)
    assert not has_pending(run_member_import, 7)


@pytest.mark.django_db(transaction=True)
def test_the_worker_waits_out_a_database_outage_and_puts_back_the_task_it_was_running(monkeypatch):
    from django.db import OperationalError
    from django_tasks_db.management.commands.db_worker import Command as PackageWorker

    from core.management.commands import db_worker

    runs, abandoned = [], []

    def package_worker(self, *args, **options):
        runs.append(options["worker_id"])
        if len(runs) == 1:
            # The worker had claimed a task when PostgreSQL went away under it.
            abandoned.append(running_task(worker=options["worker_id"]))
            raise OperationalError("the database system is shutting down")

    monkeypatch.setattr(PackageWorker, "handle", package_worker)
    monkeypatch.setattr(db_worker, "RECONNECT_WAITS", (0,))
    db_worker.Command().handle(worker_id=worker_id(), verbosity=0)

    assert len(runs) == 2 and runs[0] != runs[1], "it ran again, under a new id"
    abandoned[0].refresh_from_db()
    assert abandoned[0].status == TaskResultStatus.READY and abandoned[0].started_at is None


@pytest.mark.django_db(transaction=True)
def test_the_worker_keeps_waiting_while_the_database_does_not_answer(monkeypatch):
    from django.db import OperationalError

    from core.management.commands import db_worker

    tries = []

    class Unreachable:
        def __enter__(self):
            tries.append(1)
            if len(tries) < 3:
                raise OperationalError("connection refused")
            return self

        def __exit__(self, *exc):
            return False

        def execute(self, sql):
            pass

    monkeypatch.setattr(db_worker, "RECONNECT_WAITS", (0,))
    monkeypatch.setattr(db_worker.connections["default"].__class__, "cursor", lambda self: Unreachable())
    db_worker.Command().wait_for_database()
    assert len(tries) == 3
