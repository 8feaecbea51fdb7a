"""A small world for the authorisation matrix: one signed-in user per actor, scoped "here"
(Jawa Barat, Kota Bandung, organisation A) or "elsewhere" (Jawa Timur, Kabupaten Bandung,
organisation B), and builders for objects that live "here"."""

from functools import cached_property

from accounts.roles import Role
from accounts.tests.factories import UserFactory, make_staff
from regions.models import Province, Regency

# Which model an organisation-scoped role is held for. Apps register a builder
# `(label) -> model instance` here when their organisations exist; until then a Province
# stands in, which is enough for views that ask only for the role.
ORGANISATION_BUILDERS: dict[str, object] = {}


def _stand_in(label):
    return Province.objects.get(code="11" if label == "here" else "12")


class Scene:
    def __init__(self):
        self.jabar = Province.objects.get(code="32")
        self.jatim = Province.objects.get(code="35")
        self.kota_bandung = Regency.objects.get(code="32.73")
        self.kab_bandung = Regency.objects.get(code="32.04")
        self.users = {"anonymous": None, "social_worker": UserFactory(name="Pekerja Sosial Contoh")}
        for actor in (
            "dpp_officer",
            "balks_officer",
            "balks_assessor",
            "ministry_officer",
            "content_editor",
            "dpo",
            "ethics_council",
        ):
            self.users[actor] = make_staff(Role(actor))
        # No second factor: a verifier account reads only what the public register shows.
        self.users["verifier"] = make_staff(Role.VERIFIER, totp=False, name="Verifikator Contoh")
        for label, province, regency in (("here", self.jabar, self.kota_bandung), ("elsewhere", self.jatim, self.kab_bandung)):
            suffix = "" if label == "here" else "@elsewhere"
            self.users["dpd_officer" + suffix] = make_staff(Role.DPD_OFFICER, province=province)
            self.users["dinsos_officer" + suffix] = make_staff(Role.DINSOS_OFFICER, regency=regency)
            for role in (Role.LSP_OFFICER, Role.COMPETENCY_ASSESSOR, Role.LICENSING_OFFICER, Role.LKS_OPERATOR):
                organisation = self.organisation(role, label)
                self.users[role.value + suffix] = make_staff(role, organisation=organisation, totp=role != Role.LKS_OPERATOR)

    def organisation(self, role: Role, label: str):
        builder = ORGANISATION_BUILDERS.get(role.value, _stand_in)
        cache = self.__dict__.setdefault("_organisations", {})
        key = (role.value, label)
        if key not in cache:
            cache[key] = builder(label)
        return cache[key]

    # --- builders of objects "here" ----------------------------------------------------------
    def data_request(self):
        from accounts.services import submit_request

        return submit_request(actor=self.users["social_worker"], kind="access")

    def breach(self):
        import datetime

        from django.utils import timezone

        from accounts.models import DataBreach

        return DataBreach.objects.create(
            discovered_at=timezone.now() - datetime.timedelta(hours=1), description="x", data_categories="x"
        )

    @cached_property
    def someone_else(self):
        return UserFactory()

    def notification_of_someone_else(self):
        from accounts.notifications import notify

        return notify(self.someone_else, subject="x", body="x", email=False)
