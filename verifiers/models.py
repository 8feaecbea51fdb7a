"""Verifier accounts (an employer, a Dinas Sosial, a court): the numbers they follow, the alerts
a change of status of one of them makes (an outbox, one row per subscription and event), and the
log of every webhook delivery tried."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

MAX_SUBSCRIPTIONS = 1000


def new_webhook_secret() -> str:
    return secrets.token_urlsafe(32)


class Verifier(models.Model):
    """The organisation behind a verifier account. Its name is what a holder reads on the page
    listing who follows their credentials; the secret signs its webhooks."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="verifier")
    organisation = models.CharField(_("organisation"), max_length=200)
    webhook_url = models.URLField(_("webhook address"), max_length=500, blank=True)
    webhook_secret = models.CharField(_("webhook secret"), max_length=64, default=new_webhook_secret, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    history = HistoricalRecords(excluded_fields=["webhook_secret"])

    class Meta:
        verbose_name = _("verifier account")
        verbose_name_plural = _("verifier accounts")

    def __str__(self):
        return self.organisation


class SubscriptionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(ended_at__isnull=True)


class Subscription(models.Model):
    """A number a verifier follows. Kept to the number, not to a credential: following a number
    nobody holds (yet) reveals nothing, and a renewal under the same number is still followed.
    Ended, never deleted."""

    verifier = models.ForeignKey(Verifier, on_delete=models.PROTECT, related_name="subscriptions")
    number = models.CharField(_("number"), max_length=80)
    created_at = models.DateTimeField(_("followed since"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        indexes = [models.Index(fields=["number", "ended_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["verifier", "number"],
                condition=models.Q(ended_at__isnull=True),
                name="one_active_subscription_per_number",
            )
        ]

    def __str__(self):
        return self.number


class Alert(models.Model):
    """The outbox: one row per subscription and event, written in the transaction that changed the
    status (or by the nightly scan for an end drawing near), then delivered by e-mail and webhook.
    `event_key` makes writing it twice write it once."""

    class Event(models.TextChoices):
        SUSPENDED = "suspended", _("suspended")
        REVOKED = "revoked", _("revoked")
        REINSTATED = "reinstated", _("reinstated")
        EXPIRED = "expired", _("expired")
        RENEWED = "renewed", _("renewed")
        ISSUED = "issued", _("issued")
        ENDING = "ending", _("ends in 30 days")

    class Delivery(models.TextChoices):
        NONE = "none", _("no webhook")
        PENDING = "pending", _("pending")
        DELIVERED = "delivered", _("delivered")
        FAILED = "failed", _("failed")

    subscription = models.ForeignKey(Subscription, on_delete=models.PROTECT, related_name="alerts")
    credential = models.ForeignKey("credentials.Credential", on_delete=models.PROTECT, related_name="+")
    event = models.CharField(_("event"), max_length=12, choices=Event.choices)
    event_key = models.CharField(max_length=120)
    # What the public register said when the event happened (never the officer's own words).
    status = models.CharField(_("status"), max_length=16)
    status_category = models.CharField(_("reason category"), max_length=24, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    delivery = models.CharField(_("webhook"), max_length=10, choices=Delivery.choices, default=Delivery.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("status alert")
        verbose_name_plural = _("status alerts")
        indexes = [models.Index(fields=["delivery", "next_attempt_at"]), models.Index(fields=["event_key"])]
        constraints = [models.UniqueConstraint(fields=["subscription", "event_key"], name="one_alert_per_subscription_event")]

    def __str__(self):
        return f"{self.get_event_display()} {self.subscription.number}"


class DeliveryAttempt(models.Model):
    """One webhook POST tried, as its subscriber reads it in their delivery log."""

    verifier = models.ForeignKey(Verifier, on_delete=models.PROTECT, related_name="attempts")
    alert = models.ForeignKey(Alert, null=True, blank=True, on_delete=models.PROTECT, related_name="delivery_attempts")
    is_test = models.BooleanField(_("test"), default=False)
    url = models.URLField(_("address"), max_length=500)
    at = models.DateTimeField(_("at"), default=timezone.now)
    status_code = models.PositiveSmallIntegerField(_("answer code"), null=True, blank=True)
    succeeded = models.BooleanField(_("delivered"), default=False)
    error = models.CharField(_("error"), max_length=255, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("webhook delivery attempt")
        verbose_name_plural = _("webhook delivery attempts")

    def __str__(self):
        return f"{self.url} {self.at:%Y-%m-%d %H:%M}"
