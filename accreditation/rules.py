import rules
from django.db.models import Q

from accounts.policy import (
    Scope,
    declare,
    holds_for_organisation,
    holds_for_regency,
    holds_nationally,
    in_organisations,
    in_regencies,
    nationally,
)
from accounts.roles import Role


def _lks_of(obj):
    return getattr(obj, "lks", obj)


is_operator = holds_for_organisation(Role.LKS_OPERATOR, _lks_of)
is_dinsos = holds_for_regency(Role.DINSOS_OFFICER, lambda obj: _lks_of(obj).regency_id)
is_balks = holds_nationally(Role.BALKS_OFFICER)
is_ministry = holds_nationally(Role.MINISTRY_OFFICER)
is_balks_assessor = holds_nationally(Role.BALKS_ASSESSOR)


@rules.predicate
def is_assigned_assessor(user, application=None):
    if application is None:
        return bool(getattr(user, "is_authenticated", False)) and hasattr(user, "balks_assessor")
    assessor = getattr(user, "balks_assessor", None) if getattr(user, "is_authenticated", False) else None
    return assessor is not None and application.assignments.filter(assessor=assessor).exists()


def _assigned(user) -> Q:
    from .models import Assignment

    return Q(pk__in=Assignment.objects.filter(assessor__user=user).values("application_id"))


# The scopes of the predicates above over an application (`lks__...`) and over an LKS itself.
in_operated = in_organisations(Role.LKS_OPERATOR, "accreditation.LKS", "lks_id")
in_dinsos_regency = in_regencies(Role.DINSOS_OFFICER, "lks__regency_id")
in_balks, in_ministry = nationally(Role.BALKS_OFFICER), nationally(Role.MINISTRY_OFFICER)
as_assigned_assessor = nationally(Role.BALKS_ASSESSOR) & Scope(_assigned)

# The LKS an operator acts for (their workspace lists them).
declare(
    "accreditation.apply",
    is_operator,
    scope=in_organisations(Role.LKS_OPERATOR, "accreditation.LKS", "pk"),
    model="accreditation.LKS",
)
declare("accreditation.recommend", is_dinsos, scope=in_dinsos_regency, model="accreditation.AccreditationApplication")
declare("accreditation.manage", is_balks, scope=in_balks, model="accreditation.AccreditationApplication")
rules.add_perm("accreditation.manage_board", is_balks)
rules.add_perm("accreditation.manage_instruments", is_balks)
rules.add_perm("accreditation.manage_pool", is_balks)
# The ministry and BALKS read the instrument versions; only BALKS keeps them.
rules.add_perm("accreditation.view_instruments", is_balks | is_ministry)
rules.add_perm("accreditation.determine", is_ministry)
declare(
    "accreditation.view_lks",
    is_operator | is_dinsos | is_balks | is_ministry,
    scope=in_organisations(Role.LKS_OPERATOR, "accreditation.LKS", "pk")
    | in_regencies(Role.DINSOS_OFFICER, "regency_id")
    | in_balks
    | in_ministry,
    model="accreditation.LKS",
)
declare(
    "accreditation.view_application",
    is_operator | is_dinsos | is_balks | is_ministry | (is_balks_assessor & is_assigned_assessor),
    scope=in_operated | in_dinsos_regency | in_balks | in_ministry | as_assigned_assessor,
    model="accreditation.AccreditationApplication",
)
declare(
    "accreditation.score",
    is_balks_assessor & is_assigned_assessor,
    scope=as_assigned_assessor,
    model="accreditation.AccreditationApplication",
)
declare(
    "accreditation.monitor",
    is_balks | is_ministry | is_dinsos,
    scope=in_balks | in_ministry | in_dinsos_regency,
    model="accreditation.Accreditation",
)

# The LKS register: a Dinas Sosial enters the LKS of its regency; an operator keeps its own LKS's
# profile; BALKS and the ministry read it (view_lks).
declare("accreditation.register_lks", is_dinsos, scope=in_regencies(Role.DINSOS_OFFICER, "regency_id"), model="accreditation.LKS")
declare(
    "accreditation.edit_lks",
    is_operator | is_dinsos,
    scope=in_organisations(Role.LKS_OPERATOR, "accreditation.LKS", "pk") | in_regencies(Role.DINSOS_OFFICER, "regency_id"),
    model="accreditation.LKS",
)
# BALKS (and the ministry, which determines the results) keep the accreditation letterhead and signatory.
rules.add_perm("accreditation.keep_letterhead", is_balks | is_ministry)
