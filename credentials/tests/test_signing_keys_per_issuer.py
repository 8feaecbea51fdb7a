"""Each issuing body signs with its own keys, and its metadata names only those (and the platform
keys that signed its credentials before it had keys of its own): a verifier that trusts one
body's keys accepts none of another body's credentials. Keys rotate per body; what a retired key
or the platform's key signed keeps verifying, with two JOSE libraries Peksos does not sign with
in the way a verifier would use them (PyJWT, and joserfc fed only published keys)."""

import datetime
import importlib
import io
import json

import jwt as pyjwt
import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction
from joserfc import jwk, jws
from joserfc.errors import JoseError

from credentials import signing
from credentials.bulk import BulkIssuer, CredentialSpec
from credentials.models import Credential, SigningKey, issuer_slug, issuer_url
from credentials.services import issue_credential
from credentials.tests.verifier import header_of, payload_of, site_path
from regions.models import Province

pytestmark = pytest.mark.django_db

LSP = "LSP Pekerja Sosial"
BANDUNG = "Pemerintah Kota Bandung"


def _issue(issuer_name: str, number: str) -> Credential:
    province = Province.objects.get(code="32")
    return issue_credential(
        actor=None,
        kind=Credential.Kind.LICENCE if issuer_name == BANDUNG else Credential.Kind.CERTIFICATE,
        subject=province,
        holder=province,
        number=number,
        holder_name="Siti Rahmawati",
        issuer_name=issuer_name,
        valid_from=datetime.date(2025, 1, 1),
        valid_until=datetime.date(2030, 1, 1),
    )


def _metadata_keys(client, issuer_name: str) -> dict:
    """An issuer's keys as a verifier finds them from `iss`: /.well-known/jwt-vc-issuer/<path>."""
    issuer = issuer_url(issuer_slug(issuer_name))
    response = client.get("/.well-known/jwt-vc-issuer" + site_path(issuer))
    assert response.status_code == 200
    assert response.json()["issuer"] == issuer
    return response.json()["jwks"]


def _verified(token: str, key_set: dict) -> dict:
    """The payload, if both libraries accept the token with this key set (by its `kid`)."""
    by_joserfc = json.loads(jws.deserialize_compact(token, jwk.KeySet.import_key_set(key_set), algorithms=["EdDSA"]).payload)
    public = pyjwt.PyJWKSet.from_dict(key_set)[pyjwt.get_unverified_header(token)["kid"]]
    by_pyjwt = pyjwt.decode(token, key=public.key, algorithms=["EdDSA"], options={"verify_aud": False})
    assert by_joserfc == by_pyjwt
    return by_pyjwt


def _refused_by_every_key(token: str, key_set: dict) -> None:
    """Neither library accepts the token with this key set: not by `kid`, nor with any of its
    keys tried one by one (a verifier that ignores `kid`)."""
    assert key_set["keys"]
    with pytest.raises(JoseError):
        jws.deserialize_compact(token, jwk.KeySet.import_key_set(key_set), algorithms=["EdDSA"])
    with pytest.raises(KeyError):
        pyjwt.PyJWKSet.from_dict(key_set)[pyjwt.get_unverified_header(token)["kid"]]
    for key in key_set["keys"]:
        with pytest.raises(JoseError):
            jws.deserialize_compact(token, jwk.import_key(key), algorithms=["EdDSA"])
        with pytest.raises(pyjwt.InvalidSignatureError):
            pyjwt.decode(token, key=pyjwt.PyJWK(key).key, algorithms=["EdDSA"])


def test_a_credential_verifies_with_its_own_issuers_keys_and_not_with_another_issuers(client):
    certificate = _issue(LSP, "LSPS.001")
    licence = _issue(BANDUNG, "503/SIPPS/32.73/2025/001")
    lsp_keys, bandung_keys = _metadata_keys(client, LSP), _metadata_keys(client, BANDUNG)

    assert _verified(certificate.jwt, lsp_keys)["iss"] == issuer_url("lsp-pekerja-sosial")
    assert _verified(licence.jwt, bandung_keys)["iss"] == issuer_url("pemerintah-kota-bandung")
    _refused_by_every_key(certificate.jwt, bandung_keys)
    _refused_by_every_key(licence.jwt, lsp_keys)


