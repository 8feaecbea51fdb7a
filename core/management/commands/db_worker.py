"""django-tasks' `db_worker`, which first puts back in the queue the tasks a worker killed on this
machine left "running" (core/worker.py), and names itself `<host>:<pid>:<random>` so that the
next worker to start can tell whether it is still alive. Replaces the package's command: `core`
comes before `django_tasks_db` in INSTALLED_APPS for that.

When the database goes away (a restart, a fail-over), the package's worker raises and stops, and
the queue would wait for someone to restart it. This one waits for the database to answer again,
puts back the task it was running, and carries on under a new id."""

import itertools
import time

from django.db import InterfaceError, OperationalError, connections, router
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand
from django_tasks_db.models import DBTaskResult

from core.worker import requeue_abandoned, requeue_stalled, worker_id

# Seconds between attempts to reach the database again: short first, then every 5 s.
RECONNECT_WAITS = (0.5, 1, 2, 5)


class Command(DatabaseWorkerCommand):
    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(worker_id=worker_id())

    def handle(self, *args, **options):
        outcome = requeue_stalled()
        if any(outcome.values()) and options["verbosity"] > 0:
            self.stdout.write(f"Tasks of a stopped worker: {outcome['requeued']} queued again, {outcome['given_up']} given up.")
        while True:
            try:
                super().handle(*args, **options)
                return
            except (OperationalError, InterfaceError) as exc:
                self.stderr.write(f"Database unavailable ({exc.__class__.__name__}: {str(exc).strip()[:200]}); waiting for it.")
                self.wait_for_database()
                previous, options["worker_id"] = options["worker_id"], worker_id()
                outcome = requeue_abandoned(previous)
                self.stderr.write(
                    f"Database back; resuming as {options['worker_id']} "
                    f"({outcome['requeued']} task(s) queued again, {outcome['given_up']} given up)."
                )

    def wait_for_database(self) -> None:
        """Return once the tasks' database answers a query; a broken connection is dropped first."""
        alias = router.db_for_write(DBTaskResult)
        for attempt in itertools.count():
            time.sleep(RECONNECT_WAITS[min(attempt, len(RECONNECT_WAITS) - 1)])
            connections.close_all()
            try:
                with connections[alias].cursor() as cursor:
                    cursor.execute("SELECT 1")
                return
            except (OperationalError, InterfaceError):
                continue
