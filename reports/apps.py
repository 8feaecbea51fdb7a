from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from accounts import policy
        from core.navigation import MenuEntry, register

        register(
            MenuEntry(
                _("Dashboard and reports"),
                "reports:dashboard",
                lambda u: policy.allows(u, "reports.view_dashboard"),
                order=900,
            )
        )
