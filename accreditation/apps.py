from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccreditationConfig(AppConfig):
    name = "accreditation"
    verbose_name = _("LKS accreditation")

    def ready(self):
        from core import letterheads

        from . import documents

        letterheads.register("balks", documents.issuing_bodies, "accreditation.keep_letterhead")
        from accounts import policy
        from core import personal_data
        from core.navigation import MenuEntry, register

        from . import services

        personal_data.register_section("accreditation", export=services.export_for_user, erase=services.erase_for_user)

        from credentials.importing import CredentialImport
        from credentials.importing import register as register_import

        from . import importing

        register_import(
            CredentialImport(
                "accreditation", importing.import_accreditations, importing.ACCREDITATION_COLUMNS, "accreditation.manage"
            )
        )

        # Asked without an application: whether any of their roles reaches applications, which
        # is when the workspace has something to show them.
        register(
            MenuEntry(
                _("Accreditation"),
                "accreditation:workspace",
                lambda u: policy.allows(u, "accreditation.view_application"),
                order=400,
            )
        )
        register(
            MenuEntry(
                _("Accreditation monitoring"),
                "accreditation:monitoring",
                lambda u: policy.allows(u, "accreditation.monitor"),
                order=410,
            )
        )
        register(
            MenuEntry(
                _("LKS register"), "accreditation:lks_list", lambda u: policy.allows(u, "accreditation.edit_lks"), order=405
            )
        )
        register(
            MenuEntry(
                _("BALKS board"), "accreditation:board", lambda u: policy.allows(u, "accreditation.manage_board"), order=430
            )
        )
        register(
            MenuEntry(
                _("Assessor pool"),
                "accreditation:assessor_pool",
                lambda u: policy.allows(u, "accreditation.manage_pool"),
                order=435,
            )
        )
        register(
            MenuEntry(
                _("Accreditation instruments"),
                "accreditation:instruments",
                lambda u: policy.allows(u, "accreditation.view_instruments"),
                order=425,
            )
        )
        register(
            MenuEntry(
                _("Determination by the Minister"),
                "accreditation:batches",
                lambda u: policy.allows(u, "accreditation.manage") or policy.allows(u, "accreditation.determine"),
                order=420,
            )
        )
