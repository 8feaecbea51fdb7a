from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticeConfig(AppConfig):
    name = "practice"
    verbose_name = _("Practice fields and communities")

    def ready(self):
        from accounts import policy
        from core import personal_data
        from core.navigation import MenuEntry, register

        from . import selectors, services

        register(
            MenuEntry(
                label=_("My practice fields"), url_name="practice:my_fields", allowed=lambda u: u.is_authenticated, order=12
            )
        )
        register(
            MenuEntry(
                label=_("Practice communities"),
                url_name="practice:community_list",
                allowed=lambda u: u.is_authenticated,
                order=13,
            )
        )
        register(
            MenuEntry(
                label=_("Practice map"),
                url_name="practice:practice_map",
                allowed=lambda u: policy.allows(u, "practice.view_map"),
                group="IPSPI",
                order=30,
            )
        )
        register(
            MenuEntry(
                label=_("Practice fields"),
                url_name="practice:field_list",
                allowed=lambda u: policy.allows(u, "practice.manage_fields"),
                group="IPSPI",
                order=31,
            )
        )
        personal_data.register_section("practice", export=selectors.export_for_user, erase=services.erase_for_user)
