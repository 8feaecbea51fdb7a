"""Verifiable credentials: W3C VC Data Model 2.0, secured as compact JWS (`vc+jwt`, EdDSA with
Ed25519), keys published as a JWKS, suspension and revocation published as W3C Bitstring
Status Lists (themselves signed `vc+jwt`).

Each issuing body (IPSPI, each LSP, each licensing authority, Kemensos) signs with its own keys,
published in its own issuer metadata (/issuers/<slug>), so a verifier may trust one body and not
another; the platform's own key signs the status lists. `/.well-known/jwks.json` publishes every
key, so any standard JOSE library verifies any Peksos credential offline with it alone, those
signed with the platform's keys before the bodies had their own included: the `kid` in the
protected header picks the key.
"""

import base64
import datetime
import gzip
import hashlib
import json
import logging
import secrets
import warnings
from collections.abc import Callable, Iterable

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from core import numbering

from .jsonld import context_url
from .models import Credential, SigningKey, StatusList, issuer_url, verification_url

ALGORITHM = "EdDSA"
VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
# A status list is signed anew for each window of STATUS_LIST_TTL seconds (the same bytes, the
# same ETag, within one), and says so in its `ttl`: verifiers and caches (Cache-Control max-age)
# fetch it again after that long. STATUS_LIST_VALIDITY is how long a verifier cut off from the
# site may keep using the copy it has (its validUntil): after that it cannot check, rather than
# trust a stale list.
STATUS_LIST_TTL = 300  # seconds
STATUS_LIST_VALIDITY = 60 * 60 * 24  # seconds
# gzip's default level 9 took 11.6 ms for a 16 KB list with 2 % of its bits set (a verifier's cold
# check at 8.5 ms p50 in bench.status_lists); level 6 takes 0.8 ms for an 8 % longer list.
STATUS_LIST_GZIP_LEVEL = 6

KIND_TYPES = {
    Credential.Kind.MEMBER_CARD: "IpspiMemberCard",
    Credential.Kind.STR: "SocialWorkerRegistration",
    Credential.Kind.CERTIFICATE: "SocialWorkCompetencyCertificate",
    Credential.Kind.LICENCE: "SocialWorkPracticeLicence",
    Credential.Kind.ACCREDITATION: "SocialWelfareInstitutionAccreditation",
}


def _quiet():
    # joserfc warns that RFC 9864 prefers the alg name "Ed25519"; "EdDSA" is what verifiers
    # widely support today, and the key is Ed25519 either way.
    warnings.filterwarnings("ignore", message="EdDSA is deprecated")


logger = logging.getLogger(__name__)


class SigningSecretError(RuntimeError):
    """A stored private key that cannot be used: a configuration error for the operator (the log
    and `rotate_signing_secret` name the key), never shown to a visitor."""


class SigningKeyUnreadable(SigningSecretError):
    def __init__(self, kid: str):
        super().__init__(
            f"Signing key {kid} cannot be decrypted with PEKSOS_SIGNING_SECRET (nor SECRET_KEY): "
            "put the secret it was encrypted with back into PEKSOS_SIGNING_SECRET (after the newest)."
        )
        self.kid = kid


def _fernet_of(secret: str) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(("peksos-signing-keys:" + secret).encode()).digest()))


def _fernet() -> MultiFernet:
    """PEKSOS_SIGNING_SECRET, newest first: the newest encrypts, every one decrypts."""
    return MultiFernet([_fernet_of(secret) for secret in settings.PEKSOS_SIGNING_SECRET])


_warned_legacy: set[str] = set()


