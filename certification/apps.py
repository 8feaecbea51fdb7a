from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationConfig(AppConfig):
    name = "certification"
    verbose_name = _("Competency certification")

    def ready(self):
        from core import letterheads

        from . import documents

        letterheads.register("lsp", documents.issuing_bodies, "certification.keep_letterhead")
        from accounts import policy
        from core import personal_data
        from core.navigation import MenuEntry, register

        from . import services

        personal_data.register_section("certification", export=services.export_for_user, erase=services.erase_for_user)

        from credentials.importing import CredentialImport
        from credentials.importing import register as register_import

        from . import importing

        register_import(
            CredentialImport("certificate", importing.import_certificates, importing.COLUMNS, "certification.manage_certificate")
        )

        register(
            MenuEntry(
                _("My certification"),
                "certification:my_applications",
                lambda u: policy.allows(u, "certification.apply"),
                order=300,
            )
        )
        register(
            MenuEntry(
                _("Certification applications"),
                "certification:application_list",
                lambda u: policy.allows(u, "certification.view_applications"),
                order=310,
            )
        )
        register(
            MenuEntry(
                _("Schemes and board"),
                "certification:scheme_list",
                lambda u: policy.allows(u, "certification.manage_lsp"),
                order=311,
            )
        )
        register(
            MenuEntry(
                _("Assessment events"),
                "certification:event_list",
                lambda u: policy.allows(u, "certification.manage_lsp"),
                order=312,
            )
        )
        register(
            MenuEntry(
                _("Competency assessors"),
                "certification:assessor_list",
                lambda u: policy.allows(u, "certification.manage_lsp"),
                order=314,
            )
        )
        register(
            MenuEntry(
                _("Competency certificates"),
                "certification:certificate_list",
                lambda u: policy.allows(u, "certification.manage_certificate"),
                order=313,
            )
        )
        register(
            MenuEntry(
                _("Certificates ending without renewal"),
                "certification:renewals_due",
                lambda u: policy.allows(u, "certification.view_certificate_renewals"),
                order=315,
            )
        )
        register(
            MenuEntry(
                _("Competency certificate validity"),
                "certification:validity",
                lambda u: policy.allows(u, "certification.set_certificate_validity"),
                order=316,
            )
        )
        from core.navigation import register_notices

        from . import renewals

        # The holder's dashboard names each certificate in its renewal window and what it lacks.
        register_notices(renewals.holder_notices)
        register(
            MenuEntry(
                _("My assessment assignments"),
                "certification:assignment_list",
                lambda u: policy.allows(u, "certification.view_assignments"),
                order=320,
            )
        )
