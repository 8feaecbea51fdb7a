"""System administration of certification reference data. Everyday work happens in the staff
pages (which call services); here administrators maintain rule sets, composition rules, LSPs
and assessors. Issued certificates are read-only: they change status through the services."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accounts.admin_privacy import PersonalAdmin
from core.admin_rules import HoldsNoRules
from core.dates import register_day

from . import models


class CriterionInline(admin.TabularInline):
    model = models.EligibilityCriterion
    extra = 0


@admin.register(models.EligibilityRuleSet)
class RuleSetAdmin(SimpleHistoryAdmin):
    list_display = ["name", "purpose", "valid_from", "valid_until", "certificate_validity_months", "source"]
    list_filter = ["purpose"]
    inlines = [CriterionInline]

    def get_readonly_fields(self, request, obj=None):
        # A version in force is never edited (core.models.FrozenOnceInForce): its start and
        # validity are shown read-only; it can only be closed (valid_until).
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk and obj.valid_from <= register_day():
            fields += [f for f in ("valid_from", *obj.frozen_fields) if f not in fields]
        return fields


class RequirementInline(admin.TabularInline):
    model = models.CompositionRequirement
    extra = 0


@admin.register(models.BoardCompositionRule)
class CompositionRuleAdmin(SimpleHistoryAdmin):
    list_display = ["name", "valid_from", "valid_until", "source"]
    inlines = [RequirementInline]


class SeatInline(admin.TabularInline):
    model = models.LspSeat
    extra = 0


@admin.register(models.LSP)
class LSPAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "bnsp_licence", "active"]
    inlines = [SeatInline]


class UnitInline(admin.TabularInline):
    model = models.CompetencyUnit
    extra = 0


class DocumentInline(admin.TabularInline):
    model = models.SchemeDocument
    extra = 0


@admin.register(models.Scheme)
class SchemeAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "lsp", "level", "practice_field", "active"]
    list_filter = ["lsp", "level", "practice_field"]
    inlines = [UnitInline, DocumentInline]


@admin.register(models.CompetencyAssessor)
class AssessorAdmin(SimpleHistoryAdmin):
    list_display = ["person", "lsp", "registration_number", "registration_valid_until", "employer", "active"]
    list_filter = ["lsp", "active"]
    raw_id_fields = ["person", "user", "declared_relatives"]


@admin.register(models.AssessmentEvent)
class EventAdmin(HoldsNoRules, SimpleHistoryAdmin):
    made_in = "certification:event_list"  # create_event checks the LSP, the scheme, the date and the capacity
    list_display = ["held_on", "lsp", "scheme", "mode", "place", "capacity"]
    list_filter = ["lsp", "mode"]


@admin.register(models.CertificationApplication)
class ApplicationAdmin(HoldsNoRules, PersonalAdmin):
    made_in = "certification:application_list"
    # The portfolio is the applicant's profile copied from the registry (education, experience,
    # their documents); the staff pages show it, scoped and audited.
    personal_fields = ("portfolio", "eligibility", "failed_criteria")

    list_display = ["person", "scheme", "status", "rule_set", "submitted_at"]
    list_filter = ["status", "scheme__lsp"]
    raw_id_fields = ["person", "member"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.Certificate)
class CertificateAdmin(HoldsNoRules, PersonalAdmin):
    personal_fields = ("pdf",)
    made_in = "certification:certificate_list"

    list_display = ["number", "person", "lsp", "scheme", "issued_on", "valid_until", "status"]
    list_filter = ["status", "lsp", "level", "practice_field"]
    search_fields = ["number", "person__full_name"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
