import datetime
import hashlib

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .roles import ROLE_SCOPE, STAFF_ROLES, Role, Scope


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who signs in. Login is by e-mail; `is_staff` only opens the Django admin for
    system administrators; what a person may do in Peksos comes from their role assignments."""

    # None removes AbstractUser's fields (Django's documented way), which the stubs cannot express.
    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("full name"), max_length=150, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []
    objects = UserManager()  # type: ignore[misc,assignment]  # sign-in by e-mail: not auth's UserManager

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.name or self.email

    def get_full_name(self):
        return self.name or self.email

    def get_short_name(self):
        return self.name.split(" ")[0] if self.name else self.email

    def active_role_assignments(self):
        """Cached for the life of this object (one request)."""
        if not hasattr(self, "_active_roles"):
            self._active_roles = list(
                RoleAssignment.objects.active().filter(user=self).select_related("province", "regency", "organisation_type")
            )
        return self._active_roles

    def holds(self, role: str) -> bool:
        return any(a.role == role for a in self.active_role_assignments())

    @property
    def is_staff_member(self) -> bool:
        return self.is_superuser or any(a.role in STAFF_ROLES for a in self.active_role_assignments())


class RoleAssignmentQuerySet(models.QuerySet):
    def active(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(starts_on__lte=on).filter(models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=on))

    def for_organisation(self, obj):
        return self.filter(organisation_type=ContentType.objects.get_for_model(obj), organisation_id=obj.pk)


class RoleAssignment(models.Model):
    """A role held with its scope: a province (DPD officer), a regency (Dinas Sosial officer),
    an organisation (an LSP, a licensing authority, an LKS) or the nation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("user"))
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    province = models.ForeignKey("regions.Province", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("province"))
    regency = models.ForeignKey(
        "regions.Regency", null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("regency/city")
    )
    organisation_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("organisation type")
    )
    organisation_id = models.PositiveBigIntegerField(_("organisation"), null=True, blank=True)
    organisation = GenericForeignKey("organisation_type", "organisation_id")
    starts_on = models.DateField(_("starts on"), default=timezone.localdate)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    granted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("granted by")
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    history = HistoricalRecords()

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        indexes = [models.Index(fields=["user", "role"]), models.Index(fields=["organisation_type", "organisation_id"])]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} ({self.scope_label})"

    def save(self, *args, **kwargs):
        self.full_clean(exclude=["user", "granted_by"])
        super().save(*args, **kwargs)

    @property
    def scope(self) -> str:
        return ROLE_SCOPE[Role(self.role)]

    @property
    def scope_label(self) -> str:
        if self.scope == Scope.PROVINCE:
            return str(self.province)
        if self.scope == Scope.REGENCY:
            return str(self.regency)
        if self.scope == Scope.ORGANISATION:
            return str(self.organisation)
        return str(_("national"))

    def clean(self):
        scope = ROLE_SCOPE.get(self.role)
        has = {
            Scope.PROVINCE: self.province_id is not None,
            Scope.REGENCY: self.regency_id is not None,
            Scope.ORGANISATION: self.organisation_id is not None,
        }
        if scope == Scope.NATIONAL and any(has.values()):
            raise ValidationError(_("A national role has no province, regency or organisation."))
        if scope in has and not has[scope]:
            raise ValidationError(_("This role must be held for a %(scope)s.") % {"scope": Scope(scope).label})
        if scope in has and sum(has.values()) > 1:
            raise ValidationError(_("A role is held for exactly one scope."))
        if self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(_("The role cannot end before it starts."))


class ConsentText(models.Model):
    """A version of the text a person agrees to (UU 27/2022 Pasal 20-22: consent must be
    provable, so the exact text they saw is kept)."""

    class Purpose(models.TextChoices):
        REGISTRATION = "registration", _("registration and processing of personal data")

    purpose = models.CharField(_("purpose"), max_length=40, choices=Purpose.choices)
    version = models.CharField(_("version"), max_length=20)
    body_id = models.TextField(_("text (Indonesian)"))
    body_en = models.TextField(_("text (English)"), blank=True)
    effective_from = models.DateField(_("effective from"))

    class Meta:
        unique_together = [("purpose", "version")]
        ordering = ["purpose", "-effective_from"]
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")

    def __str__(self):
        return f"{self.get_purpose_display()} v{self.version}"

    @classmethod
    def current(cls, purpose: str) -> "ConsentText | None":
        return cls.objects.filter(purpose=purpose, effective_from__lte=timezone.localdate()).order_by("-effective_from").first()

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.body_id.encode()).hexdigest()


