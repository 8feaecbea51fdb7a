import datetime
import hashlib
import hmac
import json

import pytest
from django.core import mail

from credentials.models import Credential
from credentials.services import change_status
from verifiers import services
from verifiers.models import Alert, DeliveryAttempt

from .helpers import FakeTransport, credential_of, member_with_every_credential, verifier_account

pytestmark = pytest.mark.django_db


def test_a_revocation_writes_one_alert_per_subscription_emails_and_posts_a_signed_webhook(
    monkeypatch, django_capture_on_commit_callbacks
):
    transport = FakeTransport(monkeypatch)
    _member, credentials = member_with_every_credential()
    licence = credentials["licence"]
    hooked = verifier_account("PT Peduli", webhook_url="https://peduli.example/hook")
    plain = verifier_account("Dinas Sosial Kota Bandung")
    for verifier in (hooked, plain):
        services.subscribe(actor=verifier.user, numbers=[licence.number.lower()])
    services.subscribe(actor=plain.user, numbers=[credentials["str"].number])  # not the one revoked
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        change_status(actor=None, credential=licence, status="revoked", reason="putusan pengadilan", category="ethics_council")

    alerts = Alert.objects.all()
    assert sorted((a.subscription.verifier.organisation, a.event, a.status) for a in alerts) == [
        ("Dinas Sosial Kota Bandung", "revoked", "revoked"),
        ("PT Peduli", "revoked", "revoked"),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == sorted([hooked.user.email, plain.user.email])
    assert licence.number in mail.outbox[0].subject
    [(url, body, headers)] = transport.sent
    assert url == "https://peduli.example/hook"
    expected = "sha256=" + hmac.new(hooked.webhook_secret.encode(), body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["X-Peksos-Signature"], expected)
    sent = json.loads(body)
    assert sent["event"] == "revoked" and sent["number"] == licence.number and sent["status"] == "revoked"
    assert sent["status_reason_code"] == "ethics_council"
    assert "putusan pengadilan" not in body.decode()
    assert Alert.objects.get(subscription__verifier=hooked).delivery == Alert.Delivery.DELIVERED
    assert Alert.objects.get(subscription__verifier=plain).delivery == Alert.Delivery.NONE
    [logged] = DeliveryAttempt.objects.all()
    assert logged.succeeded and logged.status_code == 204


def test_an_event_written_twice_is_one_alert_per_subscription():
    _member, credentials = member_with_every_credential()
    verifier = verifier_account()
    services.subscribe(actor=verifier.user, numbers=[credentials["str"].number])
    credential = credentials["str"]
    for _ in range(2):
        services.write_alerts(credential, Alert.Event.SUSPENDED, "same-event")
    assert Alert.objects.count() == 1


def test_suspension_reinstatement_and_renewal_each_alert(django_capture_on_commit_callbacks):
    member, credentials = member_with_every_credential()
    certificate = credentials["certificate"]
    verifier = verifier_account()
    services.subscribe(actor=verifier.user, numbers=[certificate.number])
    with django_capture_on_commit_callbacks(execute=True):
        change_status(actor=None, credential=certificate, status="suspended", reason="x", category="suspended_temporarily")
        change_status(actor=None, credential=certificate, status="valid", reason="x", category="")
        credential_of(member, Credential.Kind.CERTIFICATE, certificate.number, valid_until=datetime.date(2035, 1, 1))
    assert list(Alert.objects.order_by("pk").values_list("event", flat=True)) == ["suspended", "reinstated", "renewed"]


def test_a_followed_credential_ended_by_its_renewal_changes_status_and_alerts_only_the_renewal(
    django_capture_on_commit_callbacks,
):
    # The renewal's new credential already said "renewed"; the old one ending by it (the nightly
    # run's handover) must go through for a followed number, and say nothing twice.
    member, credentials = member_with_every_credential()
    old = credentials["str"]
    verifier = verifier_account()
    services.subscribe(actor=verifier.user, numbers=[old.number])
    with django_capture_on_commit_callbacks(execute=True):
        credential_of(member, Credential.Kind.STR, old.number, valid_until=datetime.date(2035, 1, 1))
        change_status(actor=None, credential=old, status="renewed", reason="diperpanjang", category="renewed")
    old.refresh_from_db()
    assert old.status == Credential.Status.RENEWED
    assert list(Alert.objects.values_list("event", flat=True)) == ["renewed"]


def test_a_followed_credential_30_days_from_its_end_alerts_once():
    member, _credentials = member_with_every_credential()
    today = datetime.date(2026, 12, 7)
    ending = credential_of(member, Credential.Kind.STR, "STR.AKAN.BERAKHIR", valid_until=today + datetime.timedelta(days=30))
    credential_of(member, Credential.Kind.STR, "STR.MASIH.LAMA", valid_until=today + datetime.timedelta(days=31))
    verifier = verifier_account()
    services.subscribe(actor=verifier.user, numbers=["STR.AKAN.BERAKHIR", "STR.MASIH.LAMA"])
    assert services.write_ending_alerts(today) == 1
    assert services.write_ending_alerts(today) == 0
    [alert] = Alert.objects.all()
    assert (alert.event, alert.credential_id) == ("ending", ending.pk)


def test_subscribers_see_their_alerts_and_deliveries_on_their_page(client, monkeypatch, django_capture_on_commit_callbacks):
    FakeTransport(monkeypatch)
    _member, credentials = member_with_every_credential()
    verifier = verifier_account(webhook_url="https://peduli.example/hook")
    services.subscribe(actor=verifier.user, numbers=[credentials["str"].number])
    with django_capture_on_commit_callbacks(execute=True):
        change_status(actor=None, credential=credentials["str"], status="suspended", reason="x", category="dues_unpaid")
    client.force_login(verifier.user)
    html = client.get("/verifikasi/langganan/").content.decode()
    assert credentials["str"].number in html and "terkirim" in html and "https://peduli.example/hook" in html
