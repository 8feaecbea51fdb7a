"""The nightly run queues the certificate PDFs that should exist but do not: once, however often it
runs before the worker gets to them, and behind the work a person is waiting for."""

import pytest
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from certification import scheduled
from certification.models import Certificate
from certification.tasks import render_certificate_pdf
from certification.tests.factories import SchemeFactory, event_for, lsp_officer
from certification.tests.test_certification_services import issued_certificate
from core.worker import CATCH_UP_PRIORITY
from registry.tasks import run_member_import

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_queue(settings):
    """The queue production uses (the tests' default runs every task at once)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def certificate_without_pdf() -> Certificate:
    scheme = SchemeFactory(units=3)
    setting = {"scheme": scheme, "lsp": scheme.lsp, "officer": lsp_officer(scheme.lsp), "event": event_for(scheme.lsp)}
    certificate = issued_certificate(setting)  # its PDF task is queued on commit, which a test never reaches
    Certificate.objects.filter(pk=certificate.pk).update(pdf="")
    return certificate


def queued_for(certificate) -> list[DBTaskResult]:
    return [
        t
        for t in DBTaskResult.objects.filter(task_path=render_certificate_pdf.module_path, status=TaskResultStatus.READY)
        if t.args_kwargs["args"] == [certificate.pk]
    ]


def test_a_missing_certificate_pdf_is_queued_once_however_often_the_nightly_run_runs(django_capture_on_commit_callbacks):
    certificate = certificate_without_pdf()
    today = timezone.localdate()

    with django_capture_on_commit_callbacks(execute=True):  # tasks are queued when the run commits
        first = scheduled.run(today=today)
    with django_capture_on_commit_callbacks(execute=True):
        again = scheduled.run(today=today)

    assert first["pdfs_queued"] == 1 and again["pdfs_queued"] == 0
    assert len(queued_for(certificate)) == 1


def test_the_catch_up_waits_behind_an_import_an_officer_confirmed(django_capture_on_commit_callbacks):
    certificate = certificate_without_pdf()
    with django_capture_on_commit_callbacks(execute=True):
        scheduled.run(today=timezone.localdate())
        run_member_import.enqueue(12345)  # queued after the catch-up

    [catch_up] = queued_for(certificate)
    assert catch_up.priority == CATCH_UP_PRIORITY
    assert DBTaskResult.objects.ready().first().task_path == run_member_import.module_path
