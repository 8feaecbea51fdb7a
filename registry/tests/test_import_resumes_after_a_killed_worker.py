"""A confirmed member list whose import a killed worker left "being imported" is picked up again
by the nightly run and ends with every row once (issue 21)."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from registry import scheduled, services
from registry.importer import import_file
from registry.models import ImportBatch, Person
from registry.tasks import run_member_import

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).parent / "fixtures" / "legacy_messy.csv"


def left_half_way(dpp) -> ImportBatch:
    """A list confirmed, then its worker killed after the first rows were committed."""
    upload = SimpleUploadedFile("daftar.csv", FIXTURE.read_bytes(), content_type="text/csv")
    batch = services.preview_import(actor=dpp, upload=upload, source="Kongres 2010")
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.IMPORTING, imported_by=dpp)
    lines = FIXTURE.read_bytes().splitlines(keepends=True)
    first_rows = b"".join(lines[:4])
    from io import BytesIO

    import_file(BytesIO(first_rows), "daftar.csv", source="Kongres 2010", actor=dpp)
    return batch


def test_a_list_left_half_way_by_a_killed_worker_is_resumed_by_the_nightly_run_without_duplicates(dpp):
    batch = left_half_way(dpp)
    written_before = Person.objects.count()
    assert 0 < written_before < 7

    counts = scheduled.run(today=timezone.localdate())

    assert counts["imports_resumed"] == 1
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.IMPORTED
    assert Person.objects.count() == 7
    assert batch.report["created"] == 7 - written_before
    assert dpp.notifications.filter(subject="Daftar “Kongres 2010” sudah diimpor").count() == 1
    assert services.resume_stuck_imports() == 0


def test_a_list_whose_import_still_waits_in_the_queue_is_not_queued_twice(dpp):
    batch = left_half_way(dpp)
    now = timezone.now()
    DBTaskResult.objects.create(
        status=TaskResultStatus.READY,
        task_path=run_member_import.module_path,
        args_kwargs={"args": [batch.pk], "kwargs": {}},
        backend_name="default",
        run_after=now,
        exception_class_path="",
        traceback="",
    )
    assert services.resume_stuck_imports() == 0
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.IMPORTING
