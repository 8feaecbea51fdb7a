from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LicensingConfig(AppConfig):
    name = "licensing"
    verbose_name = _("Practice licences")

    def ready(self):
        from core import letterheads

        from . import documents

        letterheads.register("authority", documents.issuing_bodies, "licensing.keep_letterhead")
        from accounts import policy
        from core import personal_data
        from core.navigation import MenuEntry, register

        from . import services, signals  # noqa: F401

        personal_data.register_section("licensing", export=services.export_for_user, erase=services.erase_for_user)

        from core import rule_gaps
        from core.navigation import register_notices

        register_notices(lambda user: rule_gaps.notices(user, services.dated_rules()))

        from credentials.importing import CredentialImport
        from credentials.importing import register as register_import

        from . import importing

        register_import(CredentialImport("str", importing.import_strs, importing.STR_COLUMNS, "licensing.decide_str"))
        register_import(
            CredentialImport("licence", importing.import_licences, importing.LICENCE_COLUMNS, "licensing.import_licences")
        )

        register(MenuEntry(_("My credentials"), "licensing:my_credentials", lambda u: hasattr(u, "person"), order=150))
        register(
            MenuEntry(
                _("STR and licence validity"),
                "licensing:validity",
                lambda u: policy.allows(u, "licensing.set_str_validity") or policy.allows(u, "licensing.set_licence_validity"),
                order=175,
            )
        )
        register(
            MenuEntry(_("STR applications"), "licensing:str_queue", lambda u: policy.allows(u, "licensing.decide_str"), order=160)
        )
        register(
            MenuEntry(
                _("STRs ending without renewal"),
                "licensing:str_renewals_due",
                lambda u: policy.allows(u, "licensing.view_str_renewals"),
                order=161,
            )
        )
        register(
            MenuEntry(
                _("Licences ending without renewal"),
                "licensing:licence_renewals_due",
                lambda u: policy.allows(u, "licensing.view_licence_renewals"),
                order=166,
            )
        )
        register(
            MenuEntry(
                _("Licence applications"),
                "licensing:licence_queue",
                lambda u: policy.allows(u, "licensing.view_licence_queue"),
                order=170,
            )
        )
