from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Public portal")

    def ready(self):
        from accounts import policy
        from core.navigation import MenuEntry, register

        register(
            MenuEntry(_("Portal content"), "portal:editor_list", lambda u: policy.allows(u, "portal.edit_content"), order=800)
        )
        register(
            MenuEntry(
                _("DPD directory"), "portal:dpd_contact_list", lambda u: policy.allows(u, "portal.edit_dpd_contact"), order=810
            )
        )
