from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CredentialsConfig(AppConfig):
    name = "credentials"
    verbose_name = _("Credentials")

    def ready(self):
        from core.navigation import MenuEntry, register

        from . import importing

        # The owning apps register their kinds in their own ready(); the menu asks at render time.
        register(
            MenuEntry(
                _("Import existing credentials"),
                "credentials:import_upload",
                lambda u: bool(importing.importable_kinds(u)),
                order=900,
            )
        )