class Consent(models.Model):
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="consents", verbose_name=_("user"))
    text = models.ForeignKey(ConsentText, on_delete=models.PROTECT, verbose_name=_("consent text"))
    text_digest = models.CharField(_("text fingerprint"), max_length=64)
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self):
        return f"{self.user} — {self.text} ({self.given_at:%Y-%m-%d})"


class DataSubjectRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=[DataSubjectRequest.Status.RECEIVED, DataSubjectRequest.Status.IN_PROGRESS])


class DataSubjectRequest(models.Model):
    """A person's request under UU 27/2022: the controller answers within 3 × 24 hours."""

    RESPONSE_HOURS = 72

    class Kind(models.TextChoices):
        ACCESS = "access", _("access to my data")
        CORRECTION = "correction", _("correction of my data")
        ERASURE = "erasure", _("erasure of my data")
        RESTRICTION = "restriction", _("restriction of processing")
        WITHDRAW_CONSENT = "withdraw_consent", _("withdrawal of consent")

    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        IN_PROGRESS = "in_progress", _("in progress")
        COMPLETED = "completed", _("completed")
        REFUSED = "refused", _("refused")

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="data_requests", verbose_name=_("user"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    details = models.TextField(_("details"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    due_at = models.DateTimeField(_("due at"))
    handled_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("handled by")
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    response = models.TextField(_("response"), blank=True)
    history = HistoricalRecords()

    objects = DataSubjectRequestQuerySet.as_manager()

    class Meta:
        ordering = ["due_at"]
        verbose_name = _("data-subject request")
        verbose_name_plural = _("data-subject requests")

    def __str__(self):
        return f"{self.get_kind_display()} — {self.user} ({self.received_at:%Y-%m-%d})"

    def save(self, *args, **kwargs):
        if not self.due_at:
            self.due_at = self.received_at + datetime.timedelta(hours=self.RESPONSE_HOURS)
        super().save(*args, **kwargs)

    @property
    def is_overdue(self) -> bool:
        return self.status in {self.Status.RECEIVED, self.Status.IN_PROGRESS} and timezone.now() > self.due_at


class DataBreach(models.Model):
    """UU 27/2022 Pasal 46: written notice to the data subjects and the authority within 3 × 24
    hours of discovering a failure of personal-data protection."""

    NOTIFY_HOURS = 72

    discovered_at = models.DateTimeField(_("discovered at"))
    description = models.TextField(_("what happened"))
    data_categories = models.CharField(_("which personal data"), max_length=255)
    affected_count = models.PositiveIntegerField(_("people affected"), default=0)
    handling = models.TextField(_("handling and recovery"), blank=True)
    subjects_notified_at = models.DateTimeField(_("data subjects notified at"), null=True, blank=True)
    authority_notified_at = models.DateTimeField(_("authority notified at"), null=True, blank=True)
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("recorded by"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["-discovered_at"]
        verbose_name = _("data breach")
        verbose_name_plural = _("data breaches")

    def __str__(self):
        return f"{self.discovered_at:%Y-%m-%d %H:%M} — {self.data_categories}"

    @property
    def notify_by(self) -> datetime.datetime:
        return self.discovered_at + datetime.timedelta(hours=self.NOTIFY_HOURS)

    @property
    def is_notification_overdue(self) -> bool:
        late = timezone.now() > self.notify_by
        return late and (self.subjects_notified_at is None or self.authority_notified_at is None)


class Notification(models.Model):
    """A message in a person's in-app inbox; the same message is also e-mailed by a task."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("user"))
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    dedupe_key = models.CharField(max_length=200, blank=True, help_text="Same key, same user: sent once (scheduled reminders).")
    # The language the message was written in (the one active when it was sent): the inbox marks
    # it, so an English page says which of its parts are Indonesian.
    language = models.CharField(_("language"), max_length=8, default="id")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "dedupe_key"], condition=~models.Q(dedupe_key=""), name="notification_sent_once"
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.subject}"