def _decrypt(key: SigningKey) -> tuple[bytes, str]:
    """The private key's PEM and what opened it: "newest", "older" (an older
    PEKSOS_SIGNING_SECRET) or "secret_key"."""
    token = key.private_key_encrypted.encode()
    newest, *older = settings.PEKSOS_SIGNING_SECRET
    # Before PEKSOS_SIGNING_SECRET was read, keys were encrypted with SECRET_KEY (or a value since
    # moved to SECRET_KEY_FALLBACKS). They still open, so an existing deployment keeps signing,
    # until `rotate_signing_secret` moves them under the signing secret.
    legacy = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    for source, candidates in (("newest", [newest]), ("older", older), ("secret_key", legacy)):
        if not candidates:
            continue
        try:
            pem = MultiFernet([_fernet_of(secret) for secret in candidates]).decrypt(token)
        except InvalidToken:
            continue
        if source == "secret_key" and key.kid not in _warned_legacy:
            _warned_legacy.add(key.kid)  # once per process: status lists are signed on every request
            logger.warning("Signing key %s is still encrypted with SECRET_KEY: run `manage.py rotate_signing_secret`.", key.kid)
        return pem, source
    raise SigningKeyUnreadable(key.kid)


def issuer_id() -> str:
    """The platform's own identifier: the issuer of the status lists (and of credentials signed
    before each issuing body had its own)."""
    return f"{settings.SITE_URL}/"


def credential_issuer_id(credential) -> str:
    """The issuing body's identifier (/issuers/<slug>, whose metadata names the keys); a
    historical row from before issuers had one keeps the platform's."""
    slug = getattr(credential, "issuer_slug", "")
    return issuer_url(slug) if slug else issuer_id()


def holder_id(credential) -> str:
    """credentialSubject.id: the holder's `urn:uuid:` (the same in all their credentials); a
    credential without a known holder (or a historical row) names its verification page."""
    uid = getattr(credential, "holder_uid", None)
    return f"urn:uuid:{uid}" if uid else verification_url(credential.public_id)


def _epoch(moment: str) -> int:
    return int(datetime.datetime.fromisoformat(moment).timestamp())


# The owner of the platform's own keys (SigningKey.issuer_slug): no issuing body.
PLATFORM = ""


def create_key(issuer: str = PLATFORM) -> SigningKey:
    """A new key of `issuer` (an issuing body's slug, or the platform): its `kid` names its owner
    (ipspi-20261207-1a2b3c4d), so a verifier reading a credential's header sees whose key it is."""
    from joserfc import jwk

    kid = f"{issuer[:40] or 'peksos'}-{timezone.now():%Y%m%d}-{secrets.token_hex(4)}"
    key = jwk.OKPKey.generate_key("Ed25519", private=True, parameters={"kid": kid, "use": "sig", "alg": ALGORITHM})
    private_pem = key.as_pem(private=True)
    return SigningKey.objects.create(
        kid=kid,
        issuer_slug=issuer,
        public_jwk=key.as_dict(private=False),
        private_key_encrypted=_fernet().encrypt(private_pem).decode(),
    )


def current_key(issuer: str = PLATFORM) -> SigningKey:
    """The key `issuer` signs with now, made with the body's first credential."""
    key = SigningKey.objects.filter(issuer_slug=issuer, retired_at__isnull=True).order_by("-created_at").first()
    if key is not None:
        return key
    try:
        with transaction.atomic():
            key = create_key(issuer)
    except IntegrityError:
        # Another transaction made this body's first key at the same moment (one key in use per
        # owner is a constraint): sign with that one.
        return SigningKey.objects.get(issuer_slug=issuer, retired_at__isnull=True)
    if issuer != PLATFORM:
        # The status lists the credential is on are signed with the platform's key: it exists, and
        # is in the JWKS a verifier fetches, from the first credential on.
        current_key(PLATFORM)
    return key


def key_for(credential) -> SigningKey:
    """The key a credential is signed with: its issuing body's (the one `credential_payload`
    names as issuer), or the platform's for a historical row that names no body."""
    return current_key(getattr(credential, "issuer_slug", "") or PLATFORM)


def rotate(issuer: str = PLATFORM) -> SigningKey:
    """A new key signs for `issuer` from now on; its old keys stay published (in the JWKS and in
    the body's metadata) so what they signed still verifies, and never sign again."""
    with transaction.atomic():
        SigningKey.objects.filter(issuer_slug=issuer, retired_at__isnull=True).update(retired_at=timezone.now())
        return create_key(issuer)


