"""Who may do what in the member register. DPD officers act within their province; DPP
officers act nationally."""

import rules

from accounts.policy import (
    declare,
    holds_for_organisation,
    holds_for_province,
    holds_nationally,
    in_provinces,
    nationally,
    where,
)
from accounts.roles import Role


def province_of(obj) -> int | None:
    """The province whose DPD is responsible for a register record."""
    from regions.models import Province

    from .models import (
        CpdActivity,
        DuesInvoice,
        DuesPayment,
        Member,
        MembershipApplication,
        PaymentInstructions,
        Person,
        Transfer,
    )

    if isinstance(obj, Province):  # the members listed under it (registry.view_members)
        return obj.pk
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
    if isinstance(obj, PaymentInstructions):
        return obj.province_id
    if isinstance(obj, CpdActivity):
        # Reviewed by the DPD of the member's province (a person without a membership: nobody's).
        member = getattr(obj.person, "member", None) if hasattr(obj.person, "member") else None
        return member.province_id if member else None
    if isinstance(obj, Person):
        member = getattr(obj, "member", None) if hasattr(obj, "member") else None
        if member:
            return member.province_id
        # A record from the IPSPI's own lists (a legacy import) is in the care of the DPD it was
        # listed under. The province someone typed into their own profile makes no DPD theirs:
        # only what they submit to one does (asked of the application itself).
        return obj.province_id if obj.source != Person.SELF else None
    return None


@rules.predicate
def is_submitted(user, obj=None) -> bool:
    """Whether the person put this record before the IPSPI: a membership, or an application they
    submitted. A draft, or a profile with only a draft or nothing behind it, is still the person's
    own, and no officer's to read, not even the DPP's (whose scope is national)."""
    from .models import MembershipApplication, Person

    if isinstance(obj, MembershipApplication):
        return obj.status != MembershipApplication.Status.DRAFT
    if isinstance(obj, Person):
        return hasattr(obj, "member")  # applications are asked one by one (registry.view_applications)
    return True


is_dpp = holds_nationally(Role.DPP_OFFICER)
is_dpd = holds_for_province(Role.DPD_OFFICER, province_of)

in_dpp = nationally(Role.DPP_OFFICER)

# Queues and decisions on membership applications.
declare(
    "registry.view_applications",
    (is_dpd | is_dpp) & is_submitted,
    # province_of: only applications sent through a DPD are in that DPD's queue.
    scope=(in_provinces(Role.DPD_OFFICER, "province_id") & where(channel="dpd") | in_dpp) & ~where(status="draft"),
    model="registry.MembershipApplication",
)
rules.add_perm("registry.decide_application", (is_dpd | is_dpp) & is_submitted)
# Member records, their documents and status.
# Which provinces' members someone may list (the member list's province choices); asked without
# a province, whether they may open the list at all.
declare(
    "registry.view_members",
    is_dpd | is_dpp,
    scope=in_provinces(Role.DPD_OFFICER, "pk") | in_dpp,
    model="regions.Province",
)
declare(
    "registry.view_member",
    (is_dpd | is_dpp) & is_submitted,
    scope=in_provinces(Role.DPD_OFFICER, "province_id") | in_dpp,
    model="registry.Member",
)
rules.add_perm("registry.manage_member", is_dpd | is_dpp)
# The ethics council (Dewan Kode Etik IPSPI) suspends and ends memberships by its decisions only
# (services.council_member_status, called by the ethics app); it manages nothing else here.
rules.add_perm("registry.sanction_member", holds_nationally(Role.ETHICS_COUNCIL))
rules.add_perm("registry.transfer_member", is_dpd | is_dpp)
rules.add_perm("registry.export_members", is_dpd | is_dpp)
# Dues.
rules.add_perm("registry.record_payment", is_dpd | is_dpp)
declare(
    "registry.confirm_payment",
    is_dpd | is_dpp,
    scope=in_provinces(Role.DPD_OFFICER, "invoice__member__province_id") | in_dpp,
    model="registry.DuesPayment",
)
# Where a province's members pay: kept by the DPD of that province (and the DPP).
declare(
    "registry.manage_payment_instructions",
    is_dpd | is_dpp,
    scope=in_provinces(Role.DPD_OFFICER, "pk") | in_dpp,
    model="regions.Province",
)
rules.add_perm("registry.issue_invoices", is_dpp)
rules.add_perm("registry.manage_fees", is_dpp)
rules.add_perm("registry.manage_card_validity", is_dpp)
# Legacy lists.
rules.add_perm("registry.import_legacy", is_dpp)


def _province_of_claimed_record(claim) -> int | None:
    """A claim of an imported record is decided by the DPD of the record's province."""
    return province_of(claim.person)


# Claims of imported records without their own e-mail address: the officer compares the
# claimant's identity document with the record (and only that officer sees the document).
is_dpd_of_claimed_record = holds_for_province(Role.DPD_OFFICER, _province_of_claimed_record)
declare(
    "registry.decide_claim",
    is_dpd_of_claimed_record | is_dpp,
    # province_of(person): the member's province; without a membership, the province a list
    # put the record under (never one the person typed into their own profile).
    scope=(
        in_provinces(Role.DPD_OFFICER, "person__member__province_id")
        | (
            in_provinces(Role.DPD_OFFICER, "person__province_id")
            & where(person__member__isnull=True)
            & ~where(person__source="self")
        )
    )
    | in_dpp,
    model="registry.ClaimRequest",
)


def _province_of_assisted(obj) -> int | None:
    """An application entered on someone's behalf is the DPD's of its province (one sent to the
    DPP is no DPD's), like any application."""
    from .models import AssistedRegistration

    return province_of(obj.application if isinstance(obj, AssistedRegistration) else obj)


# Assisted registration: an officer enters an application for someone who applied by e-mail or
# at the office; a DPD officer only for their own province.
declare(
    "registry.assist_registration",
    holds_for_province(Role.DPD_OFFICER, _province_of_assisted) | is_dpp,
    scope=(in_provinces(Role.DPD_OFFICER, "application__province_id") & where(application__channel="dpd")) | in_dpp,
    model="registry.AssistedRegistration",
)


# Continuing professional development (PKB): the DPD of the member's province reviews what a
# member records; the DPP keeps the list of accredited providers; a provider's accounts (and the
# DPP) send attendance lists for that provider only.
declare(
    "registry.review_cpd",
    is_dpd | is_dpp,
    scope=in_provinces(Role.DPD_OFFICER, "person__member__province_id") | in_dpp,
    model="registry.CpdActivity",
)
rules.add_perm("registry.manage_cpd_providers", is_dpp)
is_provider_account = holds_for_organisation(Role.CPD_PROVIDER, lambda provider: provider)
rules.add_perm("registry.import_cpd_attendance", is_provider_account | is_dpp)
# A provider's own account (its menu entry leads to its own provider's page).
rules.add_perm("registry.act_as_cpd_provider", is_provider_account)
# The DPP keeps IPSPI's letterhead and the signatory of its member cards, receipts and STRs.
rules.add_perm("registry.keep_letterhead", is_dpp)
