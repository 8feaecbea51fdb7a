"""Who may do what with ethics complaints. The council (national) alone reads complaints: the
complainant's identity and what they tell about clients are specific personal data. Officers of
IPSPI may lodge one; the member complained about sees the decision on them and may appeal; the DPP
works the council's recommendations to revoke an STR (the STR is theirs)."""

import rules

from accounts.policy import declare, holds_nationally, nationally
from accounts.roles import Role

is_council = holds_nationally(Role.ETHICS_COUNCIL)
is_dpp = holds_nationally(Role.DPP_OFFICER)
# An officer lodges a complaint like anyone else would: the holding of the role is what counts.
is_dpd = holds_nationally(Role.DPD_OFFICER)


@rules.predicate
def is_respondent(user, obj=None):
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    return obj is not None and person is not None and obj.respondent_id == person.pk


declare("ethics.view_complaint", is_council, scope=nationally(Role.ETHICS_COUNCIL), model="ethics.Complaint")
rules.add_perm("ethics.examine_complaint", is_council)
rules.add_perm("ethics.lodge_as_officer", is_dpd | is_dpp)
# The member's view of a decided complaint: the decision and the appeal, never the complainant.
rules.add_perm("ethics.view_decision", is_respondent)
rules.add_perm("ethics.appeal", is_respondent)
rules.add_perm("ethics.handle_str_recommendation", is_dpp)
