from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import DuesInvoice, DuesPayment, FeeSchedule, ImportBatch, Member, MembershipApplication, Person, Transfer


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "nik", "province", "source", "claimed"]
    list_filter = ["source", "claimed", "province"]
    search_fields = ["full_name", "nik", "email"]
    raw_id_fields = ["user"]
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
class MemberAdmin(SimpleHistoryAdmin):
    def has_delete_permission(self, request, obj=None):
        return False

    list_display = ["number", "person", "category", "province", "status"]
    list_filter = ["status", "category", "province"]
    search_fields = ["number", "person__full_name"]
    raw_id_fields = ["person", "application", "credential"]
    readonly_fields = ["number", "status"]


@admin.register(FeeSchedule)
class FeeScheduleAdmin(SimpleHistoryAdmin):
    list_display = ["year", "category", "amount", "valid_from", "valid_until", "source"]
    list_filter = ["year", "category"]


class NeverDeletedAdmin(SimpleHistoryAdmin):
    """Numbered and issued records end with a status; they are never deleted."""

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register([DuesInvoice, DuesPayment, Transfer], NeverDeletedAdmin)
admin.site.register(ImportBatch, SimpleHistoryAdmin)
