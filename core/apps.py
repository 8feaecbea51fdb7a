from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from .letterheads import may_keep_any
        from .navigation import MenuEntry, register

        register(MenuEntry(_("Letterhead and signatory"), "core:letterheads", may_keep_any, order=900))
