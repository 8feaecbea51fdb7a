"""What an independent verifier does with a Peksos credential, for the standards tests: reads
contexts and keys from the site only (the test client) or from the vendored W3C context, never
from the network, and checks with libraries other than the one Peksos signs with."""

import base64
import json
import warnings
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management import call_command

from credentials.jsonld import VENDORED
from credentials.models import Credential

warnings.filterwarnings("ignore", message="EdDSA is deprecated")

# pyld 3.3 has no safe mode (`{"safeMode": True}` is ignored): an extra context maps every term
# and type the credential's own contexts leave undefined to this vocabulary, where a safe-mode
# processor would refuse them (and a normal one drop them); finding one there is the failure.
UNDEFINED = "urn:peksos-test:undefined#"


def seeded_demo() -> list[Credential]:
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 (closed with the process)
    return list(Credential.objects.order_by("pk"))


def payload_of(token: str) -> dict:
    body = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def header_of(token: str) -> dict:
    head = token.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)))


def site_path(url: str) -> str:
    assert url.startswith(settings.SITE_URL), url
    return urlsplit(url).path


def site_loader(client):
    """A pyld document loader that serves the vendored W3C context and the site's own addresses."""

    def load(url, options=None):
        if url in VENDORED:
            document = json.loads(VENDORED[url].read_text())
        else:
            response = client.get(site_path(url))
            assert response.status_code == 200, (url, response.status_code)
            assert response["Content-Type"].startswith("application/ld+json"), response["Content-Type"]
            document = json.loads(response.content)
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": document}

    return load


def _iris(node, found: set) -> None:
    if isinstance(node, list):
        for item in node:
            _iris(item, found)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "@type":
                found.update(value if isinstance(value, list) else [value])
            elif not key.startswith("@"):
                found.add(key)
            _iris(value, found)


def undefined_terms(document: dict, client) -> set[str]:
    """The terms and types of `document` that none of its contexts defines."""
    from pyld import jsonld

    probe = dict(document)
    probe["@context"] = [*document["@context"], {"@vocab": UNDEFINED}]
    expanded = jsonld.expand(probe, {"documentLoader": site_loader(client), "safeMode": True})
    found: set[str] = set()
    _iris(expanded, found)
    return {iri.removeprefix(UNDEFINED) for iri in found if iri.startswith(UNDEFINED)}


def issuer_keys(client, issuer_id: str) -> dict:
    """The issuer's keys, as its identifier resolves: {kid: public JWK}."""
    document = client.get(site_path(issuer_id)).json()
    assert document["id"] == issuer_id
    keys = {}
    for method in document["verificationMethod"]:
        assert method["controller"] == issuer_id and method["id"].startswith(issuer_id + "#")
        keys[method["publicKeyJwk"]["kid"]] = method["publicKeyJwk"]
    return keys