def rotate_all() -> list[SigningKey]:
    """Every key in use (each body's and the platform's) replaced in one transaction: what to do
    when the keys or PEKSOS_SIGNING_SECRET may have leaked."""
    with transaction.atomic():
        owners = set(SigningKey.objects.filter(retired_at__isnull=True).values_list("issuer_slug", flat=True))
        return [rotate(owner) for owner in sorted(owners)]


def _private(key: SigningKey):
    from joserfc import jwk

    pem, _source = _decrypt(key)
    return jwk.OKPKey.import_key(pem, parameters={"kid": key.kid})


def reencrypt_private_keys(progress: Callable[[Iterable], Iterable] = iter) -> dict[str, int]:
    """Encrypt every stored private key under the newest PEKSOS_SIGNING_SECRET, after a new one
    was put in front (or to move keys off SECRET_KEY). All or nothing: a key that no configured
    secret opens stops it before anything is saved. Returns how many came from where."""
    from joserfc import jwk

    counts = {"keys": 0, "newest": 0, "older": 0, "secret_key": 0}
    newest = _fernet_of(settings.PEKSOS_SIGNING_SECRET[0])
    with transaction.atomic():
        for key in progress(list(SigningKey.objects.select_for_update().order_by("created_at"))):
            pem, source = _decrypt(key)
            # The key must still be the one its public half publishes, or old credentials would
            # stop verifying; check before saving it under the new secret.
            if jwk.OKPKey.import_key(pem).as_dict(private=False)["x"] != key.public_jwk["x"]:
                raise SigningSecretError(f"Signing key {key.kid} does not match its published public key.")
            key.private_key_encrypted = newest.encrypt(pem).decode()
            key.save(update_fields=["private_key_encrypted"])
            counts["keys"] += 1
            counts[source] += 1
    return counts


def jwks() -> dict:
    """Every key, the platform's and every body's, retired ones included."""
    return {"keys": [k.public_jwk for k in SigningKey.objects.order_by("created_at")]}


def issuer_jwks(slug: str) -> dict:
    """The keys of one issuing body: its own, and the platform keys that signed its credentials
    before it had its own (SigningKey.signed_for); never another body's."""
    keys = SigningKey.objects.filter(Q(issuer_slug=slug) | Q(issuer_slug=PLATFORM)).order_by("created_at")
    return {"keys": [k.public_jwk for k in keys if k.issuer_slug == slug or slug in (k.signed_for or [])]}


def _sign(payload: dict, key: SigningKey | None = None) -> str:
    from joserfc import jws

    _quiet()
    key = key or current_key()
    if getattr(key, "retired_at", None) is not None:
        raise RuntimeError(f"Signing key {key.kid} is retired: it stays published, but signs nothing new.")
    body = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    return jws.serialize_compact(
        {"alg": ALGORITHM, "typ": "vc+jwt", "kid": key.kid, "cty": "vc"}, body, _private(key), algorithms=[ALGORITHM]
    )


def status_list_url(purpose: str, number: int = 1) -> str:
    """List 1 keeps the address it had when it was the only one: credentials signed then name it."""
    base = f"{settings.SITE_URL}/credentials/status/{purpose}"
    return base if number == 1 else f"{base}/{number}"


def register_moment(day: datetime.date, at: datetime.time) -> str:
    """A moment of a register day, with the register's own offset (2031-12-05T23:59:59+07:00):
    validity is judged on Jakarta calendar days (core.dates.register_day), so a credential's
    signed validity begins and ends when its page says it does."""
    return datetime.datetime.combine(day, at, tzinfo=timezone.get_default_timezone()).isoformat()


