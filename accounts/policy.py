"""The one place that answers "may this user do X on this object".

Each domain app declares its permissions in its own `rules.py` (autodiscovered by django-rules)
using the predicates below, so every rule is written as role + scope. Views, API endpoints,
exports and services then ask only `policy.allows(user, "app.action", obj)` or
`policy.require(...)`; lists are narrowed with the `*_where` helpers.

A predicate asked without an object answers whether the user holds the role at all (may they
open the list?); asked with an object, whether the object is within their scope.
"""

from collections.abc import Callable

import rules
from django.contrib.contenttypes.models import ContentType

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


def allows(user, action: str, obj=None) -> bool:
    return user.has_perm(action, obj)


def require(user, action: str, obj=None) -> None:
    """Raise NotAllowed (a DomainError: nothing changes) unless the user may do this."""
    if not allows(user, action, obj):
        raise NotAllowed()


is_staff_member = rules.predicate(
    lambda user: bool(getattr(user, "is_authenticated", False)) and user.is_staff_member, name="is_staff_member"
)
