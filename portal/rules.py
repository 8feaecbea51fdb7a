import rules

from accounts.policy import declare, holds_for_province, holds_nationally, in_provinces, nationally
from accounts.roles import Role

rules.add_perm("portal.edit_content", holds_nationally(Role.CONTENT_EDITOR))
# A DPD keeps its own province's contact; the DPP keeps every province's (it answers where no
# DPD works yet).
declare(
    "portal.edit_dpd_contact",
    holds_for_province(Role.DPD_OFFICER, lambda contact: contact.province_id) | holds_nationally(Role.DPP_OFFICER),
    scope=in_provinces(Role.DPD_OFFICER, "province_id") | nationally(Role.DPP_OFFICER),
    model="portal.DpdContact",
)
