"""Integrity rules shared by every workflow model.

* Optimistic locking: a workflow object carries a `version`; a form or API call sends back the
  version it was opened with, and the change is refused (not applied) if someone else changed
  the object meanwhile. `claim_version` is an UPDATE ... WHERE version = expected, so two
  concurrent approvals cannot both win even if both read the same version. Every workflow
  with a version (membership, STR, licence and accreditation applications) uses this one
  mechanism; core/tests/test_optimistic_locking.py holds them to it.
* Numbered or issued records are never deleted: they end (a status), so `delete()` refuses.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .errors import DomainError, StaleObject

_AS_LOADED = object()  # claim_version() without an argument: the version this instance was read with


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True

    def claim_version(self, expected: int | str | None | object = _AS_LOADED) -> None:
        """Call inside the transaction before saving a transition. Raises StaleObject when the
        row changed since `expected` (or, called without it, since this instance was loaded).
        A form that sent no version (None) is refused: it cannot show it saw the current row."""
        try:
            expected = self.version if expected is _AS_LOADED else int(expected)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise StaleObject() from None  # a tampered or garbled form: refuse it like a stale one
        updated = type(self)._default_manager.filter(pk=self.pk, version=expected).update(version=models.F("version") + 1)
        if not updated:
            raise StaleObject()
        self.version = expected + 1


class NeverDeletedModel(models.Model):
    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):
        raise DomainError(_("Issued and numbered records are never deleted; end them with a status instead."))
