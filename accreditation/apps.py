from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccreditationConfig(AppConfig):
    name = "accreditation"
    verbose_name = _("LKS accreditation")

    def ready(self):
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
                lambda u: any(u.holds(r) for r in (Role.BALKS_OFFICER, Role.MINISTRY_OFFICER, Role.DINSOS_OFFICER)),
                order=410,
            )
        )
        register(
            MenuEntry(
                _("Determination by the Minister"),
                "accreditation:batches",
                lambda u: u.holds(Role.BALKS_OFFICER) or u.holds(Role.MINISTRY_OFFICER),
                order=420,
            )
        )
