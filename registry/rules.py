"""Who may do what in the member register. DPD officers act within their province; DPP
officers act nationally."""

import rules

from accounts.policy import holds_for_province, holds_nationally
from accounts.roles import Role


def province_of(obj) -> int | None:
    """The province whose DPD is responsible for a register record."""
    from .models import DuesInvoice, DuesPayment, Member, MembershipApplication, Person, Transfer

    if isinstance(obj, MembershipApplication):
        # Applications sent directly to the DPP are not in any DPD's queue.
        return obj.province_id if obj.channel == MembershipApplication.Channel.DPD else None
    if isinstance(obj, Member):
        return obj.province_id
    if isinstance(obj, DuesInvoice):
        return obj.member.province_id
    if isinstance(obj, DuesPayment):
        return obj.invoice.member.province_id
    if isinstance(obj, Transfer):
        return obj.member.province_id
    if isinstance(obj, Person):
        member = getattr(obj, "member", None) if hasattr(obj, "member") else None
        return member.province_id if member else obj.province_id
    return None


is_dpp = holds_nationally(Role.DPP_OFFICER)
is_dpd = holds_for_province(Role.DPD_OFFICER, province_of)

# Queues and decisions on membership applications.
rules.add_perm("registry.view_applications", is_dpd | is_dpp)
rules.add_perm("registry.decide_application", is_dpd | is_dpp)
# Member records, their documents and status.
rules.add_perm("registry.view_members", is_dpd | is_dpp)
rules.add_perm("registry.view_member", is_dpd | is_dpp)
rules.add_perm("registry.manage_member", is_dpd | is_dpp)
rules.add_perm("registry.transfer_member", is_dpd | is_dpp)
rules.add_perm("registry.export_members", is_dpd | is_dpp)
# Dues.
rules.add_perm("registry.record_payment", is_dpd | is_dpp)
rules.add_perm("registry.confirm_payment", is_dpd | is_dpp)
rules.add_perm("registry.issue_invoices", is_dpp)
rules.add_perm("registry.manage_fees", is_dpp)
# Legacy lists.
rules.add_perm("registry.import_legacy", is_dpp)
