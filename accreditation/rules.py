import rules

from accounts.policy import holds_for_organisation, holds_for_regency, holds_nationally
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


rules.add_perm("accreditation.apply", is_operator)
rules.add_perm("accreditation.recommend", is_dinsos)
rules.add_perm("accreditation.manage", is_balks)
rules.add_perm("accreditation.manage_board", is_balks)
rules.add_perm("accreditation.determine", is_ministry)
rules.add_perm("accreditation.view_lks", is_operator | is_dinsos | is_balks | is_ministry)
rules.add_perm(
    "accreditation.view_application",
    is_operator | is_dinsos | is_balks | is_ministry | (is_balks_assessor & is_assigned_assessor),
)
rules.add_perm("accreditation.score", is_balks_assessor & is_assigned_assessor)
rules.add_perm("accreditation.monitor", is_balks | is_ministry | is_dinsos)
