"""Every kind of credential verifies with two JOSE libraries that are not the one Peksos signs with
(PyJWT) or that read keys only as a verifier would (joserfc with the issuer's published keys), each
against its own issuer's keys as the issuer identifier resolves them; a generic JWT library also
refuses a credential outside its validity period, from the `exp`/`nbf` claims."""

import datetime
import json

import jwt as pyjwt
import pytest
from joserfc import jwk, jws

from core.dates import register_day
from credentials.models import Credential
from credentials.services import issue_credential
from credentials.tests.verifier import header_of, issuer_keys, payload_of, seeded_demo, site_path
from regions.models import Province

pytestmark = pytest.mark.django_db


def _verify_both(client, token: str, *, ended: bool = False) -> dict:
    """`ended`: the credential's period is over (the demo holds a renewed certificate), so a
    generic library refuses it as expired; its signature is then checked without the clock."""
    claimed = payload_of(token)
    keys = issuer_keys(client, claimed["iss"])
    public = keys[header_of(token)["kid"]]
    by_joserfc = json.loads(jws.deserialize_compact(token, jwk.import_key(public), algorithms=["EdDSA"]).payload)
    options = {"require": ["iss", "nbf"]}
    if ended:
        with pytest.raises(pyjwt.ExpiredSignatureError):
            pyjwt.decode(token, key=pyjwt.PyJWK(public).key, algorithms=["EdDSA"], issuer=claimed["iss"], options=options)
        options = {**options, "verify_exp": False}
    by_pyjwt = pyjwt.decode(token, key=pyjwt.PyJWK(public).key, algorithms=["EdDSA"], issuer=claimed["iss"], options=options)
    assert by_joserfc == by_pyjwt
    return by_pyjwt


def test_every_kind_verifies_with_two_libraries_against_its_own_issuers_keys(client):
    credentials = seeded_demo()
    assert {c.kind for c in credentials} == set(Credential.Kind.values)
    for credential in credentials:
        token = client.get(f"/v/{credential.public_id}.jwt").content.decode()
        ended = credential.valid_until is not None and credential.valid_until < register_day()
        payload = _verify_both(client, token, ended=ended)
        assert payload["issuer"]["id"] == payload["iss"]
        assert payload["credentialSubject"]["id"] == payload["sub"]
        assert payload["jti"] == payload["id"] == credential.verification_url


def test_exp_and_nbf_are_the_validity_period_in_jakarta_time(client):
    credential = seeded_demo()[0]
    payload = payload_of(credential.jwt)
    assert payload["validFrom"].endswith("T00:00:00+07:00")
    assert payload["nbf"] == int(datetime.datetime.fromisoformat(payload["validFrom"]).timestamp())
    if credential.valid_until:
        assert payload["validUntil"].endswith("T23:59:59+07:00")
        assert payload["exp"] == int(datetime.datetime.fromisoformat(payload["validUntil"]).timestamp()) + 1


def _issued(valid_from, valid_until):
    return issue_credential(
        actor=None,
        kind=Credential.Kind.CERTIFICATE,
        subject=Province.objects.get(code="32"),
        holder=Province.objects.get(code="32"),
        number="LSPS.009",
        holder_name="Siti Rahmawati",
        issuer_name="LSP Pekerja Sosial",
        valid_from=valid_from,
        valid_until=valid_until,
    )


def test_a_generic_jwt_library_refuses_an_expired_credential(client):
    credential = _issued(datetime.date(2015, 1, 1), datetime.date(2020, 1, 1))
    public = issuer_keys(client, payload_of(credential.jwt)["iss"])[header_of(credential.jwt)["kid"]]
    with pytest.raises(pyjwt.ExpiredSignatureError):
        pyjwt.decode(credential.jwt, key=pyjwt.PyJWK(public).key, algorithms=["EdDSA"])


def test_a_generic_jwt_library_refuses_a_credential_not_yet_valid(client):
    today = datetime.date.today()
    credential = _issued(today + datetime.timedelta(days=30), today + datetime.timedelta(days=400))
    public = issuer_keys(client, payload_of(credential.jwt)["iss"])[header_of(credential.jwt)["kid"]]
    with pytest.raises(pyjwt.ImmatureSignatureError):
        pyjwt.decode(credential.jwt, key=pyjwt.PyJWK(public).key, algorithms=["EdDSA"])


def test_the_issuer_metadata_names_the_same_keys_as_the_controller_document_all_of_them_in_the_jwks(client):
    credential = seeded_demo()[0]
    issuer = payload_of(credential.jwt)["iss"]
    metadata = client.get("/.well-known/jwt-vc-issuer" + site_path(issuer)).json()
    assert metadata["issuer"] == issuer
    every_key = client.get("/.well-known/jwks.json").json()["keys"]
    assert metadata["jwks"]["keys"] and all(key in every_key for key in metadata["jwks"]["keys"])
    assert len(metadata["jwks"]["keys"]) < len(every_key)  # the other bodies' keys are not its own
    assert set(issuer_keys(client, issuer)) == {k["kid"] for k in metadata["jwks"]["keys"]}
