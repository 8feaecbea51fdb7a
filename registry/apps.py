from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = _("IPSPI member register")

    def ready(self):
        from core import letterheads

        from . import documents

        letterheads.register("ipspi", documents.issuing_bodies, "registry.keep_letterhead")
        from accounts import policy
        from core import personal_data
        from core.navigation import MenuEntry, register

        from . import selectors

        register(
            MenuEntry(
                label=_("My IPSPI membership"), url_name="registry:my_membership", allowed=lambda u: u.is_authenticated, order=10
            )
        )
        register(
            MenuEntry(
                label=_("Membership applications"),
                url_name="registry:application_queue",
                allowed=lambda u: policy.allows(u, "registry.view_applications"),
                group="IPSPI",
                order=20,
            )
        )
        register(
            MenuEntry(
                label=_("Members"),
                url_name="registry:member_list",
                allowed=lambda u: policy.allows(u, "registry.view_members"),
                group="IPSPI",
                order=21,
            )
        )
        register(
            MenuEntry(
                label=_("Dues payments to confirm"),
                url_name="registry:payment_queue",
                allowed=lambda u: policy.allows(u, "registry.confirm_payment"),
                group="IPSPI",
                order=22,
            )
        )
        register(
            MenuEntry(
                label=_("Assisted registration"),
                url_name="registry:assisted_list",
                allowed=lambda u: policy.allows(u, "registry.assist_registration"),
                group="IPSPI",
                order=24,
            )
        )
        register(
            MenuEntry(
                label=_("Record claims to review"),
                url_name="registry:claim_requests",
                allowed=lambda u: policy.allows(u, "registry.decide_claim"),
                group="IPSPI",
                order=25,
            )
        )
        register(
            MenuEntry(
                label=_("Member card validity"),
                url_name="registry:card_validity",
                allowed=lambda u: policy.allows(u, "registry.manage_card_validity"),
                group="IPSPI",
                order=24,
            )
        )
        register(
            MenuEntry(
                label=_("Fee schedules"),
                url_name="registry:fee_schedules",
                allowed=lambda u: policy.allows(u, "registry.manage_fees"),
                group="IPSPI",
                order=24,
            )
        )
        register(
            MenuEntry(
                label=_("Where members pay dues"),
                url_name="registry:payment_instructions",
                allowed=lambda u: policy.allows(u, "registry.manage_payment_instructions"),
                group="IPSPI",
                order=22,
            )
        )
        register(
            MenuEntry(
                label=_("Legacy imports"),
                url_name="registry:import_upload",
                allowed=lambda u: policy.allows(u, "registry.import_legacy"),
                group="IPSPI",
                order=23,
            )
        )
        for label, url_name, perm, order in (
            (_("Ending without renewal"), "registry:renewals_due", "registry.view_member", 21),
            (_("CPD activities to review"), "registry:cpd_review_queue", "registry.review_cpd", 22),
            (_("Members short of CPD credits"), "registry:cpd_shortfall", "registry.view_member", 22),
            (_("CPD providers"), "registry:cpd_providers", "registry.manage_cpd_providers", 24),
        ):
            register(
                MenuEntry(
                    label=label,
                    url_name=url_name,
                    allowed=lambda u, perm=perm: policy.allows(u, perm),
                    group="IPSPI",
                    order=order,
                )
            )
        register(
            MenuEntry(
                label=_("CPD attendance lists"),
                url_name="registry:cpd_my_provider",
                allowed=lambda u: policy.allows(u, "registry.act_as_cpd_provider"),
                group="PKB",
                order=30,
            )
        )
        from core import rule_gaps
        from core.navigation import register_notices

        from . import services

        register_notices(services.fee_schedule_notices)
        register_notices(lambda user: rule_gaps.notices(user, services.dated_rules()))
        personal_data.register_section("registry", export=selectors.export_for_user, erase=services.erase_for_user)
