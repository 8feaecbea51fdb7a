from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssembliesConfig(AppConfig):
    name = "assemblies"
    verbose_name = _("Kongres and Musda")

    def ready(self):
        from accounts import policy
        from core import personal_data
        from core.navigation import MenuEntry, register

        from . import services

        personal_data.register_section("assemblies", export=services.export_for_user, erase=services.erase_for_user)
        register(MenuEntry(_("Kongres and Musda"), "assemblies:mine", lambda u: hasattr(u, "person"), order=155))
        register(
            MenuEntry(
                _("Assemblies (Kongres, Musda)"),
                "assemblies:staff_list",
                lambda u: policy.allows(u, "assemblies.view_assembly"),
                order=140,
            )
        )
        register(
            MenuEntry(
                _("Roll corrections"),
                "assemblies:corrections",
                lambda u: policy.allows(u, "assemblies.decide_correction"),
                order=141,
            )
        )
