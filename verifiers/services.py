"""Verifier accounts, the numbers they follow, and the alerts a change of status sends them.

An alert is written to the outbox (`Alert`) in the transaction that changed the credential's
status (credentials.services.listen), one row per subscription and event, so that a rolled-back
decision alerts nobody and an event written twice is written once. The e-mails and webhooks go
out from the outbox in a task after the commit; a webhook that fails is tried again with an
exponential backoff, and every attempt is in the subscriber's delivery log.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import policy
from accounts.models import RoleAssignment, User
from accounts.roles import Role
from core.errors import DomainError
from credentials.models import Credential

from . import transport
from .models import MAX_SUBSCRIPTIONS, Alert, DeliveryAttempt, Subscription, Verifier
from .numbers import MAX_NUMBER_LENGTH, clean_number

SIGNATURE_HEADER = "X-Peksos-Signature"
# The first retry a minute after a failure, then 2, 4, 8 ... minutes: eight attempts span about
# four hours, long enough to ride out a subscriber's maintenance window.
BACKOFF_SECONDS = 60
MAX_ATTEMPTS = 8
ENDING_NOTICE_DAYS = 30

STATUS_EVENTS = {
    Credential.Status.SUSPENDED: Alert.Event.SUSPENDED,
    Credential.Status.REVOKED: Alert.Event.REVOKED,
    Credential.Status.EXPIRED: Alert.Event.EXPIRED,
    Credential.Status.VALID: Alert.Event.REINSTATED,  # only a suspended credential becomes valid again
}


# --- accounts and subscriptions ----------------------------------------------------------------


def become_verifier(*, actor: User, organisation: str) -> Verifier:
    """The account's organisation (what holders read) and the verifier role, granted to an account
    with a verified e-mail address on its own request: following public numbers needs no
    officer's approval, since it shows no more than the public register."""
    policy.require(actor, "verifiers.become_verifier")
    organisation = " ".join(str(organisation).split())[:200]
    if not organisation:
        raise DomainError(
            _("Write the name of your organisation: holders see who follows their credentials."), field="organisation"
        )
    with transaction.atomic():
        verifier, created = Verifier.objects.get_or_create(user=actor, defaults={"organisation": organisation})
        if not created and verifier.organisation != organisation:
            verifier.organisation = organisation
            verifier.save(update_fields=["organisation"])
        if not RoleAssignment.objects.active().filter(user=actor, role=Role.VERIFIER).exists():
            RoleAssignment.objects.create(
                user=actor, role=Role.VERIFIER, granted_by=actor, note=str(_("verifier account opened by its holder"))
            )
            actor.__dict__.pop("_active_roles", None)
    return verifier


@dataclass(frozen=True)
class Subscribed:
    added: int
    already: int


def subscribe(*, actor: User, numbers: list[str]) -> Subscribed:
    """Follow these numbers. Whether a number belongs to anyone is not said (the answer is the
    same for every number), so subscribing reveals nothing the public register does not."""
    verifier = _own_verifier(actor)
    wanted: list[str] = []
    for raw in numbers:
        number = clean_number(raw).upper()
        if not number:
            continue
        if len(number) > MAX_NUMBER_LENGTH:
            raise DomainError(
                _("%(number)s… is longer than any number Peksos issues.") % {"number": number[:20]}, field="numbers"
            )
        if number not in wanted:
            wanted.append(number)
    if not wanted:
        raise DomainError(_("Give at least one number to follow."), field="numbers")
    with transaction.atomic():
        # The verifier row is locked so that two uploads at once cannot both pass the limit.
        Verifier.objects.select_for_update().filter(pk=verifier.pk).first()
        active = verifier.subscriptions.active()
        already = set(active.filter(number__in=wanted).values_list("number", flat=True))
        new = [n for n in wanted if n not in already]
        total = active.count() + len(new)
        if total > MAX_SUBSCRIPTIONS:
            raise DomainError(
                _("An account follows at most %(max)s numbers; this would make %(total)s. End some subscriptions first.")
                % {"max": MAX_SUBSCRIPTIONS, "total": total},
                field="numbers",
                code="too_many",
            )
        Subscription.objects.bulk_create([Subscription(verifier=verifier, number=n) for n in new])
    return Subscribed(added=len(new), already=len(already))


def end_subscription(*, actor: User, subscription: Subscription) -> Subscription:
    policy.require(actor, "verifiers.manage_subscription", subscription)
    if subscription.ended_at is None:
        subscription.ended_at = timezone.now()
        subscription.save(update_fields=["ended_at"])
    return subscription


