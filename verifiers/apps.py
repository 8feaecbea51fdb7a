from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerifiersConfig(AppConfig):
    name = "verifiers"
    verbose_name = _("Verifiers and status alerts")

    def ready(self):
        from accounts import policy
        from core import personal_data
        from core.navigation import MenuEntry, register
        from credentials.services import listen

        from . import services

        listen(services.on_credential_change)
        personal_data.register_section("verifiers", export=services.export_for_user, erase=services.erase_for_user)
        register(
            MenuEntry(
                _("Followed numbers"),
                "verifiers:subscriptions",
                lambda u: policy.allows(u, "verifiers.follow_numbers"),
                order=190,
            )
        )
        register(
            MenuEntry(
                _("Who follows my credentials"),
                "verifiers:followers",
                lambda u: policy.allows(u, "verifiers.see_followers"),
                order=155,
            )
        )
