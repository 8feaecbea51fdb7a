"""The Django admin holds no rules.

Numbers, statuses and their reasons, decisions, credentials, validity dates and a member's province
are set by services and model transitions, which check permissions, record transfers, issue cards
and receipts and keep the credentials in step. An admin that let them be typed in would skip all of
that, so each ModelAdmin names the fields a service owns (`service_owned`, shown read-only), and
records that only a service makes cannot be added in the admin: its pages name the staff page
(`made_in`, a URL name) where they are made, on their list.
"""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _


class HoldsNoRules:
    service_owned: tuple[str, ...] = ()
    made_in: str = ""

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        # A personal field stays out of the admin altogether (accounts.admin_privacy).
        hidden = set(getattr(self, "personal_fields", ()))
        return fields + [f for f in self.service_owned if f not in fields and f not in hidden]

    def has_add_permission(self, request, *args):
        return not self.made_in and super().has_add_permission(request, *args)

    def _where_made(self, extra_context):
        if not self.made_in:
            return extra_context
        url = reverse(self.made_in)
        note = format_html(
            _("Records of this kind are made in the staff pages, which apply the rules: {}"),
            format_html('<a href="{}">{}</a>', url, url),
        )
        return {"subtitle": note, **(extra_context or {})}

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, self._where_made(extra_context))
