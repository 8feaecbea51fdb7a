from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accounts.admin_privacy import PersonalAdmin
from core.admin_rules import HoldsNoRules

from .models import (
    CardValidity,
    DuesInvoice,
    DuesPayment,
    FeeSchedule,
    ImportBatch,
    Member,
    MembershipApplication,
    Person,
    Transfer,
)


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
class ApplicationAdmin(HoldsNoRules, SimpleHistoryAdmin):
    service_owned = ("status", "reason", "submitted_at", "decided_by", "decided_at")
    made_in = "registry:application_queue"

    def has_delete_permission(self, request, obj=None):
        return False

    list_display = ["person", "channel", "province", "status", "submitted_at"]
    list_filter = ["status", "channel", "province"]
    raw_id_fields = ["person"]


@admin.register(Member)
class MemberAdmin(HoldsNoRules, PersonalAdmin):
    personal_fields = ("card_pdf",)
    # Verifying an application makes the member; a status, its reason and its public category
    # change together through change_member_status, which keeps the card credential in step; a
    # new province is a transfer (transfer_member records it and reissues the card).
    service_owned = (
        "number",
        "person",
        "application",
        "category",
        "province",
        "status",
        "status_reason",
        "status_category",
        "status_changed_at",
        "joined_on",
        "card_valid_until",
        "credential",
    )
    made_in = "registry:application_queue"

    def has_delete_permission(self, request, obj=None):
        return False

    list_display = ["number", "person", "category", "province", "status"]
    list_filter = ["status", "category", "province"]
    search_fields = ["number", "person__full_name"]


@admin.register(FeeSchedule)
class FeeScheduleAdmin(HoldsNoRules, SimpleHistoryAdmin):
    # A new schedule goes through add_fee_schedule; a schedule in use is never rewritten, since
    # invoices keep pointing at the row they were issued under.
    made_in = "registry:fee_schedules"

    def has_change_permission(self, request, obj=None):
        return False

    list_display = ["year", "category", "amount", "valid_from", "valid_until", "source"]
    list_filter = ["year", "category"]


@admin.register(CardValidity)
class CardValidityAdmin(HoldsNoRules, SimpleHistoryAdmin):
    # A new version is published on the DPP's page (services.publish_card_validity); a version
    # in force is never edited, so the admin only shows them.
    made_in = "registry:card_validity"

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    list_display = ["valid_from", "valid_until", "years", "source", "set_by"]


class NeverDeletedAdmin(HoldsNoRules, PersonalAdmin):
    """Numbered and issued records end with a status; they are never deleted."""

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DuesInvoice)
class DuesInvoiceAdmin(NeverDeletedAdmin):
    service_owned = ("member", "year", "fee_schedule", "amount", "due_on", "grace_until", "status", "paid_on")
    made_in = "registry:member_list"


@admin.register(DuesPayment)
class DuesPaymentAdmin(NeverDeletedAdmin):
    personal_fields = ("proof",)  # a payment's proof is a document of the payer
    service_owned = (
        "invoice",
        "amount",
        "paid_on",
        "method",
        "reference",
        "recorded_by",
        "status",
        "decided_by",
        "decided_at",
        "reason",
        "receipt_number",
    )
    made_in = "registry:payment_queue"


@admin.register(Transfer)
class TransferAdmin(NeverDeletedAdmin):
    # A transfer is the record of a move transfer_member made; it is not rewritten afterwards.
    made_in = "registry:member_list"

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ImportBatch)
class ImportBatchAdmin(HoldsNoRules, PersonalAdmin):
    # The imported list and its reports hold the NIK, birth dates and addresses of everyone on it.
    personal_fields = ("file", "preview_report", "report")
    service_owned = ("source", "original_name", "uploaded_by", "uploaded_at", "status", "imported_by", "imported_at")
    made_in = "registry:import_upload"
