from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from core.navigation import MenuEntry, register

        from .queries import may_report

        register(MenuEntry(_("Dashboard and reports"), "reports:dashboard", may_report, order=900))
