import rules
from allauth.account.models import EmailAddress
from django.db.models import Q

from accounts.policy import Scope, declare, holds_nationally, nationally
from accounts.roles import Role

is_verifier = holds_nationally(Role.VERIFIER)


@rules.predicate
def has_verified_email(user, obj=None):
    """A verifier account answers for an organisation: its address must be one it has shown it reads."""
    if not getattr(user, "is_authenticated", False):
        return False
    return EmailAddress.objects.filter(user=user, verified=True).exists()


@rules.predicate
def follows_it(user, obj=None):
    return obj is None or obj.verifier.user_id == user.pk


@rules.predicate
def is_a_holder(user, obj=None):
    return getattr(user, "is_authenticated", False) and hasattr(user, "person")


rules.add_perm("verifiers.become_verifier", has_verified_email)
rules.add_perm("verifiers.follow_numbers", is_verifier & has_verified_email)
# Own subscriptions only: the role's national scope reaches no one else's.
declare(
    "verifiers.manage_subscription",
    is_verifier & follows_it,
    scope=nationally(Role.VERIFIER) & Scope(lambda user: Q(verifier__user_id=getattr(user, "pk", None) or 0)),
    model="verifiers.Subscription",
)
rules.add_perm("verifiers.see_followers", is_a_holder)
