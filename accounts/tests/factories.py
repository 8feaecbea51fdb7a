import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.contrib.contenttypes.models import ContentType

from accounts.models import RoleAssignment, User
from accounts.roles import Role

PASSWORD = "correct-horse-battery-staple"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXQ"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.id")
    name = factory.Faker("name", locale="id_ID")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


def grant(user: User, role: Role, *, province=None, regency=None, organisation=None) -> RoleAssignment:
    extra = {}
    if organisation is not None:
        extra = {"organisation_type": ContentType.objects.get_for_model(organisation), "organisation_id": organisation.pk}
    assignment = RoleAssignment.objects.create(user=user, role=role, province=province, regency=regency, **extra)
    if hasattr(user, "_active_roles"):
        del user._active_roles
    return assignment


def make_staff(role: Role, *, province=None, regency=None, organisation=None, totp: bool = True, **user_fields) -> User:
    """A user holding one staff role, with two-factor sign-in set up (as policy requires)."""
    user = UserFactory(**user_fields)
    grant(user, role, province=province, regency=regency, organisation=organisation)
    if totp:
        TOTP.activate(user, TOTP_SECRET)
    return user


def current_totp_code(secret: str = TOTP_SECRET) -> str:
    """The code an authenticator shows now; near the end of a step, the next step's code, so that
    the sign-in it is typed into does not depend on how fast a slow test machine is."""
    import time

    now = time.time()
    if 30 - now % 30 < 3:
        time.sleep(30 - now % 30 + 0.05)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def sign_in_with_second_factor(client, user: User):
    """Sign `user` in on the test client as allauth would after the password and the code: the
    session carries allauth's own record of both steps, which staff pages require."""
    from allauth.account.internal.flows.login import record_authentication
    from allauth.mfa.models import Authenticator
    from django.test import RequestFactory

    client.force_login(user)
    request = RequestFactory().get("/")
    request.session, request.user = client.session, user
    record_authentication(request, user, "password", email=user.email)
    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    record_authentication(request, user, "mfa", id=totp.pk if totp else None, type=Authenticator.Type.TOTP)
    request.session.save()
    return client
