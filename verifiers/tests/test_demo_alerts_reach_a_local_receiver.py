"""Issue 23, "done when": a revocation in the demo produces an e-mail and a signed webhook to a
local test receiver, and the holder sees who follows them. The receiver is a real HTTP server on
this machine (the transport is not replaced): what it reads is what a subscriber's system reads.
Outside the demo a webhook address stays https only, loopback included."""

import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import mail
from django.core.management import call_command

from accounts.models import User
from credentials.models import Credential
from licensing.models import Licence
from licensing.services import change_licence_status
from verifiers import transport
from verifiers.models import Alert, DeliveryAttempt, Verifier

pytestmark = pytest.mark.django_db

DEMO_VERIFIER = "verifikator@peksos.demo"


@pytest.fixture
def receiver():
    """A local webhook receiver: records (path, headers, body) of each POST, answers 204."""
    received: list[tuple[str, dict, bytes]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.path, {k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/peksos-hook", received
    server.shutdown()
    server.server_close()


def _seeded():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 (closed with the process)


def test_the_demo_has_a_verifier_account_following_every_demo_credential():
    _seeded()
    verifier = Verifier.objects.get(user__email=DEMO_VERIFIER)
    followed = set(verifier.subscriptions.active().values_list("number", flat=True))
    assert followed == {n.upper() for n in Credential.objects.values_list("number", flat=True)}
    _seeded()  # seeding again follows nothing twice
    assert verifier.subscriptions.active().count() == len(followed)


def test_a_revocation_in_the_demo_emails_and_posts_a_signed_webhook_to_a_local_receiver(
    client, receiver, django_capture_on_commit_callbacks
):
    url, received = receiver
    _seeded()
    verifier_user = User.objects.get(email=DEMO_VERIFIER)
    client.force_login(verifier_user)
    response = client.post("/verifikasi/webhook/", {"webhook_url": url, "action": "save"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Alamat webhook disimpan."]
    verifier = Verifier.objects.get(user=verifier_user)
    assert verifier.webhook_url == url

    licence = Licence.objects.get(person__user__email="siti@peksos.demo")
    officer = User.objects.get(email="izin.kotabandung@peksos.demo")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        change_licence_status(
            actor=officer, licence=licence, action="revoke", reason="putusan pengadilan", category="ethics_council"
        )

    [alert] = Alert.objects.filter(subscription__verifier=verifier)
    assert (alert.event, alert.subscription.number, alert.delivery) == ("revoked", licence.number.upper(), "delivered")
    assert [m.subject for m in mail.outbox if m.to == [DEMO_VERIFIER]] == [f"[Peksos] {licence.number.upper()} telah dicabut"]
    [(path, headers, body)] = received
    assert path == "/peksos-hook"
    assert headers["x-peksos-event"] == "revoked"
    expected = "sha256=" + hmac.new(verifier.webhook_secret.encode(), body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["x-peksos-signature"], expected)
    sent = json.loads(body)
    assert (sent["event"], sent["status"], sent["status_reason_code"]) == ("revoked", "revoked", "ethics_council")
    assert "putusan pengadilan" not in body.decode()
    [attempt] = DeliveryAttempt.objects.filter(verifier=verifier)
    assert attempt.succeeded and attempt.status_code == 204 and attempt.url == url

    client.force_login(User.objects.get(email="siti@peksos.demo"))
    page = client.get("/anggota/pengikut-kredensial/").content.decode()
    assert verifier.organisation in page and licence.number.upper() in page


def test_outside_the_demo_a_loopback_address_must_be_https_too(client, settings, receiver):
    url, received = receiver
    settings.PEKSOS_WEBHOOK_LOOPBACK_HTTP = False
    _seeded()
    verifier_user = User.objects.get(email=DEMO_VERIFIER)
    client.force_login(verifier_user)
    response = client.post("/verifikasi/webhook/", {"webhook_url": url, "action": "save"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Alamat webhook harus diawali https://."]
    assert Verifier.objects.get(user=verifier_user).webhook_url == ""
    with pytest.raises(transport.DeliveryFailed):
        transport.post(url, b"{}", {})
    assert received == []


@pytest.mark.parametrize(
    "url", ["http://peduli.example/hook", "http://127.0.0.1.nip.example/hook", "http://10.0.0.5/hook", "ftp://127.0.0.1/x"]
)
def test_in_the_demo_only_this_machine_may_be_reached_over_plain_http(url):
    assert not transport.allowed(url)
    assert transport.allowed("http://localhost:8765/hook") and transport.allowed("http://[::1]:8765/hook")
    assert transport.allowed("https://peduli.example/hook")
