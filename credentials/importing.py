"""Bringing in credentials issued before Peksos (certificates, STRs, licences, accreditations).

Each owning app registers the importer of its kind here from its AppConfig.ready(), so the
`import_credentials` command (and any page) reaches them without credentials importing the
domain apps: dependencies point down. `issue_imported` makes the credential of an imported
record exactly as Peksos issues its own (signed, on a status list), then gives it the status the
source states.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models

from .models import Credential, StatusCategory
from .services import change_status, issue_credential


@dataclass(frozen=True)
class CredentialImport:
    kind: str
    # (handle, file name, *, source, dry_run, actor, progress) -> report dict
    run: Callable[..., dict]
    columns: tuple[str, ...]
    # The policy permission of the officers who own this kind (for a staff page).
    permission: str = ""


_IMPORTS: dict[str, CredentialImport] = {}


def register(entry: CredentialImport) -> None:
    _IMPORTS[entry.kind] = entry


def importer(kind: str) -> CredentialImport | None:
    return _IMPORTS.get(kind)


def kinds() -> list[str]:
    return sorted(_IMPORTS)


# The public category an imported status reads with: the source states the status, not why.
IMPORTED_CATEGORY = {
    Credential.Status.SUSPENDED: StatusCategory.SUSPENDED_TEMPORARILY,
    Credential.Status.REVOKED: StatusCategory.OTHER,
    Credential.Status.EXPIRED: StatusCategory.VALIDITY_ENDED,
}


def issue_imported(
    *,
    actor,
    source: str,
    kind: str,
    subject: models.Model,
    holder: models.Model,
    number: str,
    holder_name: str,
    issuer_name: str,
    valid_from: datetime.date,
    valid_until: datetime.date | None,
    claims: dict,
    status: str = Credential.Status.VALID,
) -> Credential:
    """The credential of an imported record, with the status the source gives it (suspended and
    revoked ones are set in the status lists); its history names the source."""
    reason = f"import {source}"[:100]
    credential = issue_credential(
        actor=actor,
        kind=kind,
        subject=subject,
        holder=holder,
        number=number,
        holder_name=holder_name,
        issuer_name=issuer_name,
        valid_from=valid_from,
        valid_until=valid_until,
        claims=claims,
    )
    # Its rows so far (created, signed) say where it came from.
    Credential.history.filter(id=credential.pk).update(history_change_reason=reason)
    if status != Credential.Status.VALID:
        change_status(actor=actor, credential=credential, status=status, reason=reason, category=IMPORTED_CATEGORY[status])
    return credential
