"""How the OpenAPI document describes the credential addresses served outside /api/v1/ (the keys,
the JSON-LD context, the status lists, the issuers' metadata, the signed forms): their paths are
absolute, from the site's root, as the OpenAPI document's own paths are."""

from .signing import STATUS_LIST_TTL

_TEXT = {"type": "string"}
_JWT = {"application/vc+jwt": {"schema": {"type": "string", "description": "A compact JWS (vc+jwt, EdDSA)."}}}
_NOT_FOUND = {"description": "Not found."}
_ONLY_GET = {"description": "Only GET is allowed."}


def _object(description: str) -> dict:
    return {"application/json": {"schema": {"type": "object", "description": description}}}


def _get(summary: str, description: str, content: dict, *, params=(), extra: dict | None = None) -> dict:
    responses = {"200": {"description": "OK", "content": content}, "405": _ONLY_GET}
    if params:
        responses["404"] = _NOT_FOUND
    responses.update(extra or {})
    return {
        "get": {
            "tags": ["credential files"],
            "operationId": "credentials_" + summary.lower().replace(" ", "_").replace("'", ""),
            "summary": summary,
            "description": description,
            "parameters": [{"name": name, "in": "path", "required": True, "schema": schema} for name, schema in params],
            "responses": responses,
        }
    }


def credential_paths() -> dict:
    etag = {"ETag": {"schema": _TEXT, "description": "Unchanged while the list and its time-to-live window are."}}
    return {
        "/.well-known/jwks.json": _get(
            "Signing keys",
            "The public keys (JWKS) of every key that ever signed a credential or a status list, every issuing "
            "body's and the platform's: the `kid` in a credential's protected header picks its key. To trust one "
            "body only, use its issuer metadata instead. Cached 5 minutes.",
            _object("A JSON Web Key Set."),
        ),
        "/credentials/contexts/v1.jsonld": _get(
            "JSON-LD context",
            "The Peksos JSON-LD context (after the W3C VC 2.0 context in every credential's `@context`): the "
            "credential types and claims. Versioned address, content never changes: cached a year.",
            {"application/ld+json": {"schema": {"type": "object"}}},
        ),
        "/credentials/status/{purpose}": _get(
            "Status list",
            "A W3C Bitstring Status List credential (vc+jwt) of `revocation` or `suspension`, list 1. "
            f"Its `ttl` ({STATUS_LIST_TTL * 1000} ms) is the Cache-Control max-age ({STATUS_LIST_TTL} s); "
            "with If-None-Match and its ETag, 304 while unchanged.",
            _JWT,
            params=[("purpose", {"type": "string", "enum": ["revocation", "suspension"]})],
            extra={"200": {"description": "OK", "content": _JWT, "headers": etag}, "304": {"description": "Unchanged."}},
        ),
        "/credentials/status/{purpose}/{number}": _get(
            "Numbered status list",
            "Status list `number` (from 2; list 1 redirects to its own address), as a credential's "
            "`statusListCredential` names it.",
            _JWT,
            params=[
                ("purpose", {"type": "string", "enum": ["revocation", "suspension"]}),
                ("number", {"type": "integer", "minimum": 1}),
            ],
            extra={"301": {"description": "List 1's own address."}, "304": {"description": "Unchanged."}},
        ),
        "/issuers/{slug}": _get(
            "Issuer",
            "An issuing body's identifier (a credential's `issuer.id` and `iss`) resolves to its controller document: "
            "its name and the keys of its credentials as JsonWebKey verification methods: its own keys (retired "
            "ones too) and the platform keys that signed its credentials before it had its own, never another "
            "body's.",
            _object("A controller document (W3C Controlled Identifiers)."),
            params=[("slug", {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"})],
        ),
        "/.well-known/jwt-vc-issuer/issuers/{slug}": _get(
            "Issuer metadata",
            "The same body's keys as JWT VC issuer metadata: `issuer` and `jwks` (only this body's keys).",
            _object("JWT VC issuer metadata."),
            params=[("slug", {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"})],
        ),
        "/v/{public_id}.jwt": _get(
            "Signed credential",
            "A credential's signed form (vc+jwt) by its verification id (the one in its QR code), as a download. "
            "Its status is read from the status lists it names.",
            _JWT,
            params=[("public_id", {"type": "string", "pattern": "^[-A-Za-z0-9_]{1,32}$"})],
            extra={"429": {"description": "Too many requests.", "headers": {"Retry-After": {"schema": {"type": "integer"}}}}},
        ),
    }
