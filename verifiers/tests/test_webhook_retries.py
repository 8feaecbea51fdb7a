import datetime

import pytest

from credentials.services import change_status
from verifiers import services
from verifiers.models import Alert, DeliveryAttempt

from .helpers import FakeTransport, member_with_every_credential, verifier_account

pytestmark = pytest.mark.django_db


def _revoked_and_followed(monkeypatch, fail, django_capture_on_commit_callbacks):
    transport = FakeTransport(monkeypatch, fail=fail)
    _member, credentials = member_with_every_credential()
    verifier = verifier_account(webhook_url="https://peduli.example/hook")
    services.subscribe(actor=verifier.user, numbers=[credentials["str"].number])
    with django_capture_on_commit_callbacks(execute=True):
        change_status(actor=None, credential=credentials["str"], status="revoked", reason="x", category="incorrect_data")
    return transport, Alert.objects.get()


def test_a_failed_webhook_is_retried_with_exponential_backoff_and_every_attempt_logged(
    monkeypatch, django_capture_on_commit_callbacks
):
    transport, alert = _revoked_and_followed(monkeypatch, 2, django_capture_on_commit_callbacks)
    first_try = alert.next_attempt_at
    assert alert.attempts == 1 and alert.delivery == Alert.Delivery.PENDING
    assert services.retry_due_webhooks(now=first_try - datetime.timedelta(seconds=1)) == 0  # not due yet
    assert services.retry_due_webhooks(now=first_try) == 1
    alert.refresh_from_db()
    assert alert.attempts == 2
    assert alert.next_attempt_at == first_try + datetime.timedelta(seconds=2 * services.BACKOFF_SECONDS)
    services.retry_due_webhooks(now=alert.next_attempt_at)
    alert.refresh_from_db()
    assert (alert.attempts, alert.delivery, alert.next_attempt_at) == (3, Alert.Delivery.DELIVERED, None)
    log = list(DeliveryAttempt.objects.order_by("pk").values_list("succeeded", "status_code"))
    assert log == [(False, 503), (False, 503), (True, 204)]
    assert len({body for _url, body, _headers in transport.sent}) == 1  # the same signed body each time


def test_a_webhook_failing_every_attempt_is_marked_failed(monkeypatch, django_capture_on_commit_callbacks):
    _transport, alert = _revoked_and_followed(monkeypatch, 99, django_capture_on_commit_callbacks)
    gaps = []
    while alert.delivery == Alert.Delivery.PENDING:
        previous = alert.next_attempt_at
        services.retry_due_webhooks(now=previous)
        alert.refresh_from_db()
        if alert.next_attempt_at:
            gaps.append((alert.next_attempt_at - previous).total_seconds())
    assert alert.delivery == Alert.Delivery.FAILED and alert.attempts == services.MAX_ATTEMPTS
    assert gaps == [services.BACKOFF_SECONDS * 2**n for n in range(1, services.MAX_ATTEMPTS - 1)]
    assert DeliveryAttempt.objects.filter(succeeded=False).count() == services.MAX_ATTEMPTS


def test_the_send_test_button_posts_a_signed_test_and_logs_it(client, monkeypatch, django_capture_on_commit_callbacks):
    transport = FakeTransport(monkeypatch)
    verifier = verifier_account(webhook_url="https://peduli.example/hook")
    client.force_login(verifier.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/verifikasi/webhook/", {"webhook_url": verifier.webhook_url, "action": "test"})
    assert response.status_code == 302
    [(_url, body, headers)] = transport.sent
    assert headers["X-Peksos-Event"] == "test"
    assert headers["X-Peksos-Signature"] == services.signature(verifier.webhook_secret, body)
    [attempt] = DeliveryAttempt.objects.all()
    assert attempt.is_test and attempt.succeeded


def test_a_webhook_address_must_be_https(client):
    verifier = verifier_account()
    client.force_login(verifier.user)
    response = client.post("/verifikasi/webhook/", {"webhook_url": "http://peduli.example/hook", "action": "save"}, follow=True)
    verifier.refresh_from_db()
    assert verifier.webhook_url == ""
    assert [str(m) for m in response.context["messages"]] == ["Alamat webhook harus diawali https://."]
