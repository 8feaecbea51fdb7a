"""A credential list confirmed on the staff page whose worker was killed mid-import (left "being
imported") is queued again by the nightly run and imported once."""

import pytest
from django.utils import timezone

from accounts.tests.factories import sign_in_with_second_factor
from certification.models import Certificate
from certification.tests.factories import lsp_officer
from credentials import scheduled
from credentials.models import ImportedList
from credentials.tests.test_import_credentials_page import lsps, upload  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


def test_a_credential_list_left_being_imported_is_resumed_by_the_nightly_run_once(client, lsps):  # noqa: F811
    officer = lsp_officer(lsps)
    sign_in_with_second_factor(client, officer)
    upload(client)
    batch = ImportedList.objects.get()
    # Confirmed, then the worker running it was killed: no task is left to finish it.
    ImportedList.objects.filter(pk=batch.pk).update(status=ImportedList.Status.IMPORTING, imported_by=officer)

    assert scheduled.run(today=timezone.localdate()) == {"imports_resumed": 1}

    batch.refresh_from_db()
    assert batch.status == ImportedList.Status.IMPORTED and batch.report["created"] == 1
    assert Certificate.objects.count() == 1
    assert scheduled.run(today=timezone.localdate()) == {"imports_resumed": 0}
