"""Who may do what in certification. LSP officers act for their own LSP (organisation scope);
competency assessors only on their own assignments; members on their own applications."""

import rules

from accounts.policy import declare, holds_for_organisation, holds_nationally, in_organisations, where
from accounts.roles import Role


def lsp_of(obj):
    """The LSP responsible for a certification record."""
    from .models import (
        LSP,
        Appeal,
        ApplicationEvidence,
        Assessment,
        CertificationApplication,
        CompetencyUnit,
        SchemeDocument,
    )

    if isinstance(obj, LSP):
        return obj
    if isinstance(obj, Assessment | Appeal | ApplicationEvidence):
        return obj.application.scheme.lsp
    if isinstance(obj, CertificationApplication):
        return obj.scheme.lsp
    if isinstance(obj, CompetencyUnit | SchemeDocument):
        return obj.scheme.lsp
    return getattr(obj, "lsp", None)  # Scheme, AssessmentEvent, CompetencyAssessor, Certificate, LspSeat


is_lsp_officer = holds_for_organisation(Role.LSP_OFFICER, lsp_of)
is_assessor = holds_for_organisation(Role.COMPETENCY_ASSESSOR, lsp_of)


@rules.predicate
def is_assigned_assessor(user, assessment=None):
    """Asked without an object: may open their list of assignments."""
    if assessment is None:
        return True
    return assessment.assessor.user_id == user.pk


@rules.predicate
def is_submitted(user, obj=None):
    """A draft the candidate never submitted (or withdrew unsent) is before no LSP yet: its
    portfolio and documents are still the candidate's own."""
    from .models import CertificationApplication

    application = getattr(obj, "application", obj)  # evidence, assessment, appeal
    return not isinstance(application, CertificationApplication) or application.submitted_at is not None


@rules.predicate
def is_applicant(user, application=None):
    if application is None or not getattr(user, "is_authenticated", False):
        return False
    return application.person.user_id == user.pk


@rules.predicate
def is_assessor_of_application(user, application=None):
    if application is None or not getattr(user, "is_authenticated", False):
        return False
    return application.assessments.filter(assessor__user=user).exists()


@rules.predicate
def is_registered_member(user):
    from registry.models import Member

    return bool(getattr(user, "is_authenticated", False)) and Member.objects.filter(person__user=user).exists()


def in_officers_lsps(lookup: str):
    """The scope of `is_lsp_officer`; `lookup` leads from the record to its LSP's id."""
    return in_organisations(Role.LSP_OFFICER, "certification.LSP", lookup)


# Schemes, units, documents, events, board and assessors of the LSPs the officer acts for.
declare("certification.manage_lsp", is_lsp_officer, scope=in_officers_lsps("pk"), model="certification.LSP")
declare(
    "certification.view_applications",
    is_lsp_officer & is_submitted,
    scope=in_officers_lsps("scheme__lsp_id") & where(submitted_at__isnull=False),
    model="certification.CertificationApplication",
)
rules.add_perm("certification.check_application", is_lsp_officer)
rules.add_perm("certification.assign_assessor", is_lsp_officer)
rules.add_perm("certification.decide", is_lsp_officer)
declare("certification.manage_certificate", is_lsp_officer, scope=in_officers_lsps("lsp_id"), model="certification.Certificate")
rules.add_perm("certification.view_assignments", is_assessor & is_assigned_assessor)
rules.add_perm("certification.record_results", is_assessor & is_assigned_assessor)
rules.add_perm("certification.apply", is_registered_member)
rules.add_perm(
    "certification.view_application", (is_lsp_officer & is_submitted) | is_applicant | (is_assessor & is_assessor_of_application)
)
# An LSP's own officers keep its letterhead and the signatory of its certificates.
rules.add_perm("certification.keep_letterhead", is_lsp_officer)
# The LSP lists its certificates ending without renewal, with what each renewal lacks.
declare(
    "certification.view_certificate_renewals",
    is_lsp_officer,
    scope=in_officers_lsps("lsp_id"),
    model="certification.Certificate",
)
# Certificate validity sits on the national rule sets (the routes of the Permensos every LSP
# certifies under), not on one LSP: the ministry that issues those rules publishes a new version.
rules.add_perm("certification.set_certificate_validity", holds_nationally(Role.MINISTRY_OFFICER))