def test_each_key_names_its_body_and_the_platforms_key_signs_only_the_status_lists(client):
    certificate = _issue(LSP, "LSPS.001")
    licence = _issue(BANDUNG, "503/SIPPS/32.73/2025/001")
    status_list = client.get("/credentials/status/revocation").content.decode()

    assert header_of(certificate.jwt)["kid"].startswith("lsp-pekerja-sosial-")
    assert header_of(licence.jwt)["kid"].startswith("pemerintah-kota-bandung-")
    platform_kid = header_of(status_list)["kid"]
    assert platform_kid.startswith("peksos-")
    assert platform_kid not in {k["kid"] for k in _metadata_keys(client, LSP)["keys"] + _metadata_keys(client, BANDUNG)["keys"]}
    every_key = client.get("/.well-known/jwks.json").json()
    assert {k["kid"] for k in every_key["keys"]} == {
        header_of(certificate.jwt)["kid"],
        header_of(licence.jwt)["kid"],
        platform_kid,
    }
    assert _verified(status_list, every_key)["credentialSubject"]["statusPurpose"] == "revocation"
    assert _verified(certificate.jwt, every_key)["credentialSubject"]["number"] == "LSPS.001"


def test_credentials_the_platforms_key_signed_before_keep_verifying_against_their_own_issuer(client):
    platform = signing.current_key(signing.PLATFORM)
    # Signed as they were before each body had its own key: one naming its body as issuer, one
    # from before issuer identifiers (the platform as issuer; its body's slug was filled in later).
    named = _issue(LSP, "LSPS.001")
    named.jwt = signing._sign(signing.credential_payload(named), platform)
    older = _issue(LSP, "LSPS.002")
    older.issuer_slug = ""
    older.jwt = signing._sign(signing.credential_payload(older), platform)
    for credential in (named, older):
        Credential.objects.filter(pk=credential.pk).update(jwt=credential.jwt)
    licence = _issue(BANDUNG, "503/SIPPS/32.73/2025/001")
    signed = dict(Credential.objects.values_list("pk", "jwt"))
    migration = importlib.import_module("credentials.migrations.0011_platform_keys_keep_verifying")

    migration.record_what_platform_keys_signed(apps, None)

    assert dict(Credential.objects.values_list("pk", "jwt")) == signed  # nothing signed again
    assert SigningKey.objects.get(pk=platform.pk).signed_for == ["lsp-pekerja-sosial"]
    lsp_keys, bandung_keys = _metadata_keys(client, LSP), _metadata_keys(client, BANDUNG)
    assert platform.kid in {k["kid"] for k in lsp_keys["keys"]}
    assert platform.kid not in {k["kid"] for k in bandung_keys["keys"]}
    assert _verified(named.jwt, lsp_keys)["credentialSubject"]["number"] == "LSPS.001"
    _refused_by_every_key(named.jwt, bandung_keys)
    _refused_by_every_key(licence.jwt, lsp_keys)
    older_payload = _verified(older.jwt, client.get("/.well-known/jwks.json").json())
    assert older_payload["iss"] == signing.issuer_id()  # the platform: verified with the JWKS


def test_signing_a_bodys_credential_again_with_the_platforms_key_keeps_it_in_that_bodys_metadata(client):
    platform = signing.current_key(signing.PLATFORM)
    licence = _issue(BANDUNG, "503/SIPPS/32.73/2025/001")

    licence.jwt = signing.sign_again(licence, platform)  # what a data migration correcting claims does

    assert SigningKey.objects.get(pk=platform.pk).signed_for == ["pemerintah-kota-bandung"]
    assert _verified(licence.jwt, _metadata_keys(client, BANDUNG))["credentialSubject"]["number"] == licence.number
    with pytest.raises(ValueError, match="belongs to"):
        signing.sign_again(licence, signing.current_key(issuer_slug(LSP)))


