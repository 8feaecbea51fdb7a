import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EffectivePeriodQuerySet(models.QuerySet):
    def in_force(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(valid_from__lte=on).filter(models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=on))


class EffectivePeriod(models.Model):
    """A rule that comes from a regulation: in force for a period, citing where it comes from.

    Changing a regulation means adding a row with a new period, never editing code.
    """

    valid_from = models.DateField(_("in force from"))
    valid_until = models.DateField(_("in force until"), null=True, blank=True)
    source = models.CharField(_("legal source"), max_length=255, help_text=_("The regulation this rule comes from."))
    source_url = models.URLField(_("source link"), blank=True)

    objects = EffectivePeriodQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_in_force(self, on: datetime.date) -> bool:
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)


class Counter(models.Model):
    """The last number handed out in one series (e.g. member numbers of one province and year).

    Incremented inside the transaction that issues the number, so a rolled-back approval
    gives its number back and the series stays gapless.
    """

    series = models.CharField(max_length=120, unique=True)
    value = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("number counter")
        verbose_name_plural = _("number counters")

    def __str__(self):
        return f"{self.series}: {self.value}"


class AuditEventQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))


class AuditEvent(models.Model):
    """Things that are not a change to a record but must be answerable later: logins, reads of
    private data, exports, downloads of documents, failed permission checks on sensitive data."""

    class Action(models.TextChoices):
        LOGIN = "login", _("login")
        LOGIN_FAILED = "login_failed", _("failed login")
        LOGOUT = "logout", _("logout")
        READ_PRIVATE = "read_private", _("read of private data")
        DOWNLOAD_DOCUMENT = "download_document", _("document download")
        EXPORT = "export", _("export")
        ROLE_CHANGE = "role_change", _("role change")
        DATA_REQUEST = "data_request", _("data-subject request")
        SENSITIVE_ACTION = "sensitive_action", _("sensitive action")

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=40, choices=Action.choices)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    summary = models.CharField(max_length=255, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["object_type", "object_id"]), models.Index(fields=["actor", "-at"])]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"
