import rules
from django.db.models import Q

from accounts.policy import (
    Scope,
    declare,
    holds_for_organisation,
    holds_for_province,
    holds_nationally,
    in_organisations,
    in_provinces,
    nationally,
    where,
)
from accounts.roles import Role


@rules.predicate
def is_owner(user, obj=None):
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    return obj is not None and person is not None and getattr(obj, "person_id", None) == person.pk


def _authority(obj):
    return getattr(obj, "authority", obj)


is_dpp = holds_nationally(Role.DPP_OFFICER)
is_authority_officer = holds_for_organisation(Role.LICENSING_OFFICER, _authority)
is_lsp_of_certificate = holds_for_organisation(Role.LSP_OFFICER, lambda application: application.certificate.lsp)
is_ministry = holds_nationally(Role.MINISTRY_OFFICER)


@rules.predicate
def is_national_application(user, obj=None):
    return obj is not None and _authority(obj).level == "national"


rules.add_perm("licensing.decide_str", is_dpp)
# Validity periods are the issuer's setting (migration 0002): the STR's is IPSPI's (the DPP); the
# licence period, one per regime, is kept by the ministry.
rules.add_perm("licensing.set_str_validity", is_dpp)
rules.add_perm("licensing.set_licence_validity", is_ministry)
rules.add_perm("licensing.view_str_application", is_owner | is_dpp)
rules.add_perm("licensing.recommend_licence", is_lsp_of_certificate)
rules.add_perm("licensing.decide_licence", is_authority_officer | (is_ministry & is_national_application))
rules.add_perm("licensing.manage_licence", is_authority_officer | (is_ministry & is_national_application))
# Loading licences granted before Peksos: each row is then checked with manage_licence against
# its own issuer, so the ministry loads the 2009 route's licences and a regency only its SIPPS.
rules.add_perm("licensing.import_licences", is_authority_officer | is_ministry)
declare(
    "licensing.view_licence_application",
    is_owner | is_authority_officer | (is_ministry & is_national_application) | (is_lsp_of_certificate & is_national_application),
    scope=Scope(lambda user: Q(person__user=user))
    | in_organisations(Role.LICENSING_OFFICER, "licensing.LicensingAuthority", "authority_id")
    | (nationally(Role.MINISTRY_OFFICER) & where(authority__level="national"))
    | (in_organisations(Role.LSP_OFFICER, "certification.LSP", "certificate__lsp_id") & where(authority__level="national")),
    model="licensing.LicenceApplication",
)
# Who may open the licence queue (page and API), asked without an application: anyone holding a
# role through which the scope above reaches applications of others.
rules.add_perm("licensing.view_licence_queue", is_authority_officer | is_ministry | is_lsp_of_certificate)


def _province_of_holder(str_record) -> int | None:
    member = getattr(str_record.person, "member", None) if hasattr(str_record.person, "member") else None
    return member.province_id if member else None


# STRs ending without renewal: the DPD of the holder's province follows its members up, the DPP
# (which decides STRs) all of them.
declare(
    "licensing.view_str_renewals",
    holds_for_province(Role.DPD_OFFICER, _province_of_holder) | is_dpp,
    scope=in_provinces(Role.DPD_OFFICER, "person__member__province_id") | nationally(Role.DPP_OFFICER),
    model="licensing.Str",
)


# Licences ending without renewal: the officers of the authority that granted them follow them
# up; the ministry those of the national (2009) route.
@rules.predicate
def is_national_or_unasked(user, obj=None):
    return obj is None or _authority(obj).level == "national"


declare(
    "licensing.view_licence_renewals",
    is_authority_officer | (is_ministry & is_national_or_unasked),
    scope=in_organisations(Role.LICENSING_OFFICER, "licensing.LicensingAuthority", "authority_id")
    | (nationally(Role.MINISTRY_OFFICER) & where(authority__level="national")),
    model="licensing.Licence",
)
# A licensing authority's own officers keep its letterhead and the signatory of its licences.
rules.add_perm("licensing.keep_letterhead", is_authority_officer)