def _own_verifier(actor: User) -> Verifier:
    policy.require(actor, "verifiers.follow_numbers")
    verifier = Verifier.objects.filter(user=actor).first()
    if verifier is None:
        raise DomainError(_("Open your verifier account first."))
    return verifier


def set_webhook(*, actor: User, url: str) -> Verifier:
    verifier = _own_verifier(actor)
    url = url.strip()
    if url and not transport.allowed(url):
        raise DomainError(_("A webhook address must start with https://."), field="webhook_url")
    verifier.webhook_url = url[:500]
    verifier.save(update_fields=["webhook_url"])
    return verifier


def new_secret(*, actor: User) -> Verifier:
    """A new signing secret; webhooks signed with the old one stop verifying at once."""
    from .models import new_webhook_secret

    verifier = _own_verifier(actor)
    verifier.webhook_secret = new_webhook_secret()
    verifier.save(update_fields=["webhook_secret"])
    return verifier


def request_test(*, actor: User) -> None:
    verifier = _own_verifier(actor)
    if not verifier.webhook_url:
        raise DomainError(_("Save a webhook address first."), field="webhook_url")
    from .tasks import send_test_webhook

    transaction.on_commit(lambda: send_test_webhook.enqueue(verifier.pk))


def followers_of(user: User) -> list[Subscription]:
    """Who follows the credentials a holder holds: the organisations, the numbers (their
    credentials' and their licences' decree numbers) and since when."""
    policy.require(user, "verifiers.see_followers")
    from django.db.models import Q
    from django.db.models.functions import Upper

    from licensing.models import Licence
    from registry.models import Person

    numbers = Credential.objects.held_by(Person, [user.person.pk]).values("number")
    decrees = Licence.objects.filter(person=user.person).annotate(key=Upper("decree_number")).values("key")
    return list(
        Subscription.objects.active()
        .filter(Q(number__in=numbers) | Q(number__in=decrees))
        .select_related("verifier")
        .only("number", "created_at", "verifier__organisation")
        .order_by("verifier__organisation", "number")
    )


# --- writing the outbox --------------------------------------------------------------------------


def _followed_numbers(credential: Credential) -> set[str]:
    numbers = {credential.number, credential.number.upper()}
    if credential.kind == Credential.Kind.ACCREDITATION:
        from accreditation.models import Accreditation

        numbers.update(
            d.upper() for d in Accreditation.objects.filter(credential=credential).values_list("decree_number", flat=True) if d
        )
    elif credential.kind == Credential.Kind.LICENCE:
        from licensing.models import Licence

        numbers.update(
            d.upper() for d in Licence.objects.filter(credential=credential).values_list("decree_number", flat=True) if d
        )
    return numbers


def _subscribers(credential: Credential) -> list[tuple[int, str]]:
    return list(
        Subscription.objects.active().filter(number__in=_followed_numbers(credential)).values_list("pk", "verifier__webhook_url")
    )


def write_alerts(credential: Credential, event: str, event_key: str, subscriptions: list[tuple[int, str]] | None = None) -> int:
    """One outbox row per active subscription to the credential's number (idempotent on
    `event_key`), delivered after the commit. Returns how many subscriptions were found."""
    if subscriptions is None:
        subscriptions = _subscribers(credential)
    if not subscriptions:
        return 0
    reason = credential.status_category if credential.status != Credential.Status.VALID else ""
    status = credential.current_status()
    Alert.objects.bulk_create(
        [
            Alert(
                subscription_id=pk,
                credential=credential,
                event=event,
                event_key=event_key,
                status=status,
                status_category=reason,
                delivery=Alert.Delivery.PENDING if url else Alert.Delivery.NONE,
            )
            for pk, url in subscriptions
        ],
        batch_size=2000,
        ignore_conflicts=True,
    )
    from .tasks import deliver_alerts

    transaction.on_commit(lambda: deliver_alerts.enqueue(event_key))
    return len(subscriptions)


def on_credential_change(credential: Credential, issued: bool) -> None:
    """credentials.services.listen: inside the transaction of every issue and status change. A
    number nobody follows costs one indexed query."""
    subscriptions = _subscribers(credential)
    if not subscriptions:
        return
    if issued:
        renewed = Credential.objects.filter(number=credential.number).exclude(pk=credential.pk).exists()
        event = Alert.Event.RENEWED if renewed else Alert.Event.ISSUED
        key = f"{credential.pk}:{event}"
    else:
        event = STATUS_EVENTS.get(Credential.Status(credential.status))
        if event is None:
            # Ended by renewal: the successor's issue has already alerted "renewed" under the
            # same number; the handover itself tells a follower nothing new.
            return
        key = f"{credential.pk}:{event}:{credential.status_changed_at.isoformat()}"
    write_alerts(credential, event, key, subscriptions)


