"""The one place that answers "may this user do X on this object".

Each domain app declares its permissions in its own `rules.py` (autodiscovered by django-rules)
using the predicates below, so every rule is written as role + scope. Views, API endpoints,
exports and services then ask only `policy.allows(user, "app.action", obj)` or
`policy.require(...)`.

A permission that guards records someone lists is declared with `declare(perm, predicate,
scope=..., model=...)`: the scope is written with the `Scope` helpers below from the same role
assignments as the predicate, and `visible(user, perm, Model)` is the queryset of exactly the
records the predicate allows, so a list page, an API and a report cannot each rebuild (and drift
from) the rule. core/tests/test_scope_consistency.py holds every declared pair to that. Where a
caller needs the ids a scope reaches (a report's cache key, a form's choices), a permission is
declared over the records it is grouped by (provinces, regencies, organisations) and read with
`narrowed()`, which answers None for a national scope instead of listing every record.

A predicate asked without an object answers whether the user holds the role at all (may they
open the list?); asked with an object, whether the object is within their scope.
"""

from collections.abc import Callable

import rules
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from core.errors import NotAllowed

from .roles import Role

ALL = None  # returned by the *_where helpers for a national scope: no narrowing


def _active(user, role):
    if not getattr(user, "is_authenticated", False):
        return []
    return [a for a in user.active_role_assignments() if a.role == role]


def holds_nationally(role: Role) -> rules.Predicate:
    @rules.predicate(name=f"holds_{role}")
    def predicate(user, obj=None):
        return bool(_active(user, role))

    return predicate


def holds_for_province(role: Role, province_id_of: Callable) -> rules.Predicate:
    @rules.predicate(name=f"holds_{role}_for_province")
    def predicate(user, obj=None):
        assignments = _active(user, role)
        if obj is None:
            return bool(assignments)
        province_id = province_id_of(obj)
        return province_id is not None and any(a.province_id == province_id for a in assignments)

    return predicate


def holds_for_regency(role: Role, regency_id_of: Callable) -> rules.Predicate:
    @rules.predicate(name=f"holds_{role}_for_regency")
    def predicate(user, obj=None):
        assignments = _active(user, role)
        if obj is None:
            return bool(assignments)
        regency_id = regency_id_of(obj)
        return regency_id is not None and any(a.regency_id == regency_id for a in assignments)

    return predicate


def holds_for_organisation(role: Role, organisation_of: Callable) -> rules.Predicate:
    @rules.predicate(name=f"holds_{role}_for_organisation")
    def predicate(user, obj=None):
        assignments = _active(user, role)
        if obj is None:
            return bool(assignments)
        organisation = organisation_of(obj)
        if organisation is None:
            return False
        content_type = ContentType.objects.get_for_model(organisation)
        return any(a.organisation_type_id == content_type.pk and a.organisation_id == organisation.pk for a in assignments)

    return predicate


def provinces_where(user, role: Role) -> set[int]:
    return {a.province_id for a in _active(user, role) if a.province_id}


def regencies_where(user, role: Role) -> set[int]:
    return {a.regency_id for a in _active(user, role) if a.regency_id}


def organisations_where(user, role: Role, model) -> set[int]:
    content_type = ContentType.objects.get_for_model(model)
    return {a.organisation_id for a in _active(user, role) if a.organisation_type_id == content_type.pk}


EVERYTHING = Q(pk__isnull=False)
NOTHING = Q(pk__in=[])


def _or(a: Q, b: Q) -> Q:
    if a is EVERYTHING or b is EVERYTHING:
        return EVERYTHING
    if a is NOTHING:
        return b
    return a if b is NOTHING else a | b


def _and(a: Q, b: Q) -> Q:
    if a is NOTHING or b is NOTHING:
        return NOTHING
    if a is EVERYTHING:
        return b
    return a if b is EVERYTHING else a & b


