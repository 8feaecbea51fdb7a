"""The JSON-LD contexts of Peksos credentials.

A W3C VC 2.0 credential is JSON-LD: every term it uses must be defined by a context it lists, or a
JSON-LD processor drops the term (and in safe mode refuses the credential). The W3C context
defines the data model's own terms; the Peksos context, served at a versioned address that never
changes meaning (CONTEXT_PATH), defines the credential types and the claims of every kind.
A new claim or kind needs a term here first (credentials/tests/test_json_ld.py fails otherwise);
a change of meaning needs a new version at a new address, v1 staying as it is.

The W3C context is vendored (contexts/credentials-v2.jsonld, as published at VC_CONTEXT; it
includes the Bitstring Status List terms), so nothing is fetched from the network to read ours.
"""

import functools
import json
from pathlib import Path

from django.conf import settings

CONTEXT_PATH = "/credentials/contexts/v1.jsonld"
VENDORED = {"https://www.w3.org/ns/credentials/v2": Path(__file__).parent / "contexts" / "credentials-v2.jsonld"}

# The JWT claims VC-JOSE-COSE allows beside the data model (RFC 7519), so they expand too.
JWT_CLAIMS = "https://www.iana.org/assignments/jwt#"

TYPES = (
    "IpspiMemberCard",
    "SocialWorkerRegistration",
    "SocialWorkCompetencyCertificate",
    "SocialWorkPracticeLicence",
    "SocialWelfareInstitutionAccreditation",
)
# Every claim any kind of credential carries in credentialSubject (beside `id` and `name`).
CLAIM_TERMS = (
    "number",  # the credential's number (member number, STR, certificate, licence, accreditation)
    "category",  # membership category code
    "category_label",
    "province",
    "province_code",  # Kemendagri code
    "regency",
    "scheme",  # certification scheme
    "level",
    "practice_field",
    "field",
    "certifier",  # the LSP that certified
    "certificate",  # the competency certificate a licence or STR rests on
    "rule",  # the regulation applied
    "grade",  # accreditation grade
    "setting",  # practice setting of a licence
)


def context_url() -> str:
    return f"{settings.SITE_URL}{CONTEXT_PATH}"


@functools.cache
def _context_document(site_url: str) -> bytes:
    vocab = f"{site_url}/credentials/vocab/v1#"
    terms: dict = {"@version": 1.1, "@protected": True}
    terms.update({name: {"@id": vocab + name} for name in TYPES})
    terms.update({name: {"@id": vocab + name} for name in CLAIM_TERMS})
    # The W3C context defines iss, sub, nbf, exp and iat already (protected); not jti.
    terms["jti"] = {"@id": JWT_CLAIMS + "jti", "@type": "@id"}
    return json.dumps({"@context": terms}, indent=2, ensure_ascii=False).encode()


def context_document() -> bytes:
    """The Peksos context as served (the same bytes for as long as the process runs)."""
    return _context_document(settings.SITE_URL)
