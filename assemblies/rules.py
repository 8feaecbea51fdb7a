"""Who may do what with assemblies. The DPP runs the Kongres and may act on every assembly; a DPD
officer runs the Musda of their own province, sees the Kongres and the roll entries of their own
province's members, and alone decides those members' correction requests."""

import rules

from accounts.policy import declare, holds_for_province, holds_nationally, in_provinces, nationally, where
from accounts.roles import Role


def _musda_province(obj) -> int | None:
    return obj.province_id if getattr(obj, "kind", None) == "musda" else None


def _entry_province(obj) -> int | None:
    """A roll entry (or a correction of one) belongs to the DPD of the member's province."""
    entry = getattr(obj, "entry", obj)
    return entry.province_id


is_dpp = holds_nationally(Role.DPP_OFFICER)
is_dpd = holds_nationally(Role.DPD_OFFICER)  # holds the role for some province
is_dpd_of_musda = holds_for_province(Role.DPD_OFFICER, _musda_province)
is_dpd_of_entry = holds_for_province(Role.DPD_OFFICER, _entry_province)


@rules.predicate
def is_kongres(user, obj=None) -> bool:
    return obj is None or obj.kind == "kongres"


@rules.predicate
def is_own_entry(user, obj=None) -> bool:
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    return obj is not None and person is not None and obj.person_id == person.pk


@rules.predicate
def is_member_in_scope(user, obj=None) -> bool:
    """A member reads the Kongres, their province's Musda and any assembly whose roll they are on."""
    from .models import Assembly

    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    if person is None or obj is None:
        return False
    return Assembly.objects.for_person(person).filter(pk=obj.pk).exists()


# Creating and running an assembly (roll, invitations, door, minutes). Asked without an
# assembly: whether the user may create one at all.
rules.add_perm("assemblies.manage_assembly", is_dpp | is_dpd_of_musda)
rules.add_perm("assemblies.record_attendance", is_dpp | is_dpd_of_musda)
rules.add_perm("assemblies.record_past_assembly", is_dpp)
declare(
    "assemblies.view_assembly",
    is_dpp | (is_dpd & is_kongres) | is_dpd_of_musda,
    scope=nationally(Role.DPP_OFFICER)
    | (nationally(Role.DPD_OFFICER) & where(kind="kongres"))
    | in_provinces(Role.DPD_OFFICER, "province_id"),
    model="assemblies.Assembly",
)
# Minutes and decisions: staff in scope and the members of the assembly's scope; never public.
rules.add_perm("assemblies.read_assembly", is_dpp | (is_dpd & is_kongres) | is_dpd_of_musda | is_member_in_scope)
declare(
    "assemblies.view_roll_entry",
    is_dpp | is_dpd_of_entry,
    scope=nationally(Role.DPP_OFFICER) | in_provinces(Role.DPD_OFFICER, "province_id"),
    model="assemblies.RollEntry",
)
rules.add_perm("assemblies.view_own_entry", is_own_entry)
rules.add_perm("assemblies.request_correction", is_own_entry)
declare(
    "assemblies.decide_correction",
    is_dpd_of_entry,
    scope=in_provinces(Role.DPD_OFFICER, "entry__province_id"),
    model="assemblies.CorrectionRequest",
)
