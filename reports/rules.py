"""Whose figures each dashboard section counts. Each section's scope is declared over the records
its figures are grouped by (provinces, LSPs, licensing authorities, regencies), so the dashboard,
its downloads and the PDF reports ask `policy` which of them a user covers instead of reading
role assignments themselves. Figures are aggregates, so a ministry officer counts what they could
not open one by one."""

import rules

from accounts.policy import (
    declare,
    holds_for_organisation,
    holds_for_province,
    holds_for_regency,
    holds_nationally,
    in_organisations,
    in_provinces,
    in_regencies,
    nationally,
)
from accounts.roles import Role


def _itself(obj):
    return obj


def _pk(obj):
    return obj.pk


member_figures = holds_nationally(Role.DPP_OFFICER) | holds_nationally(Role.MINISTRY_OFFICER)
member_figures |= holds_for_province(Role.DPD_OFFICER, _pk)
declare(
    "reports.view_member_figures",  # members, dues, and the STR and licences of people there
    member_figures,
    scope=nationally(Role.DPP_OFFICER) | nationally(Role.MINISTRY_OFFICER) | in_provinces(Role.DPD_OFFICER, "pk"),
    model="regions.Province",
)
certification_figures = holds_nationally(Role.MINISTRY_OFFICER) | holds_for_organisation(Role.LSP_OFFICER, _itself)
declare(
    "reports.view_certification_figures",  # outcomes and certificates of these LSPs
    certification_figures,
    scope=nationally(Role.MINISTRY_OFFICER) | in_organisations(Role.LSP_OFFICER, "certification.LSP", "pk"),
    model="certification.LSP",
)
licence_figures = holds_nationally(Role.DPP_OFFICER) | holds_nationally(Role.MINISTRY_OFFICER)
licence_figures |= holds_for_organisation(Role.LICENSING_OFFICER, _itself)
declare(
    "reports.view_licence_figures",  # licences these authorities issued
    licence_figures,
    scope=nationally(Role.DPP_OFFICER)
    | nationally(Role.MINISTRY_OFFICER)
    | in_organisations(Role.LICENSING_OFFICER, "licensing.LicensingAuthority", "pk"),
    model="licensing.LicensingAuthority",
)
lks_figures = holds_nationally(Role.BALKS_OFFICER) | holds_nationally(Role.MINISTRY_OFFICER)
lks_figures |= holds_for_regency(Role.DINSOS_OFFICER, _pk)
declare(
    "reports.view_lks_figures",  # LKS registered in these regencies and their accreditations
    lks_figures,
    scope=nationally(Role.BALKS_OFFICER) | nationally(Role.MINISTRY_OFFICER) | in_regencies(Role.DINSOS_OFFICER, "pk"),
    model="regions.Regency",
)
# Asked without an object, each rule above answers whether the user covers any of its records.
rules.add_perm("reports.view_dashboard", member_figures | certification_figures | licence_figures | lks_figures)
# The Minister's list of results validated by BALKS (the audience of accreditation's batches).
rules.add_perm(
    "reports.view_accreditation_report", holds_nationally(Role.BALKS_OFFICER) | holds_nationally(Role.MINISTRY_OFFICER)
)
