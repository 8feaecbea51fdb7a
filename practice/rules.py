"""Who may do what with practice fields, the practice map and practice communities.

The DPP keeps the fields, creates communities, names their coordinators and adopts standards.
The map is read by the DPP (national), a DPD (its own province) and LSP officers (national
figures, for planning schemes and events). A community's coordinator drafts its standards; its
members comment on a version open for comment."""

import rules

from accounts.policy import declare, holds_for_province, holds_nationally, in_provinces, nationally
from accounts.roles import Role


def _province_pk(obj) -> int | None:
    from regions.models import Province

    return obj.pk if isinstance(obj, Province) else None


def community_of(obj):
    from .models import Community, Standard, StandardVersion

    if isinstance(obj, Community):
        return obj
    if isinstance(obj, Standard):
        return obj.community
    if isinstance(obj, StandardVersion):
        return obj.standard.community
    return None


def _person_of(user):
    if not getattr(user, "is_authenticated", False):
        return None
    from registry.models import Person

    return Person.objects.filter(user=user).first()


@rules.predicate
def is_register_member(user, obj=None) -> bool:
    """Holds a membership that is on the register (active, or lapsed for unpaid dues)."""
    if not getattr(user, "is_authenticated", False):
        return False
    from registry.models import Member

    return Member.objects.filter(person__user=user, status__in=[Member.Status.ACTIVE, Member.Status.LAPSED]).exists()


@rules.predicate
def is_coordinator(user, obj=None) -> bool:
    community = community_of(obj)
    if community is None or community.coordinator_id is None or not getattr(user, "is_authenticated", False):
        return False
    return community.coordinator.user_id == user.pk


@rules.predicate
def is_community_member(user, obj=None) -> bool:
    community = community_of(obj)
    person = _person_of(user) if community is not None else None
    if person is None:
        return False
    return community.memberships.current().filter(person=person).exists()


is_dpp = holds_nationally(Role.DPP_OFFICER)
is_dpd = holds_for_province(Role.DPD_OFFICER, _province_pk)
is_lsp = holds_nationally(Role.LSP_OFFICER)

# The map is read per province: asked with a province, whether its figures are in the reader's
# scope; an LSP plans nationally, so its officers read every province.
declare(
    "practice.view_map",
    is_dpp | is_dpd | is_lsp,
    scope=nationally(Role.DPP_OFFICER) | in_provinces(Role.DPD_OFFICER, "pk") | nationally(Role.LSP_OFFICER),
    model="regions.Province",
)
rules.add_perm("practice.manage_fields", is_dpp)
rules.add_perm("practice.manage_communities", is_dpp)
rules.add_perm("practice.adopt_standard", is_dpp)
rules.add_perm("practice.join_community", is_register_member)
rules.add_perm("practice.draft_standard", is_coordinator | is_dpp)
rules.add_perm("practice.read_drafts", is_community_member | is_coordinator | is_dpp)
rules.add_perm("practice.comment_standard", is_community_member | is_coordinator)
