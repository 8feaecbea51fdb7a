"""Each domain app contributes what it holds about a person, so that a data-subject request
(UU 27/2022 Pasal 32: access; Pasal 43-44: erasure) covers everything without accounts
importing the apps above it.

    from core import personal_data
    personal_data.register_section("registry", export=export_person, erase=anonymise_person)

`export(user) -> dict | None` returns JSON-safe data (None when the app holds nothing);
`erase(user, actor) -> str` anonymises what the law lets go and returns a one-line summary of
what was done and what was kept (issued credentials stay verifiable without personal data).
Erasure reaches the change history (simple_history keeps every earlier version of a record) and
every file a record ever pointed at: sections do it with `erase(obj, actor=..., **values)` and
`delete(obj)` below. Every model that refers to a person or to their account is covered by its
app's section (core/tests/test_personal_data_coverage.py fails otherwise).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.db.models.fields.files import FieldFile

from core.integrity import VersionedModel


@dataclass(frozen=True)
class Section:
    name: str
    export: Callable
    erase: Callable | None = None


_SECTIONS: dict[str, Section] = {}


def register_section(name: str, *, export: Callable, erase: Callable | None = None) -> None:
    _SECTIONS[name] = Section(name, export, erase)


def sections() -> list[Section]:
    return list(_SECTIONS.values())


def sections_for_erasure() -> list[Section]:
    """Sections that erase, the app registered last first: an app above `registry` finds the
    person through the account, which `registry`'s erasure unlinks."""
    return [section for section in reversed(_SECTIONS.values()) if section.erase]


ERASED_REASON = "erased (UU 27/2022)"


def _history_of(obj):
    manager = getattr(type(obj), "history", None)
    return manager.filter(**{obj._meta.pk.attname: obj.pk}) if manager is not None else None


def _stored_names(obj, field_name: str) -> set[str]:
    """Every file this field has pointed at, now or in an earlier version kept in the history:
    a replaced upload is still on disk and its name still in the history."""
    names = {getattr(obj, field_name).name} if getattr(obj, field_name) else set()
    history = _history_of(obj)
    if history is not None:
        names.update(
            history.exclude(**{field_name: ""}).exclude(**{f"{field_name}__isnull": True}).values_list(field_name, flat=True)
        )
    return {name for name in names if name}


def _delete_stored_files(obj, file_fields: list) -> None:
    for field in file_fields:
        for name in _stored_names(obj, field.name):
            field.storage.delete(name)


def erase(obj, *, actor, **values) -> None:
    """Overwrite personal fields of one record, in the record and in every version of it that the
    change history keeps, and delete from storage every file those fields ever held. Fields the
    record derives on save (a search key from a name) are overwritten in the history too. The
    erasure itself is a new version: who erased, when and why."""
    model = type(obj)
    file_fields = [f for f in model._meta.concrete_fields if f.name in values and isinstance(f, models.FileField)]
    _delete_stored_files(obj, file_fields)
    before = {f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields}
    for name, value in values.items():
        setattr(obj, name, value)
    if isinstance(obj, VersionedModel):
        obj.claim_version()  # a form opened before the erasure cannot write the old values back
    obj._history_user = actor
    obj._change_reason = ERASED_REASON
    obj.save()
    history = _history_of(obj)
    if history is None:
        return
    changed = {
        f.attname: getattr(obj, f.attname)
        for f in model._meta.concrete_fields
        if f.name in values or before[f.attname] != getattr(obj, f.attname)
    }
    changed.pop(model._meta.pk.attname, None)
    history_fields = {f.attname for f in history.model._meta.concrete_fields}
    history.update(**{name: _stored(value) for name, value in changed.items() if name in history_fields})


def _stored(value):
    return (value.name or "") if isinstance(value, FieldFile) else value


def delete(obj) -> None:
    """Remove a record the law does not ask us to keep, with its files (every version) and its
    change history."""
    file_fields = [f for f in type(obj)._meta.concrete_fields if isinstance(f, models.FileField)]
    _delete_stored_files(obj, file_fields)
    history = _history_of(obj)
    obj.delete()  # first: deleting writes one last version, which goes with the rest
    if history is not None:
        history.delete()
