"""Personal data in the Django admin.

The admin is for system administration, not for reading people's records: the staff pages do
that, scoped by role and with every private read audited. So domain admins leave personal fields
(NIK, birth date and place, address, phone, e-mail, documents, portfolios) out of their lists,
forms, searches and change histories; and the few admins that must show someone's identity
(users, consents, data-subject requests) log every read the way staff pages do.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core import audit
from core.models import AuditEvent


class WithoutPersonalFields:
    """Mix into a ModelAdmin; `personal_fields` never reach the admin's pages, its search or the
    changes its history lists."""

    personal_fields: tuple[str, ...] = ()

    def _is_personal(self, name) -> bool:
        name = name if isinstance(name, str) else getattr(name, "__name__", "")
        return name.lstrip("^=@").split("__")[0] in self.personal_fields

    def get_exclude(self, request, obj=None):
        return [*(super().get_exclude(request, obj) or ()), *self.personal_fields]

    def get_readonly_fields(self, request, obj=None):
        return [f for f in super().get_readonly_fields(request, obj) if not self._is_personal(f)]

    def get_list_display(self, request):
        return [f for f in super().get_list_display(request) if not self._is_personal(f)]

    def get_list_filter(self, request):
        return [f for f in super().get_list_filter(request) if not self._is_personal(f)]

    def get_search_fields(self, request):
        # Searching by a personal field would tell whether, say, a NIK is on the register.
        return [f for f in super().get_search_fields(request) if not self._is_personal(f)]

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(
                    current, foreign_keys_are_objs=foreign_keys_are_objs, excluded_fields=self.personal_fields
                )
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current


class PersonalAdmin(WithoutPersonalFields, SimpleHistoryAdmin):
    pass


class ReadsAudited:
    """Mix into a ModelAdmin whose pages must show who someone is: each list, record and history
    read is an audit event, as a staff page's private read is."""

    audit_what = "admin"

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        if request.method == "GET" and response.status_code == 200:
            audit.record(
                request.user,
                AuditEvent.Action.READ_PRIVATE,
                None,
                summary=f"{self.audit_what} list (admin)",
                request=request,
                model=self.model._meta.label_lower,
            )
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        self._record_read(request, object_id, response, "record")
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        self._record_read(request, object_id, response, "history")
        return response

    def _record_read(self, request, object_id, response, what):
        if request.method != "GET" or response.status_code != 200:
            return
        obj = self.get_object(request, admin.utils.unquote(object_id))
        if obj is not None:
            audit.record_private_read(request, obj, f"{self.audit_what} {what} (admin)")
