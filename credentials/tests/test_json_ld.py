"""Every kind of credential is JSON-LD that a processor reads whole: each term and type it uses is
defined by a context it lists (the W3C VC 2.0 context, vendored, then the Peksos context served by
the site), so nothing is dropped and a processor in safe mode accepts it (VC Data Model 2.0 §5.2.1).

The W3C VC 2.0 JSON Schema (https://www.w3.org/2022/credentials/v2/verifiable-credential-schema.json)
is not checked here: it is not vendored because it could not be fetched into the repository from
this build environment (no network, and no installed package ships it), and `jsonschema` is not
in the locks. The JSON-LD check covers more: every term defined, the types the data model requires."""

import json

import pytest

from credentials.jsonld import CONTEXT_PATH, VENDORED
from credentials.models import Credential
from credentials.tests.factories import issue
from credentials.tests.verifier import payload_of, seeded_demo, site_loader, undefined_terms

pytestmark = pytest.mark.django_db

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"


def test_every_kind_of_demo_credential_uses_only_terms_its_contexts_define(client, settings):
    credentials = seeded_demo()
    assert {c.kind for c in credentials} == set(Credential.Kind.values)
    for credential in credentials:
        payload = payload_of(credential.jwt)
        assert payload["@context"] == [VC_CONTEXT, f"{settings.SITE_URL}{CONTEXT_PATH}"]
        assert undefined_terms(payload, client) == set(), credential.kind


def test_expansion_keeps_the_claims_and_the_credential_type(client):
    from pyld import jsonld

    credential = next(c for c in seeded_demo() if c.kind == Credential.Kind.MEMBER_CARD)
    [expanded] = jsonld.expand(payload_of(credential.jwt), {"documentLoader": site_loader(client)})
    assert any(t.endswith("#IpspiMemberCard") for t in expanded["@type"])
    [subject] = expanded["https://www.w3.org/2018/credentials#credentialSubject"]
    by_term = {iri.rsplit("#", 1)[-1]: values for iri, values in subject.items()}
    assert by_term["number"] == [{"@value": credential.number}]
    assert by_term["province"] == [{"@value": credential.claims["province"]}]


def test_the_check_finds_a_claim_no_context_defines(client):
    # The factory's claim `bidang` is in no context: the check must say so, or it proves nothing.
    payload = payload_of(issue().jwt)
    assert undefined_terms(payload, client) == {"bidang"}
    payload["type"].append("KartuTakDikenal")
    assert undefined_terms(payload, client) == {"bidang", "KartuTakDikenal"}


def test_the_context_is_served_as_json_ld_at_its_versioned_address_and_kept_a_year(client):
    response = client.get(CONTEXT_PATH)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    assert "max-age=31536000" in response["Cache-Control"] and "immutable" in response["Cache-Control"]
    context = json.loads(response.content)["@context"]
    assert context["@protected"] is True
    assert {"IpspiMemberCard", "SocialWelfareInstitutionAccreditation", "number", "grade", "jti"} <= context.keys()
    assert client.post(CONTEXT_PATH).status_code == 405


def test_a_status_list_uses_only_terms_the_w3c_context_defines(client, settings):
    issue()
    token = client.get("/credentials/status/suspension").content.decode()
    assert undefined_terms(payload_of(token), client) == set()


def test_the_w3c_context_is_vendored_with_the_status_list_terms():
    context = json.loads(VENDORED[VC_CONTEXT].read_text())["@context"]
    assert {"VerifiableCredential", "BitstringStatusListEntry", "BitstringStatusListCredential"} <= context.keys()