def write_ending_alerts(today: datetime.date) -> int:
    """The nightly scan: every followed credential within 30 days of its end is alerted once per
    end date (a missed night still alerts, a second run alerts nobody twice)."""
    followed = Subscription.objects.active().values("number")
    ending = Credential.objects.filter(
        status=Credential.Status.VALID,
        valid_until__gte=today,
        valid_until__lte=today + datetime.timedelta(days=ENDING_NOTICE_DAYS),
        number__in=followed,
    )
    written = 0
    for credential in ending.iterator():
        key = f"{credential.pk}:{Alert.Event.ENDING}:{credential.valid_until.isoformat()}"
        if Alert.objects.filter(event_key=key).exists():
            continue
        with transaction.atomic():
            written += write_alerts(credential, Alert.Event.ENDING, key)
    return written


# --- delivering from the outbox ------------------------------------------------------------------

EVENT_SUBJECTS = {
    Alert.Event.SUSPENDED: gettext_lazy("%(number)s has been suspended"),
    Alert.Event.REVOKED: gettext_lazy("%(number)s has been revoked"),
    Alert.Event.REINSTATED: gettext_lazy("%(number)s is valid again"),
    Alert.Event.EXPIRED: gettext_lazy("%(number)s has expired"),
    Alert.Event.RENEWED: gettext_lazy("%(number)s has been renewed"),
    Alert.Event.ISSUED: gettext_lazy("%(number)s has been issued"),
    Alert.Event.ENDING: gettext_lazy("%(number)s ends in 30 days or less"),
}


def payload(alert: Alert) -> dict:
    """What a webhook says: the register's public answer for the number, and the event."""
    credential = alert.credential
    reason = dict(Credential.StatusCategory.choices).get(alert.status_category, "") if alert.status_category else ""
    return {
        "id": alert.pk,
        "event": alert.event,
        "number": alert.subscription.number,
        "kind": credential.kind,
        "holder": credential.holder_name,
        "status": alert.status,
        "status_reason": str(reason),
        "status_reason_code": alert.status_category,
        "valid_until": credential.valid_until.isoformat() if credential.valid_until else None,
        "verification_url": credential.verification_url,
        "occurred_at": alert.created_at.isoformat(),
    }


