"""Issuing many credentials at once, for go-live imports (e.g. 100,000 member cards of a congress
list): the same records `services.issue_credential` makes (the signed form from
`signing.credential_payload`, a status-list position never used before, a "created" history row)
but written with multi-row INSERTs, with each issuing body's signing key read once and positions drawn from the
free ones held in memory, instead of a query, a key decryption and two saves per credential.

A credential issued here is indistinguishable from one issued one by one: it verifies on /v/<id>
and with any JOSE library, and can later be suspended, revoked or renewed through the services.
"""

from __future__ import annotations

import base64
import datetime
import json
import random
from dataclasses import dataclass, field
from types import SimpleNamespace

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from core import numbering
from core.bulkload import raw_insert, reserve_ids

from . import signing
from .models import Credential, StatusList, issuer_slug, new_public_id
from .services import holder_uids


@dataclass
class CredentialSpec:
    kind: str
    subject_model: type
    subject_id: int
    number: str
    holder_name: str
    issuer_name: str
    valid_from: datetime.date
    valid_until: datetime.date | None
    holder_model: type | None = None
    holder_id: int | None = None
    claims: dict = field(default_factory=dict)
    status: str = Credential.Status.VALID
    status_reason: str = ""
    status_category: str = ""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class BulkIssuer:
    """Keeps what every batch of one import shares: the key, the content types, the positions
    already taken. Call `issue()` inside the transaction that inserts the subjects."""

    def __init__(self, *, actor=None, change_reason: str = ""):
        self.actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
        self.change_reason = change_reason[:100]
        # Per issuing body: the encoded protected header (naming its key) and its private key.
        self._signers: dict[str, tuple[str, Ed25519PrivateKey]] = {}
        self._types: dict[type, int] = {}
        self._rng = random.SystemRandom()
        self._multi = hasattr(StatusList, "capacity")
        self._taken: dict[int, set[int]] = {}
        self._list_number = 1

    def _type_id(self, model) -> int | None:
        if model is None:
            return None
        if model not in self._types:
            self._types[model] = ContentType.objects.get_for_model(model).pk
        return self._types[model]

    def _positions(self, count: int) -> list[tuple[int, int]]:
        """(list number, index) pairs never used before, drawn at random like signing's own
        allocation; a full list is followed by the next one."""
        if not self._taken:
            rows = Credential.objects.exclude(status_list_index=None)
            if self._multi:
                for number, index in rows.values_list("status_list_number", "status_list_index").iterator(chunk_size=20000):
                    self._taken.setdefault(number or 1, set()).add(index)
                self._list_number = max(self._taken, default=1)
            else:
                self._taken[1] = set(rows.values_list("status_list_index", flat=True).iterator(chunk_size=20000))
        capacity = StatusList.capacity() if self._multi else StatusList.SIZE
        positions: list[tuple[int, int]] = []
        if self._multi:
            # Counted in the series one-by-one issuing counts in (signing.allocate_status_position),
            # so that both fill the same list and open the next one at the same count.
            first = numbering.allocate_many(signing.POSITIONS_SERIES, count)
            for position in range(first, first + count):
                list_number = (position - 1) // capacity + 1
                taken = self._taken.setdefault(list_number, set())
                while (index := self._rng.randrange(StatusList.SIZE)) in taken:
                    pass
                taken.add(index)
                positions.append((list_number, index))
            return positions
        while len(positions) < count:
            taken = self._taken.setdefault(self._list_number, set())
            room = capacity - len(taken)
            if room <= 0:
                if not self._multi:
                    raise RuntimeError("Status list is full.")
                self._list_number += 1
                continue
            want = min(room, count - len(positions))
            while want:
                index = self._rng.randrange(StatusList.SIZE)
                if index not in taken:
                    taken.add(index)
                    positions.append((self._list_number, index))
                    want -= 1
        return positions

    def _signer(self, issuer: str) -> tuple[str, Ed25519PrivateKey]:
        """The body's current key, decrypted once per import (signing.key_for's choice)."""
        if issuer not in self._signers:
            from cryptography.hazmat.primitives.serialization import load_pem_private_key

            key = signing.current_key(issuer)
            pem, _source = signing._decrypt(key)
            private = load_pem_private_key(pem, password=None)
            if not isinstance(private, Ed25519PrivateKey):
                raise signing.SigningSecretError(f"Signing key {key.kid} is not an Ed25519 key.")
            header = {"alg": signing.ALGORITHM, "typ": "vc+jwt", "kid": key.kid, "cty": "vc"}
            self._signers[issuer] = (_b64(json.dumps(header, separators=(",", ":")).encode()), private)
        return self._signers[issuer]

    def _sign(self, credential) -> str:
        header, private = self._signer(credential.issuer_slug or signing.PLATFORM)
        body = json.dumps(signing.credential_payload(credential), separators=(",", ":"), ensure_ascii=False).encode()
        signing_input = f"{header}.{_b64(body)}"
        return f"{signing_input}.{_b64(private.sign(signing_input.encode()))}"

    def issue(self, specs: list[CredentialSpec]) -> list[int]:
        """Insert the credentials (and their history), set their status-list bits; returns their
        ids in the order of `specs`."""
        if not specs:
            return []
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("Credentials must be issued inside the transaction that issues their subjects.")
        now = timezone.now()
        ids = reserve_ids(Credential, len(specs))
        positions = self._positions(len(specs))
        uids: dict[tuple[int, int], object] = {}
        by_type: dict[int, list[int]] = {}
        for spec in specs:
            if spec.holder_model is not None and spec.holder_id is not None:
                by_type.setdefault(self._type_id(spec.holder_model), []).append(spec.holder_id)
        for type_id, holder_ids in by_type.items():
            uids.update({(type_id, i): uid for i, uid in holder_uids(type_id, holder_ids).items()})
        rows = []
        flagged: dict[tuple[str, int], list[int]] = {}
        for pk, spec, (list_number, index) in zip(ids, specs, positions, strict=True):
            # Only what the signed form reads (signing.credential_payload): a model instance per
            # credential would cost more than its signature.
            credential = SimpleNamespace(
                id=pk,
                public_id=new_public_id(),
                kind=spec.kind,
                number=spec.number,
                holder_name=spec.holder_name,
                issuer_name=spec.issuer_name,
                valid_from=spec.valid_from,
                valid_until=spec.valid_until,
                claims=spec.claims,
                status_list_index=index,
                holder_uid=uids.get((self._type_id(spec.holder_model), spec.holder_id)),
                issuer_slug=issuer_slug(spec.issuer_name),
            )
            credential.status_list_number = list_number if self._multi else None
            row = {
                "id": pk,
                "public_id": credential.public_id,
                "kind": spec.kind,
                "number": spec.number,
                "holder_name": spec.holder_name,
                "issuer_name": spec.issuer_name,
                "subject_type_id": self._type_id(spec.subject_model),
                "subject_id": spec.subject_id,
                "holder_type_id": self._type_id(spec.holder_model),
                "holder_id": spec.holder_id,
                "holder_uid": credential.holder_uid,
                "issuer_slug": credential.issuer_slug,
                "valid_from": spec.valid_from,
                "valid_until": spec.valid_until,
                "status": spec.status,
                "status_reason": spec.status_reason[:255],
                "status_category": spec.status_category,
                "status_changed_at": now,
                "claims": spec.claims,
                "status_list_index": index,
                "jwt": self._sign(credential),
                "issued_at": now,
                "issued_by_id": self.actor_id,
            }
            if self._multi:
                row["status_list_number"] = list_number
            rows.append(row)
            purpose = {
                Credential.Status.REVOKED: StatusList.Purpose.REVOCATION,
                Credential.Status.SUSPENDED: StatusList.Purpose.SUSPENSION,
            }.get(spec.status)
            if purpose:
                flagged.setdefault((purpose, list_number), []).append(index)
        history = {
            "history_date": now,
            "history_change_reason": self.change_reason,
            "history_type": "+",
            "history_user_id": self.actor_id,
        }
        raw_insert(Credential, rows)
        raw_insert(Credential.history.model, [{**row, **history} for row in rows])
        for (purpose, list_number), indexes in flagged.items():
            self._flag(purpose, list_number, indexes, now)
        return ids

    def _flag(self, purpose: str, list_number: int, indexes: list[int], now) -> None:
        lists = StatusList.objects.select_for_update().filter(purpose=purpose)
        if self._multi:
            status_list = lists.filter(number=list_number).first() or StatusList.empty(purpose, list_number)
        else:
            status_list = lists.first() or StatusList(purpose=purpose, bits=bytes(StatusList.SIZE // 8))
        data = bytearray(bytes(status_list.bits))
        for index in indexes:
            data[index // 8] |= 0x80 >> (index % 8)
        status_list.bits = bytes(data)
        status_list.updated_at = now
        status_list.save()
