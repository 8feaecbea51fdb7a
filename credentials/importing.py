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

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

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


class ImportBatch:
    """The records one chunk of an import created and their credentials, written together at the
    end of the chunk: each model's rows in one multi-row INSERT with their history, the
    credentials signed with the key read once (`bulk.BulkIssuer`). The result is the records and
    credentials `issue_imported` makes one by one (signed, on a status list, suspended or revoked
    ones set in the lists, the history naming the source), in a few statements per chunk instead
    of a dozen per row.

    `add` takes a record not yet saved (its pk is reserved here) and, when it bears a
    credential, the credential's fields; records are written in the order their models first
    appear (an LKS before the accreditation that names it)."""

    def __init__(self, *, actor, source: str):
        self.actor = actor if getattr(actor, "is_authenticated", False) else None
        self.reason = f"import {source}"[:100]
        self._issuer = None
        self._pending: dict[type, list[tuple[models.Model, dict | None]]] = {}

    def add(self, record: models.Model, credential: dict | None = None) -> None:
        self._pending.setdefault(type(record), []).append((record, credential))

    def write(self) -> None:
        from core.bulkload import reserve_ids

        from .bulk import BulkIssuer, CredentialSpec

        pending, self._pending = self._pending, {}
        for model, items in pending.items():
            records = [record for record, _fields in items]
            unnumbered = [record for record in records if record.pk is None]
            for record, pk in zip(unnumbered, reserve_ids(model, len(unnumbered)), strict=True):
                record.pk = pk
            specs, bearers = [], []
            for record, fields in items:
                if fields is None:
                    continue
                fields = dict(fields)
                holder, status = fields.pop("holder"), fields.pop("status", Credential.Status.VALID)
                specs.append(
                    CredentialSpec(
                        subject_model=model,
                        subject_id=record.pk,
                        holder_model=type(holder),
                        holder_id=holder.pk,
                        status=status,
                        status_reason=self.reason if status != Credential.Status.VALID else "",
                        status_category=IMPORTED_CATEGORY.get(status, ""),
                        **fields,
                    )
                )
                bearers.append(record)
            if specs:
                if self._issuer is None:
                    self._issuer = BulkIssuer(actor=self.actor, change_reason=self.reason)
                for record, pk in zip(bearers, self._issuer.issue(specs), strict=True):
                    record.credential_id = pk
            self._insert(model, records)

    def _insert(self, model, records: list) -> None:
        """The records as plain rows, and each one's "created" history row naming the source as
        simple-history writes it on save (Django's and simple-history's bulk paths spend more on
        building model instances and SQL than the database spends on the rows). Every related
        record a row names already has its pk."""
        from django.db.models.fields.files import FieldFile
        from django.utils import timezone

        from core.bulkload import raw_insert

        fields = model._meta.concrete_fields
        rows = []
        for record in records:
            row = {}
            for field in fields:
                value = field.pre_save(record, True)
                row[field.attname] = (value.name or "") if isinstance(value, FieldFile) else value
            rows.append(row)
        raw_insert(model, rows)
        history = model.history.model
        tracked = [f.attname for f in history._meta.concrete_fields if f.attname in rows[0]]
        stamp = {
            "history_date": timezone.now(),
            "history_change_reason": self.reason,
            "history_type": "+",
            "history_user_id": self.actor.pk if self.actor else None,
        }
        raw_insert(history, [{**{name: row[name] for name in tracked}, **stamp} for row in rows])


# --- From a staff page: preview, then confirm ------------------------------------------------


def importable_kinds(user) -> list[str]:
    """The kinds `user` may import: those whose owners' permission they hold."""
    from accounts import policy

    return [kind for kind in kinds() if _IMPORTS[kind].permission and policy.allows(user, _IMPORTS[kind].permission)]


def _entry_for(actor, kind: str) -> CredentialImport:
    from accounts import policy
    from core.errors import NotAllowed

    entry = importer(kind)
    if entry is None or not entry.permission:
        raise NotAllowed(_("You may not import this kind of credential."))
    policy.require(actor, entry.permission)
    return entry


def preview_import(*, actor, kind: str, upload, source: str):
    """Keep the uploaded list privately and run it as a dry run: the preview is the report the
    real import will give. A file that cannot be read as a whole is refused and nothing is kept."""
    from core import audit
    from core.errors import DomainError
    from core.models import AuditEvent
    from core.tables import TableFileError

    from .models import ImportedList

    entry = _entry_for(actor, kind)
    source = source.strip()
    if not source:
        raise DomainError(_("Name the list."), field="source")
    name = upload.name.rsplit("/", 1)[-1]
    try:
        upload.seek(0)
        with translation.override(settings.LANGUAGE_CODE):
            report = entry.run(upload, name, source=source, dry_run=True, actor=actor)
    except TableFileError as exc:
        raise DomainError(str(exc), field="file") from None
    upload.seek(0)
    with transaction.atomic():
        batch = ImportedList(kind=kind, source=source, original_name=name[:200], uploaded_by=actor, preview_report=report)
        batch.file.save(f"import{'.xlsx' if name.lower().endswith('.xlsx') else '.csv'}", upload, save=False)
        batch._history_user = actor
        batch.save()
        audit.record(
            actor, AuditEvent.Action.SENSITIVE_ACTION, batch, summary=f"credential import previewed: {kind}", rows=report["rows"]
        )
    return batch


