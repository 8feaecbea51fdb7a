from django.contrib import admin

from accounts.admin_privacy import PersonalAdmin
from core.admin_rules import HoldsNoRules

from .models import ImportedList


@admin.register(ImportedList)
class ImportedListAdmin(HoldsNoRules, PersonalAdmin):
    # The list and its reports hold the NIK of everyone on it; the officers who uploaded it read
    # it on the staff page, the admin shows who loaded what and when.
    personal_fields = ("file", "preview_report", "report")
    service_owned = ("kind", "source", "original_name", "uploaded_by", "uploaded_at", "status", "imported_by", "imported_at")
    made_in = "credentials:import_upload"
    list_display = ["source", "kind", "status", "uploaded_by", "uploaded_at", "imported_at"]
    list_filter = ["kind", "status"]

    def has_delete_permission(self, request, obj=None):
        return False