def credential_payload(credential: Credential) -> dict:
    """The signed form: public claims only. A status and its reason are not in it (they change;
    the status lists carry them), so nothing an officer writes ever reaches it. Reads only
    columns, so that a migration can sign its historical rows again."""
    url = verification_url(credential.public_id)
    # A historical model from before there were several lists has no list number: it was on list 1.
    list_number = getattr(credential, "status_list_number", None) or 1
    subject = {"id": holder_id(credential), "name": credential.holder_name, "number": credential.number, **credential.claims}
    issuer = credential_issuer_id(credential)
    valid_from = register_moment(credential.valid_from, datetime.time(0, 0, 0))
    payload = {
        "@context": [VC_CONTEXT, context_url()],
        "id": url,
        "type": ["VerifiableCredential", KIND_TYPES[Credential.Kind(credential.kind)]],
        "issuer": {"id": issuer, "name": credential.issuer_name},
        "validFrom": valid_from,
        "credentialSubject": subject,
        "credentialStatus": [
            {
                "id": f"{status_list_url(purpose, list_number)}#{credential.status_list_index}",
                "type": "BitstringStatusListEntry",
                "statusPurpose": purpose,
                "statusListIndex": str(credential.status_list_index),
                "statusListCredential": status_list_url(purpose, list_number),
            }
            for purpose in (StatusList.Purpose.REVOCATION, StatusList.Purpose.SUSPENSION)
        ],
    }
    # The JWT claims VC-JOSE-COSE allows beside the data model's own, with the same values, so
    # that a generic JWT library refuses a credential outside its validity period as well
    # (defined in the Peksos context, so JSON-LD processing drops none of them).
    payload.update({"iss": issuer, "sub": subject["id"], "jti": url, "nbf": _epoch(valid_from)})
    if credential.valid_until:
        payload["validUntil"] = register_moment(credential.valid_until, datetime.time(23, 59, 59))
        payload["exp"] = _epoch(payload["validUntil"]) + 1  # exp is the first moment no longer valid
    return payload


# Every status position ever given out, over all lists, counted in core.numbering's series: the
# count says which list is being filled, and its row lock (PostgreSQL; SQLite's write lock) queues
# concurrent issuers, so two of them never draw in one list at once nor open a list twice.
POSITIONS_SERIES = "credentials:status-list-positions"
_DRAWS = 16  # random positions tried per query


def _free_index(number: int) -> int:
    """A random position of list `number` never used before, among its free positions alike:
    nothing about the order or time of issue can be read from it. Positions are never reused,
    so a revoked credential's bit can never be cleared by a later issue."""
    for _attempt in range(20):
        draws = [secrets.randbelow(StatusList.SIZE) for _ in range(_DRAWS)]
        taken = set(
            Credential.objects.filter(status_list_number=number, status_list_index__in=draws).values_list(
                "status_list_index", flat=True
            )
        )
        for index in draws:
            if index not in taken:
                return index
    raise RuntimeError(f"Status list {number} has no free position although it is counted as not full.")


def allocate_status_position() -> tuple[int, int]:
    """(list number, index) for a credential being issued, inside its issuing transaction: list n
    takes the positions counted (n-1)*capacity+1 … n*capacity, so the next list opens by itself
    when one is full, and a rolled-back issue gives its count back."""
    count = numbering.allocate(POSITIONS_SERIES)
    number = (count - 1) // StatusList.capacity() + 1
    return number, _free_index(number)


