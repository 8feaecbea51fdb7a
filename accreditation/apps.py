from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccreditationConfig(AppConfig):
    name = "accreditation"
    verbose_name = _("LKS accreditation")

    def ready(self):
        from accounts import policy
        from accounts.roles import Role
        from core import personal_data
        from core.navigation import MenuEntry, register

        from . import services

        personal_data.register_section("accreditation", export=services.export_for_user, erase=services.erase_for_user)

        def works_on_accreditation(user):
            return any(
                user.holds(r)
                for r in (Role.LKS_OPERATOR, Role.DINSOS_OFFICER, Role.BALKS_OFFICER, Role.BALKS_ASSESSOR, Role.MINISTRY_OFFICER)
            )

        register(MenuEntry(_("Accreditation"), "accreditation:workspace", works_on_accreditation, order=400))
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
                _("Determination by the Minister"),
                "accreditation:batches",
                lambda u: policy.allows(u, "accreditation.manage") or policy.allows(u, "accreditation.determine"),
                order=420,
            )
        )
