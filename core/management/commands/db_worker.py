"""django-tasks' `db_worker`, which first puts back in the queue the tasks a worker killed on this
machine left "running" (core/worker.py), and names itself `<host>:<pid>:<random>` so that the
next worker to start can tell whether it is still alive. Replaces the package's command: `core`
comes before `django_tasks_db` in INSTALLED_APPS for that."""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from core.worker import requeue_stalled, worker_id


class Command(DatabaseWorkerCommand):
    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(worker_id=worker_id())

    def handle(self, *args, **options):
        outcome = requeue_stalled()
        if any(outcome.values()) and options["verbosity"] > 0:
            self.stdout.write(f"Tasks of a stopped worker: {outcome['requeued']} queued again, {outcome['given_up']} given up.")
        super().handle(*args, **options)
