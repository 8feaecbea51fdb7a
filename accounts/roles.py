"""The roles of the consortium's staff, members and public, each held with a scope."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    NATIONAL = "national", _("national")
    PROVINCE = "province", _("province")
    REGENCY = "regency", _("regency/city")
    ORGANISATION = "organisation", _("organisation")


class Role(models.TextChoices):
    DPD_OFFICER = "dpd_officer", _("DPD officer (IPSPI province)")
    DPP_OFFICER = "dpp_officer", _("DPP officer (IPSPI national)")
    LSP_OFFICER = "lsp_officer", _("LSP officer")
    COMPETENCY_ASSESSOR = "competency_assessor", _("competency assessor")
    LICENSING_OFFICER = "licensing_officer", _("licensing officer")
    LKS_OPERATOR = "lks_operator", _("LKS operator")
    DINSOS_OFFICER = "dinsos_officer", _("Dinas Sosial officer")
    BALKS_OFFICER = "balks_officer", _("BALKS officer")
    BALKS_ASSESSOR = "balks_assessor", _("BALKS assessor")
    MINISTRY_OFFICER = "ministry_officer", _("ministry officer")
    CONTENT_EDITOR = "content_editor", _("content editor")
    DATA_PROTECTION_OFFICER = "dpo", _("data protection officer")
    ETHICS_COUNCIL = "ethics_council", _("ethics council member (Dewan Kode Etik IPSPI)")
    VERIFIER = "verifier", _("verifier (employer, Dinas Sosial, court)")
    CPD_PROVIDER = "cpd_provider", _("CPD provider")


# What a role's scope is: the assignment must name exactly this.
ROLE_SCOPE = {
    Role.DPD_OFFICER: Scope.PROVINCE,
    Role.DPP_OFFICER: Scope.NATIONAL,
    Role.LSP_OFFICER: Scope.ORGANISATION,  # an LSP
    Role.COMPETENCY_ASSESSOR: Scope.ORGANISATION,  # the LSP they assess for
    Role.LICENSING_OFFICER: Scope.ORGANISATION,  # a licensing authority
    Role.LKS_OPERATOR: Scope.ORGANISATION,  # an LKS
    Role.DINSOS_OFFICER: Scope.REGENCY,
    Role.BALKS_OFFICER: Scope.NATIONAL,
    Role.BALKS_ASSESSOR: Scope.NATIONAL,
    Role.MINISTRY_OFFICER: Scope.NATIONAL,
    Role.CONTENT_EDITOR: Scope.NATIONAL,
    Role.DATA_PROTECTION_OFFICER: Scope.NATIONAL,
    Role.ETHICS_COUNCIL: Scope.NATIONAL,
    Role.VERIFIER: Scope.NATIONAL,  # acts on its own subscriptions only
    Role.CPD_PROVIDER: Scope.ORGANISATION,  # a CPD provider kept by the DPP
}

# Roles that act on other people's records: they must sign in with a second factor.
STAFF_ROLES = frozenset(set(Role) - {Role.LKS_OPERATOR, Role.VERIFIER, Role.CPD_PROVIDER})
