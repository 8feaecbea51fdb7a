"""Each holder has one opaque identifier in all their credentials (never the NIK), and each issuing
body its own identifier that resolves to metadata naming its keys (VC Data Model 2.0 §4.4, §4.7,
§4.8). Existing credentials get both by a bulk backfill and keep their signed form."""

import importlib
from collections import defaultdict

import pytest
from django.apps import apps

from credentials import signing
from credentials.models import Credential, HolderIdentifier
from credentials.tests.verifier import header_of, issuer_keys, payload_of, seeded_demo, site_path
from registry.models import Person

pytestmark = pytest.mark.django_db


def _person_type() -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(Person).pk


def test_a_holder_has_the_same_identifier_in_all_their_credentials_and_it_is_not_their_nik():
    credentials = seeded_demo()
    by_holder = defaultdict(set)
    for credential in credentials:
        by_holder[(credential.holder_type_id, credential.holder_id)].add(payload_of(credential.jwt)["credentialSubject"]["id"])
    siti = Person.objects.get(user__email="siti@peksos.demo")
    [siti_id] = by_holder.pop((_person_type(), siti.pk))
    assert Credential.objects.held_by(Person, [siti.pk]).count() >= 3  # card, certificate, STR, licence
    assert siti_id.startswith("urn:uuid:") and siti.nik not in siti_id
    others = list(by_holder.values())
    assert all(len(ids) == 1 for ids in others)
    assert siti_id not in set().union(*others)


def test_every_issuing_body_has_its_own_identifier_that_resolves_to_its_keys(client):
    credentials = seeded_demo()
    issuers = {payload_of(c.jwt)["issuer"]["id"]: c.issuer_name for c in credentials}
    kinds_of = defaultdict(set)
    for c in credentials:
        kinds_of[payload_of(c.jwt)["issuer"]["id"]].add(c.kind)
    # IPSPI (cards, STRs), the LSP, the licensing authority, the Minister (accreditations).
    assert len(issuers) >= 4
    assert any(i.endswith("/issuers/ipspi") for i in issuers) and any(i.endswith("/issuers/kemensos") for i in issuers)
    published = {k["kid"] for k in client.get("/.well-known/jwks.json").json()["keys"]}
    kids_of = {}
    for issuer, name in issuers.items():
        document = client.get(site_path(issuer))
        assert document.status_code == 200
        assert document.json()["name"] == name
        kids_of[issuer] = set(issuer_keys(client, issuer))
        assert kids_of[issuer] and kids_of[issuer] <= published
    # Each body names only its own keys: no key is in two bodies' documents.
    assert sum(len(kids) for kids in kids_of.values()) == len(set().union(*kids_of.values()))
    for c in credentials:
        assert header_of(c.jwt)["kid"] in kids_of[payload_of(c.jwt)["iss"]]


def test_an_issuer_no_credential_names_is_not_found(client):
    assert client.get("/issuers/tidak-ada").status_code == 404
    assert client.get("/.well-known/jwt-vc-issuer/issuers/tidak-ada").status_code == 404


def test_the_backfill_gives_existing_credentials_their_identifiers_and_keeps_their_signed_form(client):
    credentials = seeded_demo()
    signed = {c.pk: c.jwt for c in credentials}
    Credential.objects.update(holder_uid=None, issuer_slug="")
    HolderIdentifier.objects.all().delete()
    backfill = importlib.import_module("credentials.migrations.0008_fill_holder_and_issuer_identifiers")

    backfill.fill(apps, None)

    refreshed = list(Credential.objects.order_by("pk"))
    assert all(c.issuer_slug for c in refreshed)
    assert {c.issuer_slug for c in refreshed if c.kind == Credential.Kind.MEMBER_CARD} == {"ipspi"}
    held = [c for c in refreshed if c.holder_id]
    assert held and all(c.holder_uid for c in held)
    assert HolderIdentifier.objects.count() == len({(c.holder_type_id, c.holder_id) for c in held})
    for c in held:
        assert c.holder_uid == HolderIdentifier.objects.get(holder_type=c.holder_type_id, holder_id=c.holder_id).uid
    # Signed credentials are never re-signed: they keep verifying with the published keys.
    keys = client.get("/.well-known/jwks.json").json()
    for c in refreshed:
        assert c.jwt == signed[c.pk]
        assert signing.verify_jwt(c.jwt, keys)[0] == signing.VerificationResult.VALID


def test_a_credential_issued_later_to_a_backfilled_holder_carries_their_identifier():
    from credentials.services import issue_credential

    credentials = seeded_demo()
    siti = Person.objects.get(user__email="siti@peksos.demo")
    before = next(c for c in credentials if (c.holder_type_id, c.holder_id) == (_person_type(), siti.pk))
    later = issue_credential(
        actor=None,
        kind=Credential.Kind.CERTIFICATE,
        subject=siti,
        holder=siti,
        number="LSPS.PSG.2030.99999",
        holder_name=siti.full_name,
        issuer_name=before.issuer_name,
        valid_from=before.valid_from,
        valid_until=None,
    )
    assert payload_of(later.jwt)["credentialSubject"]["id"] == f"urn:uuid:{before.holder_uid}"
