from django.utils.translation import gettext_lazy as _

from core.navigation import MenuEntry, register

from . import policy


def register_menu():
    register(MenuEntry(_("Inbox"), "accounts:inbox", lambda u: u.is_authenticated, order=890))
    register(MenuEntry(_("My personal data"), "accounts:my_data", lambda u: u.is_authenticated, order=900))
    register(
        MenuEntry(
            _("Data-subject requests"),
            "accounts:data_requests",
            lambda u: policy.allows(u, "accounts.handle_data_requests"),
            order=910,
        )
    )
    register(
        MenuEntry(_("Data breach log"), "accounts:breaches", lambda u: policy.allows(u, "accounts.manage_breaches"), order=920)
    )
    register(
        MenuEntry(_("Audit trail"), "accounts:audit_trail", lambda u: policy.allows(u, "accounts.view_audit_trail"), order=930)
    )