def _not(a: Q) -> Q:
    return NOTHING if a is EVERYTHING else EVERYTHING if a is NOTHING else ~a


class Scope:
    """`user -> Q`: the records a user's role assignments reach. Combined with | and & like the
    predicates they mirror. Anonymous users reach nothing.

    A national role's scope stays the EVERYTHING object itself through the combinations, so
    `narrowed()` can tell "no narrowing" apart from "these records" without listing every id."""

    def __init__(self, q_of: Callable):
        self.q_of = q_of

    def __call__(self, user) -> Q:
        return self.q_of(user) if getattr(user, "is_authenticated", False) else NOTHING

    def __or__(self, other: "Scope") -> "Scope":
        return Scope(lambda user: _or(self(user), other(user)))

    def __and__(self, other: "Scope") -> "Scope":
        return Scope(lambda user: _and(self(user), other(user)))

    def __invert__(self) -> "Scope":
        return Scope(lambda user: _not(self(user)))


def where(**lookups) -> Scope:
    """A condition on the record alone (the scope of a predicate such as "is national")."""
    return Scope(lambda user: Q(**lookups))


def nationally(role: Role) -> Scope:
    """The scope of `holds_nationally(role)`."""
    return Scope(lambda user: EVERYTHING if _active(user, role) else NOTHING)


def in_provinces(role: Role, lookup: str) -> Scope:
    """The scope of `holds_for_province(role, ...)`; `lookup` leads from the record to its province id."""
    return Scope(lambda user: Q(**{f"{lookup}__in": provinces_where(user, role)}))


def in_regencies(role: Role, lookup: str) -> Scope:
    """The scope of `holds_for_regency(role, ...)`."""
    return Scope(lambda user: Q(**{f"{lookup}__in": regencies_where(user, role)}))


def in_organisations(role: Role, organisation_model: str, lookup: str) -> Scope:
    """The scope of `holds_for_organisation(role, ...)`; `organisation_model` is "app.Model"."""
    return Scope(lambda user: Q(**{f"{lookup}__in": organisations_where(user, role, apps.get_model(organisation_model))}))


_SCOPES: dict[str, tuple[str, Scope]] = {}


def declare(action: str, predicate: rules.Predicate, *, scope: Scope | None = None, model: str | None = None) -> None:
    """Add a permission; with `scope` and `model` ("app.Model") it also names which records of
    that model the predicate allows, for `visible()`."""
    rules.add_perm(action, predicate)
    if scope is not None:
        if model is None:
            raise ValueError(f"{action}: a scope needs the model it filters")
        _SCOPES[action] = (model, scope)


def declared_scopes() -> dict[str, tuple[str, Scope]]:
    return dict(_SCOPES)


def scope_of(user, action: str, model) -> Q:
    """The filter behind `visible()`, for querysets that are already narrowed or annotated."""
    if action not in _SCOPES:
        raise LookupError(f"{action} declares no list scope")
    label, scope = _SCOPES[action]
    if model._meta.label != label:
        raise LookupError(f"{action} is scoped over {label}, not {model._meta.label}")
    return scope(user)


def visible(user, action: str, model):
    """The records of `model` on which `allows(user, action, record)` holds."""
    return model.objects.filter(scope_of(user, action, model))


def narrowed(user, action: str, model):
    """`visible()`, or None when the scope narrows nothing (a national role): for callers that
    key caches or choices by the records' ids, or skip a filter that would select every row."""
    q = scope_of(user, action, model)
    return None if q is EVERYTHING else model.objects.filter(q)


def allows(user, action: str, obj=None) -> bool:
    return user.has_perm(action, obj)


def require(user, action: str, obj=None) -> None:
    """Raise NotAllowed (a DomainError: nothing changes) unless the user may do this."""
    if not allows(user, action, obj):
        raise NotAllowed()


is_staff_member = rules.predicate(
    lambda user: bool(getattr(user, "is_authenticated", False)) and user.is_staff_member, name="is_staff_member"
)