def signature(secret: str, body: bytes) -> str:
    """HMAC-SHA256 of the exact body with the subscriber's secret, as `sha256=<hex>`."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _post(verifier: Verifier, body_of: dict, *, alert: Alert | None, event: str) -> DeliveryAttempt:
    body = json.dumps(body_of, ensure_ascii=False, sort_keys=True).encode()
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "Peksos-Webhook/1",
        "X-Peksos-Event": event,
        SIGNATURE_HEADER: signature(verifier.webhook_secret, body),
    }
    attempt = DeliveryAttempt(verifier=verifier, alert=alert, is_test=alert is None, url=verifier.webhook_url)
    try:
        attempt.status_code = transport.post(
            verifier.webhook_url, body, headers, timeout=getattr(settings, "PEKSOS_WEBHOOK_TIMEOUT", 10)
        )
        attempt.succeeded = True
    except transport.DeliveryFailed as failure:
        attempt.status_code = failure.status_code
        attempt.error = str(failure)[:255]
    attempt.save()
    return attempt


def deliver_webhook(alert: Alert, now: datetime.datetime | None = None) -> DeliveryAttempt | None:
    """One attempt; on failure the next is set `BACKOFF_SECONDS * 2**(attempts-1)` later (and
    enqueued to run then where the task backend can defer), until MAX_ATTEMPTS."""
    verifier = alert.subscription.verifier
    if alert.delivery != Alert.Delivery.PENDING:
        return None
    if not verifier.webhook_url:
        Alert.objects.filter(pk=alert.pk).update(delivery=Alert.Delivery.NONE, next_attempt_at=None)
        return None
    now = now or timezone.now()
    attempt = _post(verifier, payload(alert), alert=alert, event=alert.event)
    alert.attempts += 1
    if attempt.succeeded:
        alert.delivery, alert.next_attempt_at = Alert.Delivery.DELIVERED, None
    elif alert.attempts >= MAX_ATTEMPTS:
        alert.delivery, alert.next_attempt_at = Alert.Delivery.FAILED, None
    else:
        alert.next_attempt_at = now + datetime.timedelta(seconds=BACKOFF_SECONDS * 2 ** (alert.attempts - 1))
        _schedule_retry(alert)
    alert.save(update_fields=["attempts", "delivery", "next_attempt_at"])
    return attempt


def _schedule_retry(alert: Alert) -> None:
    from .tasks import retry_webhook

    if retry_webhook.get_backend().supports_defer:
        retry_webhook.using(run_after=alert.next_attempt_at).enqueue(alert.pk)
    # Otherwise (the immediate backend of tests and a demo) the scheduled scan retries it when due.


def retry_due_webhook(alert_pk: int, now: datetime.datetime | None = None) -> DeliveryAttempt | None:
    now = now or timezone.now()
    alert = (
        Alert.objects.select_related("subscription__verifier", "credential")
        .filter(pk=alert_pk, delivery=Alert.Delivery.PENDING, next_attempt_at__lte=now)
        .first()
    )
    return None if alert is None else deliver_webhook(alert, now)


def retry_due_webhooks(now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    due = Alert.objects.filter(delivery=Alert.Delivery.PENDING, next_attempt_at__lte=now).values_list("pk", flat=True)
    return sum(1 for pk in list(due[:5000]) if retry_due_webhook(pk, now) is not None)


def deliver_event(event_key: str) -> int:
    """E-mail every subscriber an event alerts (once: notify's dedupe key), then make each
    pending webhook's first attempt."""
    from accounts.notifications import notify

    alerts = list(
        Alert.objects.filter(event_key=event_key).select_related("subscription__verifier__user", "credential").order_by("pk")
    )
    emailed = []
    for alert in alerts:
        if alert.emailed_at is None:
            number = alert.subscription.number
            subject = EVENT_SUBJECTS[Alert.Event(alert.event)] % {"number": number}
            body = _("%(holder)s: %(kind)s %(number)s is now %(status)s. Check it at %(url)s") % {
                "holder": alert.credential.holder_name,
                "kind": Credential.Kind(alert.credential.kind).label,
                "number": number,
                "status": _status_text(alert.status),
                "url": alert.credential.verification_url,
            }
            notify(
                alert.subscription.verifier.user,
                subject=subject,
                body=body,
                url="/verifikasi/langganan/",
                dedupe_key=f"verifier-alert:{alert.pk}",
            )
            emailed.append(alert.pk)
    if emailed:
        Alert.objects.filter(pk__in=emailed).update(emailed_at=timezone.now())
    for alert in alerts:
        if alert.delivery == Alert.Delivery.PENDING and alert.attempts == 0:
            deliver_webhook(alert)
    return len(alerts)


def _status_text(status: str) -> str:
    from .numbers import status_label

    return status_label(status)


def deliver_test(verifier: Verifier) -> DeliveryAttempt | None:
    if not verifier.webhook_url:
        return None
    return _post(
        verifier,
        {"id": None, "event": "test", "organisation": verifier.organisation, "sent_at": timezone.now().isoformat()},
        alert=None,
        event="test",
    )


# --- the account holder's data (core.personal_data) -----------------------------------------------


def export_for_user(user) -> dict | None:
    """The verifier account: its organisation, webhook address, followed numbers and deliveries."""
    verifier = Verifier.objects.filter(user=user).first() if user is not None else None
    if verifier is None:
        return None
    return {
        "organisation": verifier.organisation,
        "webhook_url": verifier.webhook_url,
        "created_at": verifier.created_at,
        "subscriptions": [
            {"number": s.number, "since": s.created_at, "ended_at": s.ended_at} for s in verifier.subscriptions.order_by("pk")
        ],
        "deliveries": [
            {"at": a.at, "url": a.url, "status_code": a.status_code, "delivered": a.succeeded, "test": a.is_test}
            for a in verifier.attempts.order_by("pk")
        ],
    }


def erase_for_user(user, actor) -> str:
    """Subscriptions end and the webhook address goes; the alerts sent stay, as the record of what
    was told to whom."""
    verifier = Verifier.objects.filter(user=user).first() if user is not None else None
    if verifier is None:
        return ""
    with transaction.atomic():
        verifier.subscriptions.active().update(ended_at=timezone.now())
        verifier.webhook_url = ""
        verifier.save(update_fields=["webhook_url"])
    return _("Verifier account: subscriptions ended and webhook address removed.")
