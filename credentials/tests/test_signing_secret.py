"""The private signing keys are protected by their own secret (PEKSOS_SIGNING_SECRET), not by
Django's SECRET_KEY: changing SECRET_KEY must never stop issuing or the status lists, and the
signing secret itself can be rotated without losing a key."""

import base64
import hashlib
import io
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from joserfc import jwk, jws

from credentials import signing
from credentials.models import SigningKey
from credentials.tests.factories import issue

warnings.filterwarnings("ignore", message="EdDSA is deprecated")


def verify_offline(token: str, jwks_json: dict) -> dict:
    keys = jwk.KeySet.import_key_set(jwks_json)
    return json.loads(jws.deserialize_compact(token, keys, algorithms=["EdDSA"]).payload)


def fernet_of(secret: str) -> Fernet:
    """How a stored private key was encrypted before PEKSOS_SIGNING_SECRET was read: a Fernet
    key derived from SECRET_KEY."""
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(("peksos-signing-keys:" + secret).encode()).digest()))


def rotate_secret() -> str:
    out = io.StringIO()
    call_command("rotate_signing_secret", stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_changing_secret_key_keeps_status_lists_the_key_set_and_new_issues_working(client, settings):
    first = issue(number="A")
    settings.SECRET_KEY = "a-new-secret-key-after-a-leak-0123456789-abcdefghijklmnopqrstuvwxyz"

    keys = client.get("/.well-known/jwks.json")
    assert keys.status_code == 200
    status_list = client.get("/credentials/status/revocation")
    assert status_list.status_code == 200
    assert verify_offline(status_list.content.decode(), keys.json())["credentialSubject"]["statusPurpose"] == "revocation"
    second = issue(number="B")
    assert verify_offline(second.jwt, client.get("/.well-known/jwks.json").json())["credentialSubject"]["number"] == "B"
    assert verify_offline(first.jwt, keys.json())["credentialSubject"]["number"] == "A"


@pytest.mark.django_db
def test_rotating_the_signing_secret_re_encrypts_every_key_and_old_credentials_still_verify(client, settings):
    settings.PEKSOS_SIGNING_SECRET = ["the-old-signing-secret-0123456789abcdef"]
    old = issue(number="A")
    call_command("rotate_signing_key", stdout=io.StringIO())
    newer = issue(number="B")
    stored_before = dict(SigningKey.objects.values_list("kid", "private_key_encrypted"))
    assert len(stored_before) == 4  # the issuer's and the platform's keys, each rotated once

    settings.PEKSOS_SIGNING_SECRET = ["the-new-signing-secret-fedcba9876543210", "the-old-signing-secret-0123456789abcdef"]
    summary = rotate_secret()
    assert "4 signing keys re-encrypted" in summary
    assert "4 from an older PEKSOS_SIGNING_SECRET" in summary

    for kid, token in SigningKey.objects.values_list("kid", "private_key_encrypted"):
        assert token != stored_before[kid]
        fernet_of("the-new-signing-secret-fedcba9876543210").decrypt(token.encode())
        with pytest.raises(InvalidToken):
            fernet_of("the-old-signing-secret-0123456789abcdef").decrypt(token.encode())

    settings.PEKSOS_SIGNING_SECRET = ["the-new-signing-secret-fedcba9876543210"]
    assert client.get("/credentials/status/suspension").status_code == 200
    latest = issue(number="C")
    jwks_json = client.get("/.well-known/jwks.json").json()
    assert [verify_offline(c.jwt, jwks_json)["credentialSubject"]["number"] for c in (old, newer, latest)] == ["A", "B", "C"]


@pytest.mark.django_db
def test_keys_stored_under_secret_key_still_sign_and_move_under_the_signing_secret_on_rotation(client, settings):
    """A deployment from before PEKSOS_SIGNING_SECRET: its key (the platform's, then the only
    one, which signed every credential) was encrypted with SECRET_KEY."""
    key = jwk.OKPKey.generate_key("Ed25519", private=True, parameters={"kid": "peksos-legacy", "use": "sig", "alg": "EdDSA"})
    legacy = SigningKey.objects.create(
        kid="peksos-legacy",
        public_jwk=key.as_dict(private=False),
        private_key_encrypted=fernet_of(django_settings.SECRET_KEY).encrypt(key.as_pem(private=True)).decode(),
    )
    before = issue(number="A")
    before.jwt = signing.sign_again(before, legacy)  # as it was signed then
    before.save(update_fields=["jwt"])
    assert json.loads(base64.urlsafe_b64decode(before.jwt.split(".")[0] + "=="))["kid"] == "peksos-legacy"
    status_list = client.get("/credentials/status/revocation").content.decode()
    assert json.loads(base64.urlsafe_b64decode(status_list.split(".")[0] + "=="))["kid"] == "peksos-legacy"

    summary = rotate_secret()
    assert "2 signing keys re-encrypted" in summary  # the legacy key and the issuer's own
    assert "1 from SECRET_KEY" in summary
    fernet_of(settings.PEKSOS_SIGNING_SECRET[0]).decrypt(
        SigningKey.objects.get(kid="peksos-legacy").private_key_encrypted.encode()
    )

    settings.SECRET_KEY = "a-new-secret-key-after-a-leak-0123456789-abcdefghijklmnopqrstuvwxyz"
    assert client.get("/credentials/status/revocation").status_code == 200
    after = issue(number="B")
    jwks_json = client.get("/.well-known/jwks.json").json()
    assert verify_offline(before.jwt, jwks_json)["credentialSubject"]["number"] == "A"
    assert verify_offline(after.jwt, jwks_json)["credentialSubject"]["number"] == "B"


@pytest.mark.django_db
def test_a_key_no_configured_secret_opens_stops_the_rotation_and_changes_nothing(settings):
    settings.PEKSOS_SIGNING_SECRET = ["a-secret-that-was-lost-0123456789abcdef"]
    issue(number="A")
    stored = list(SigningKey.objects.values_list("kid", "private_key_encrypted"))

    settings.PEKSOS_SIGNING_SECRET = ["a-brand-new-secret-0123456789abcdef"]
    with pytest.raises(CommandError, match="|".join(kid for kid, _token in stored)):  # names the key it stopped at
        rotate_secret()
    assert list(SigningKey.objects.values_list("kid", "private_key_encrypted")) == stored


def test_production_settings_refuse_to_start_without_a_signing_secret():
    from config.settings import signing_secrets  # the function the settings run at start-up

    with pytest.raises(ImproperlyConfigured, match="PEKSOS_SIGNING_SECRET is not set"):
        signing_secrets("", debug=False, secret_key="a-production-secret-key")
    with pytest.raises(ImproperlyConfigured, match="PEKSOS_SIGNING_SECRET is not set"):
        signing_secrets(" , ", debug=False, secret_key="a-production-secret-key")


def test_the_signing_secret_may_not_be_the_secret_key():
    from config.settings import signing_secrets  # the function the settings run at start-up

    with pytest.raises(ImproperlyConfigured, match="must differ from SECRET_KEY"):
        signing_secrets("new-one,a-production-secret-key", debug=False, secret_key="a-production-secret-key")


def test_several_signing_secrets_are_read_newest_first_and_debug_has_a_fixed_one():
    from config.settings import signing_secrets  # the function the settings run at start-up

    assert signing_secrets(" newest , older ,oldest", debug=False, secret_key="k") == ["newest", "older", "oldest"]
    assert signing_secrets("", debug=True, secret_key="k") == signing_secrets("", debug=True, secret_key="k") != []


def test_start_up_without_a_signing_secret_stops_with_a_clear_message():
    env = {k: v for k, v in os.environ.items() if k not in {"PEKSOS_SIGNING_SECRET", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        DEBUG="0",
        SECRET_KEY="x" * 20 + "production-secret-key-with-enough-entropy-9f8e7d6c5b4a",
        ALLOWED_HOSTS="peksos.example.id",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=Path(django_settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "PEKSOS_SIGNING_SECRET is not set" in result.stderr
    assert "Traceback" not in result.stderr
