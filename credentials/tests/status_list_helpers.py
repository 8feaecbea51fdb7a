"""What a verifier does with a status list credential, for the status-list tests: check its
signature with only the published keys, then read its bits."""

import base64
import gzip
import json
import warnings
from urllib.parse import urlsplit

from joserfc import jwk, jws

warnings.filterwarnings("ignore", message="EdDSA is deprecated")


def verified_list(client, url: str) -> dict:
    """The payload of the status list at `url` (a full address, as credentials name it), after
    its signature was checked against /.well-known/jwks.json."""
    response = client.get(urlsplit(url).path)
    assert response.status_code == 200, (url, response.status_code)
    keys = jwk.KeySet.import_key_set(client.get("/.well-known/jwks.json").json())
    return json.loads(jws.deserialize_compact(response.content.decode(), keys, algorithms=["EdDSA"]).payload)


def _unpadded(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def bits(payload: dict) -> bytes:
    encoded = payload["credentialSubject"]["encodedList"]
    assert encoded.startswith("u")  # multibase base64url
    return gzip.decompress(_unpadded(encoded[1:]))


def bit(payload: dict, index: int) -> bool:
    return bool(bits(payload)[index // 8] & (0x80 >> (index % 8)))


def set_bits(payload: dict) -> set[int]:
    data = bits(payload)
    return {i * 8 + b for i, byte in enumerate(data) if byte for b in range(8) if byte & (0x80 >> b)}


def entries(credential) -> dict[str, dict]:
    """The credential's signed credentialStatus entries, by purpose."""
    payload = json.loads(_unpadded(credential.jwt.split(".")[1]))
    return {entry["statusPurpose"]: entry for entry in payload["credentialStatus"]}