def test_rotating_one_bodys_key_keeps_its_earlier_credentials_verifying_and_the_retired_key_never_signs_again(client):
    first = _issue(LSP, "LSPS.001")
    licence = _issue(BANDUNG, "503/SIPPS/32.73/2025/001")
    out = io.StringIO()

    call_command("rotate_signing_key", "--issuer", "lsp-pekerja-sosial", stdout=out)

    second = _issue(LSP, "LSPS.002")
    old_kid, new_kid = header_of(first.jwt)["kid"], header_of(second.jwt)["kid"]
    assert old_kid != new_kid and new_kid.startswith("lsp-pekerja-sosial-") and new_kid in out.getvalue()
    lsp_keys = _metadata_keys(client, LSP)
    assert [k["kid"] for k in lsp_keys["keys"]] == [old_kid, new_kid]
    assert _verified(first.jwt, lsp_keys)["credentialSubject"]["number"] == "LSPS.001"
    assert _verified(second.jwt, lsp_keys)["credentialSubject"]["number"] == "LSPS.002"
    # Another body's key is not touched by this body's rotation.
    assert header_of(_issue(BANDUNG, "503/SIPPS/32.73/2025/002").jwt)["kid"] == header_of(licence.jwt)["kid"]
    retired = SigningKey.objects.get(kid=old_kid)
    assert retired.retired_at is not None
    with pytest.raises(RuntimeError, match="retired"):
        signing.sign_again(first, retired)


def test_rotating_every_key_gives_each_body_and_the_platform_a_new_one(client):
    certificate = _issue(LSP, "LSPS.001")
    licence = _issue(BANDUNG, "503/SIPPS/32.73/2025/001")
    client.get("/credentials/status/revocation")  # the platform's key, which signs the lists
    before = set(SigningKey.objects.values_list("kid", flat=True))
    assert len(before) == 3

    call_command("rotate_signing_key", stdout=io.StringIO())

    in_use = SigningKey.objects.filter(retired_at__isnull=True)
    assert sorted(in_use.values_list("issuer_slug", flat=True)) == ["", "lsp-pekerja-sosial", "pemerintah-kota-bandung"]
    assert not set(in_use.values_list("kid", flat=True)) & before
    assert set(SigningKey.objects.filter(retired_at__isnull=False).values_list("kid", flat=True)) == before
    every_key = client.get("/.well-known/jwks.json").json()
    assert len(every_key["keys"]) == 6
    assert _verified(certificate.jwt, _metadata_keys(client, LSP))["credentialSubject"]["number"] == "LSPS.001"
    assert _verified(licence.jwt, every_key)["credentialSubject"]["number"] == licence.number
    assert header_of(_issue(LSP, "LSPS.002").jwt)["kid"] in set(in_use.values_list("kid", flat=True))


def test_rotating_the_key_of_a_body_nobody_knows_is_refused_and_changes_nothing():
    _issue(LSP, "LSPS.001")
    keys = list(SigningKey.objects.values_list("kid", "retired_at"))
    with pytest.raises(CommandError, match="tidak-ada"):
        call_command("rotate_signing_key", "--issuer", "tidak-ada", stdout=io.StringIO())
    assert list(SigningKey.objects.values_list("kid", "retired_at")) == keys


def test_a_body_has_at_most_one_key_in_use():
    signing.current_key("lsp-pekerja-sosial")
    with pytest.raises(IntegrityError), transaction.atomic():
        signing.create_key("lsp-pekerja-sosial")
    assert signing.current_key("lsp-pekerja-sosial") == SigningKey.objects.get(issuer_slug="lsp-pekerja-sosial")


def test_a_bulk_import_signs_each_bodys_credentials_with_that_bodys_key(client):
    earlier = _issue(LSP, "LSPS.001")
    province = Province.objects.get(code="32")
    specs = [
        CredentialSpec(
            kind=kind,
            subject_model=Province,
            subject_id=province.pk,
            number=number,
            holder_name="Budi Santoso",
            issuer_name=issuer_name,
            valid_from=datetime.date(2020, 1, 1),
            valid_until=datetime.date(2030, 1, 1),
        )
        for kind, number, issuer_name in (
            (Credential.Kind.CERTIFICATE, "LSPS.100", LSP),
            (Credential.Kind.LICENCE, "503/SIPPS/32.73/2020/100", BANDUNG),
        )
    ]
    with transaction.atomic():
        ids = BulkIssuer(change_reason="test").issue(specs)

    certificate, licence = (Credential.objects.get(pk=pk) for pk in ids)
    assert header_of(certificate.jwt)["kid"] == header_of(earlier.jwt)["kid"]
    lsp_keys, bandung_keys = _metadata_keys(client, LSP), _metadata_keys(client, BANDUNG)
    assert _verified(certificate.jwt, lsp_keys)["iss"] == payload_of(earlier.jwt)["iss"]
    assert _verified(licence.jwt, bandung_keys)["credentialSubject"]["number"] == "503/SIPPS/32.73/2020/100"
    _refused_by_every_key(licence.jwt, lsp_keys)
