from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accounts.admin_privacy import PersonalAdmin

from .models import DuesInvoice, DuesPayment, FeeSchedule, ImportBatch, Member, MembershipApplication, Person, Transfer


@admin.register(Person)
class PersonAdmin(PersonalAdmin):
    # People's records are read in the staff pages, scoped and audited; `user` is left out too,
    # as an account shows as its e-mail address.
    personal_fields = ("nik", "birth_place", "birth_date", "photo", "phone", "email", "address", "user")
    list_display = ["full_name", "province", "source", "claimed"]
    list_filter = ["source", "claimed", "province"]
    search_fields = ["full_name"]
    list_select_related = ["province"]


@admin.register(MembershipApplication)
class ApplicationAdmin(SimpleHistoryAdmin):
    def has_delete_permission(self, request, obj=None):
        return False

    list_display = ["person", "channel", "province", "status", "submitted_at"]
    list_filter = ["status", "channel", "province"]
    raw_id_fields = ["person", "decided_by"]
    readonly_fields = ["status"]


@admin.register(Member)
class MemberAdmin(PersonalAdmin):
    personal_fields = ("card_pdf",)

    def has_delete_permission(self, request, obj=None):
        return False

    list_display = ["number", "person", "category", "province", "status"]
    list_filter = ["status", "category", "province"]
    search_fields = ["number", "person__full_name"]
    raw_id_fields = ["person", "application", "credential"]
    # A status, its reason and its public category change together, through the service that
    # keeps the card credential in step (registry.services.change_member_status).
    readonly_fields = ["number", "status", "status_reason", "status_category"]


@admin.register(FeeSchedule)
class FeeScheduleAdmin(SimpleHistoryAdmin):
    list_display = ["year", "category", "amount", "valid_from", "valid_until", "source"]
    list_filter = ["year", "category"]


class NeverDeletedAdmin(PersonalAdmin):
    """Numbered and issued records end with a status; they are never deleted."""

    personal_fields = ("proof",)  # a payment's proof is a document of the payer

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register([DuesInvoice, DuesPayment, Transfer], NeverDeletedAdmin)


@admin.register(ImportBatch)
class ImportBatchAdmin(PersonalAdmin):
    # The imported list and its reports hold the NIK, birth dates and addresses of everyone on it.
    personal_fields = ("file", "preview_report", "report")
