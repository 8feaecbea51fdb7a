"""A status change reads and writes only the status lists whose bit it changes: the nightly job
expiring thousands of valid credentials reads none (each list is 16 KB, locked for the update)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from credentials.models import Credential, StatusList
from credentials.services import change_status
from credentials.tests.factories import issue

pytestmark = pytest.mark.django_db
S = Credential.Status
C = Credential.StatusCategory


def _change(credential, status, category=C.OTHER):
    with CaptureQueriesContext(connection) as queries:
        change_status(actor=None, credential=credential, status=status, reason="alasan", category=category)
    return [q["sql"] for q in queries.captured_queries if "credentials_statuslist" in q["sql"]]


def _bits(credential):
    lists = {s.purpose: s for s in StatusList.objects.filter(number=credential.status_list_number or 1)}
    return {
        purpose: int(lists[purpose].get(credential.status_list_index)) if purpose in lists else 0
        for purpose in ("revocation", "suspension")
    }


def test_a_valid_credential_expiring_reads_no_status_list():
    credential = issue(number="EXP-1")
    assert _change(credential, S.EXPIRED, C.VALIDITY_ENDED) == []
    assert _bits(credential) == {"revocation": 0, "suspension": 0}


def test_suspending_touches_only_the_suspension_list_and_reinstating_clears_it():
    credential = issue(number="SUS-1")
    touched = _change(credential, S.SUSPENDED, C.SUSPENDED_TEMPORARILY)
    assert touched and _bits(credential) == {"revocation": 0, "suspension": 1}

    _change(credential, S.VALID, "")
    assert _bits(credential) == {"revocation": 0, "suspension": 0}


def test_revoking_a_suspended_credential_sets_revocation_and_clears_suspension():
    credential = issue(number="REV-1")
    _change(credential, S.SUSPENDED, C.SUSPENDED_TEMPORARILY)
    _change(credential, S.REVOKED, C.OTHER)
    assert _bits(credential) == {"revocation": 1, "suspension": 0}
