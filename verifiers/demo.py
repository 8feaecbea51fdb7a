"""Demo verifier account: a Dinas Sosial officer (a verified e-mail address, no second factor: the
role sees only the public register) following every demo credential's number, so that a status
change in the demo alerts someone. Its webhook address is left to the person trying the demo:
in the demo it may be a receiver on this machine (http://127.0.0.1:PORT/..., see
PEKSOS_WEBHOOK_LOOPBACK_HTTP)."""

from accounts.demo import demo_user
from accounts.roles import Role

DEMO_VERIFIER_EMAIL = "verifikator@peksos.demo"
DEMO_ORGANISATION = "Dinas Sosial Provinsi Jawa Barat"


def seed() -> list[tuple[object, str]]:
    from credentials.models import Credential

    from . import services

    user = demo_user(DEMO_VERIFIER_EMAIL, "Yusuf Maulana")
    services.become_verifier(actor=user, organisation=DEMO_ORGANISATION)
    numbers = list(Credential.objects.order_by("number").values_list("number", flat=True).distinct())
    if numbers:
        services.subscribe(actor=user, numbers=numbers)
    return [(Role.VERIFIER.label, user.email)]
