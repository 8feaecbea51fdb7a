from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.admin_rules import HoldsNoRules

from .admin_privacy import ReadsAudited, WithoutPersonalFields
from .models import Consent, ConsentText, DataBreach, DataSubjectRequest, RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 0
    fields = ["role", "province", "regency", "organisation_type", "organisation_id", "starts_on", "ends_on", "note"]
    autocomplete_fields = ["province", "regency"]


@admin.register(User)
class UserAdmin(ReadsAudited, DjangoUserAdmin):
    # Administering accounts needs their e-mail addresses: every read is audited instead.
    audit_what = "user account"
    ordering = ["email"]
    list_display = ["email", "name", "is_active", "is_superuser", "last_login"]
    search_fields = ["email", "name"]
    fieldsets = [
        (None, {"fields": ["email", "password", "name"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "name", "password1", "password2"]})]
    filter_horizontal = []
    list_filter = ["is_active", "is_superuser"]
    inlines = [RoleAssignmentInline]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "province", "regency", "organisation_type", "organisation_id", "starts_on", "ends_on"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__name"]
    autocomplete_fields = ["user", "province", "regency"]


@admin.register(ConsentText)
class ConsentTextAdmin(admin.ModelAdmin):
    list_display = ["purpose", "version", "effective_from"]


@admin.register(Consent)
class ConsentAdmin(ReadsAudited, WithoutPersonalFields, admin.ModelAdmin):
    audit_what = "consent"
    personal_fields = ("ip_address",)
    list_display = ["user", "text", "given_at", "withdrawn_at"]
    readonly_fields = ["user", "text", "text_digest", "given_at"]
    search_fields = ["user__email"]

    def has_add_permission(self, request):
        return False  # only the person gives their consent, in their own pages

    def has_delete_permission(self, request, obj=None):
        return False  # proof of consent is kept; withdrawal is recorded, not deleted


@admin.register(DataSubjectRequest)
class DataSubjectRequestAdmin(ReadsAudited, HoldsNoRules, SimpleHistoryAdmin):
    audit_what = "data-subject request"
    # The person submits the request; decide_request answers it (and erases, for an erasure).
    service_owned = ("user", "kind", "details", "status", "received_at", "due_at", "handled_by", "handled_at", "response")
    made_in = "accounts:data_requests"
    list_display = ["user", "kind", "status", "received_at", "due_at"]
    list_filter = ["kind", "status"]


@admin.register(DataBreach)
class DataBreachAdmin(HoldsNoRules, SimpleHistoryAdmin):
    service_owned = ("subjects_notified_at", "authority_notified_at", "recorded_by")
    made_in = "accounts:breaches"
    list_display = ["discovered_at", "data_categories", "affected_count", "subjects_notified_at", "authority_notified_at"]

    def has_delete_permission(self, request, obj=None):
        return False
