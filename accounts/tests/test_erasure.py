import pytest
from axes.models import AccessAttempt

from accounts import services
from accounts.models import DataSubjectRequest, Notification
from accounts.roles import Role
from accounts.tests.factories import UserFactory, make_staff
from core import audit
from core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_erasure_clears_the_account_history_inbox_and_sign_in_traces_and_keeps_the_requests_as_proof():
    person = UserFactory(email="budi.santoso@example.id")
    correction = services.submit_request(actor=person, kind="correction", details="Alamat saya yang benar: Jl. Braga 10, Bandung")
    Notification.objects.create(user=person, subject="Iuran", body="Budi, iuran Anda belum dibayar.")
    AccessAttempt.objects.create(
        username="budi.santoso@example.id", ip_address="10.0.0.1", user_agent="x", failures_since_start=2
    )
    audit.record(None, AuditEvent.Action.LOGIN_FAILED, summary="Budi.Santoso@example.id")
    erasure = services.submit_request(actor=person, kind="erasure")

    services.decide_request(
        actor=make_staff(Role.DATA_PROTECTION_OFFICER), request=erasure, status="completed", response="Data Anda telah dihapus."
    )

    history = repr(list(DataSubjectRequest.history.filter(user_id=person.pk).values()))
    assert "Braga" not in history and "budi.santoso" not in history.lower()
    assert DataSubjectRequest.objects.filter(user=person).count() == 2  # proof the requests were answered
    assert DataSubjectRequest.objects.get(pk=correction.pk).kind == "correction"
    assert not Notification.objects.filter(user=person).exists()
    assert not AccessAttempt.objects.filter(username__iexact="budi.santoso@example.id").exists()
    assert not AuditEvent.objects.filter(summary__icontains="budi.santoso").exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED).exists()
