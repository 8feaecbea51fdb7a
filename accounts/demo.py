"""Demo accounts. Every demo login shares one password and one TOTP secret so that a person
trying the demo can add it once to an authenticator app (or run `python manage.py demo_totp`)."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.contenttypes.models import ContentType

from .models import RoleAssignment, User
from .roles import Role

DEMO_PASSWORD = "peksos-demo-2026"
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def demo_user(email: str, name: str, *, with_totp: bool = False, superuser: bool = False) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"name": name, "is_superuser": superuser, "is_staff": superuser}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    if with_totp and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
    return user


def grant(user: User, role: Role, *, province=None, regency=None, organisation=None) -> RoleAssignment:
    lookup = {"user": user, "role": role, "province": province, "regency": regency}
    if organisation is not None:
        lookup.update(organisation_type=ContentType.objects.get_for_model(organisation), organisation_id=organisation.pk)
    assignment = RoleAssignment.objects.filter(**lookup).first() or RoleAssignment.objects.create(**lookup, note="demo")
    user.__dict__.pop("_active_roles", None)  # the user's cached roles now include this one
    return assignment


def seed() -> list[tuple[object, str]]:
    admin = demo_user("admin@peksos.demo", "Teguh Wibowo", with_totp=True, superuser=True)
    dpo = demo_user("dpo@peksos.demo", "Ratna Dewi Lestari", with_totp=True)
    grant(dpo, Role.DATA_PROTECTION_OFFICER)
    return [("system administrator (Django admin)", admin.email), (Role.DATA_PROTECTION_OFFICER.label, dpo.email)]