def confirm_import(*, actor, batch):
    """Queue a previewed list for import. The list is claimed first (previewed → importing in
    one conditional UPDATE), so two confirmations of the same list, even at the same moment,
    import it once. The import itself runs in the task worker (a list of 100,000 rows takes
    longer than a web request may): `run_confirmed_import`, which tells the officer when done."""
    from core.errors import DomainError

    from .models import ImportedList

    _entry_for(actor, batch.kind)
    with transaction.atomic():
        claimed = ImportedList.objects.filter(pk=batch.pk, status=ImportedList.Status.PREVIEWED).update(
            status=ImportedList.Status.IMPORTING, imported_by=actor, report={}
        )
        if not claimed:
            raise DomainError(_("This list has already been imported."))
        pk = batch.pk
        transaction.on_commit(lambda: _enqueue_import(pk))
    return ImportedList.objects.get(pk=pk)


def _enqueue_import(pk: int) -> None:
    from .tasks import run_credential_import

    run_credential_import.enqueue(pk)


def run_claimed_list(batch, *, run: Callable[[], dict], url: str, readable_errors: tuple[type[Exception], ...]) -> dict | None:
    """Run the import of a list an officer confirmed (its row in status "importing") and tell them
    the outcome in their inbox. Should the run stop half-way, the list reads previewed again with
    the reason (a file error's own message, else a plain one: no stack text reaches the page) and
    confirming it once more imports the rest. Returns the report, or None when the run failed on
    a file error; other failures are raised again for the task worker to record. Shared by the
    member and the credential imports."""
    from accounts.notifications import notify

    actor = batch.imported_by
    manager = type(batch)._default_manager
    try:
        with translation.override(settings.LANGUAGE_CODE):
            report = run()
    except BaseException as exc:
        with translation.override(settings.LANGUAGE_CODE):
            reason = str(exc) if isinstance(exc, readable_errors) else _("The import stopped before the end.")
            manager.filter(pk=batch.pk).update(status=batch.Status.PREVIEWED, report={"failure": reason})
            notify(
                actor,
                subject=_("The list “%(source)s” was not imported") % {"source": batch.source},
                body=_("%(reason)s Rows already imported stay; confirming the list again imports the rest.") % {"reason": reason},
                url=url,
            )
        if isinstance(exc, readable_errors):
            return None
        raise
    with translation.override(settings.LANGUAGE_CODE):
        notify(
            actor,
            subject=_("The list “%(source)s” was imported") % {"source": batch.source},
            body=_("%(created)s created, %(unchanged)s unchanged, %(rejected)s rejected.")
            % {"created": report["created"], "unchanged": report["unchanged"], "rejected": report["rejected"]},
            url=url,
        )
    return report


def resume_stuck_lists(model, task) -> int:
    """Queue again the import of every list left "being imported" with no task waiting or running
    for it: its worker was killed (a crash of the import itself sets the list back to previewed,
    `run_claimed_list`), or the task was given up. The import creates nothing twice, so the run
    that resumes it reads the rows already written as unchanged and writes the rest. Returns how
    many lists were queued. Shared by the member and the credential imports (their nightly run)."""
    from core.worker import has_pending

    resumed = 0
    for pk in model.objects.filter(status=model.Status.IMPORTING, imported_by__isnull=False).values_list("pk", flat=True):
        if not has_pending(task, pk):
            task.enqueue(pk)
            resumed += 1
    return resumed


def run_confirmed_import(batch_pk: int) -> None:
    """Import a claimed credential list with the same function as `import_credentials`; rows are
    committed chunk by chunk as the command commits them (see `run_claimed_list`)."""
    from core import audit
    from core.models import AuditEvent
    from core.tables import TableFileError

    from .models import ImportedList

    batch = ImportedList.objects.filter(pk=batch_pk, status=ImportedList.Status.IMPORTING).first()
    if batch is None or batch.imported_by is None:
        return  # already done (a retried task) or never claimed
    actor = batch.imported_by

    def run() -> dict:
        entry = _entry_for(actor, batch.kind)
        with batch.file.open("rb") as handle:
            return entry.run(handle, batch.original_name or batch.file.name, source=batch.source, dry_run=False, actor=actor)

    report = run_claimed_list(
        batch, run=run, url=reverse("credentials:import_detail", args=[batch.pk]), readable_errors=(TableFileError,)
    )
    if report is None:
        return
    with transaction.atomic():
        batch.status = ImportedList.Status.IMPORTED
        batch.report = report
        batch.imported_at = timezone.now()
        batch._history_user = actor
        batch.save(update_fields=["status", "report", "imported_at"])
        audit.record(
            actor,
            AuditEvent.Action.SENSITIVE_ACTION,
            batch,
            summary=f"credential import confirmed: {batch.kind}",
            source=batch.source,
            created=report["created"],
            rejected=report["rejected"],
        )
