from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EthicsConfig(AppConfig):
    name = "ethics"
    verbose_name = _("Ethics council")

    def ready(self):
        from accounts import policy
        from core import personal_data
        from core.navigation import MenuEntry, register

        from . import services

        # Complaints are kept whatever the member asks (the council's record of its decisions):
        # they are exported to the member, never erased with the account.
        personal_data.register_section("ethics", export=services.export_for_user)
        register(
            MenuEntry(_("Ethics complaints"), "ethics:queue", lambda u: policy.allows(u, "ethics.examine_complaint"), order=190)
        )
        register(
            MenuEntry(
                _("Lodge an ethics complaint"),
                "ethics:lodge_officer",
                lambda u: policy.allows(u, "ethics.lodge_as_officer"),
                order=191,
            )
        )
        register(
            MenuEntry(
                _("STR revocation recommendations"),
                "ethics:recommendations",
                lambda u: policy.allows(u, "ethics.handle_str_recommendation"),
                order=192,
            )
        )