def lists_in_use() -> int:
    """How many lists of each purpose are published: at least list 1, whose address predates the others."""
    return max(1, (numbering.peek(POSITIONS_SERIES) - 1) // StatusList.capacity() + 1)


def on_issue(credential: Credential) -> None:
    credential.status_list_number, credential.status_list_index = allocate_status_position()
    credential.jwt = _sign(credential_payload(credential), key_for(credential))
    credential.save(update_fields=["status_list_number", "status_list_index", "jwt"])


def sign_again(credential, key) -> str:
    """The signed form of `credential` made anew with `key` (both possibly historical models in
    a data migration), after its public claims were corrected. A platform key that signs a
    body's credential is recorded as having signed for it, so the body's metadata names it."""
    slug = getattr(credential, "issuer_slug", "") or PLATFORM
    owner = getattr(key, "issuer_slug", PLATFORM)
    if owner not in (PLATFORM, slug):
        raise ValueError(f"Signing key {key.kid} belongs to {owner}, not to the issuer of {credential.number}.")
    token = _sign(credential_payload(credential), key)
    signed_for = getattr(key, "signed_for", None)  # a historical key from before it was kept
    if owner == PLATFORM and slug != PLATFORM and signed_for is not None and slug not in signed_for:
        key.signed_for = sorted({*signed_for, slug})
        key.save(update_fields=["signed_for"])
    return token


# The statuses a status list publishes, each in the list of its purpose; every other status
# (valid, expired, ended by renewal) reads as a clear bit in both.
LISTED = {StatusList.Purpose.REVOCATION: Credential.Status.REVOKED, StatusList.Purpose.SUSPENSION: Credential.Status.SUSPENDED}


def on_status_change(credential: Credential, *, previous: str | None = None) -> None:
    """Set the credential's bits for its new status. Only the lists whose bit changes are read:
    a valid credential expiring (the nightly job's work) reads none."""
    if credential.status_list_index is None:
        return
    number = credential.status_list_number or 1
    for purpose, listed in LISTED.items():
        if previous is not None and listed not in (previous, credential.status):
            continue
        flag = credential.status == listed
        StatusList.objects.get_or_create(
            purpose=purpose, number=number, defaults={"bits": StatusList.empty(purpose, number).bits}
        )
        # Locked only once it surely exists: two officers changing credentials of one list queue here.
        status_list = StatusList.objects.select_for_update().get(purpose=purpose, number=number)
        if status_list.get(credential.status_list_index) != flag:
            status_list.set(credential.status_list_index, flag)
            status_list.updated_at = timezone.now()
            status_list.save(update_fields=["bits", "updated_at"])


def published_status_list(purpose: str, number: int = 1) -> StatusList | None:
    """List `number` of `purpose` as it stands, or None if no credential can be on it yet (also
    for any number a visitor makes up, however large). A list no credential has changed yet is
    all zeros: it is published so, without writing it."""
    if not 1 <= number <= lists_in_use():
        return None
    return StatusList.objects.filter(purpose=purpose, number=number).first() or StatusList.empty(purpose, number)


def status_list_window(now: datetime.datetime | None = None) -> datetime.datetime:
    """The start of the STATUS_LIST_TTL window `now` falls in."""
    now = now or timezone.now()
    start = int(now.timestamp()) // STATUS_LIST_TTL * STATUS_LIST_TTL
    return datetime.datetime.fromtimestamp(start, tz=datetime.UTC)


def status_list_jwt(status_list: StatusList, now: datetime.datetime | None = None) -> str:
    """The signed BitstringStatusListCredential of one list, at the address its credentials name.
    Its dates follow the window, not the moment asked: within a window an unchanged list is the
    same bytes (Ed25519 signatures are deterministic), so its ETag holds and caches can keep it."""
    purpose = status_list.purpose
    url = status_list_url(purpose, status_list.number)
    compressed = gzip.compress(bytes(status_list.bits), compresslevel=STATUS_LIST_GZIP_LEVEL, mtime=0)
    encoded = "u" + base64.urlsafe_b64encode(compressed).decode().rstrip("=")
    start = status_list_window(now)
    payload = {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": {"id": issuer_id(), "name": "Peksos — KPSI"},  # signed with the platform's key
        "validFrom": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "validUntil": (start + datetime.timedelta(seconds=STATUS_LIST_VALIDITY)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": encoded,
            "ttl": STATUS_LIST_TTL * 1000,  # milliseconds, as the Bitstring Status List spec counts it
        },
    }
    return _sign(payload, current_key(PLATFORM))


class VerificationResult:
    VALID, INVALID, UNAVAILABLE = "valid", "invalid", "unavailable"


def verify_jwt(token: str, key_set: dict | None = None) -> tuple[str, dict | None]:
    """Check a vc+jwt against our published keys: (valid|invalid, payload)."""
    from joserfc import jwk, jws
    from joserfc.errors import JoseError

    _quiet()
    try:
        keys = jwk.KeySet.import_key_set(key_set or jwks())
        obj = jws.deserialize_compact(token.strip(), keys, algorithms=[ALGORITHM])
        return VerificationResult.VALID, json.loads(obj.payload)
    except (JoseError, ValueError, KeyError, TypeError):
        return VerificationResult.INVALID, None
