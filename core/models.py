import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.files import PrivatePath, validate_image

# Primary sources of Indonesian law: peraturan.go.id, the JDIH of BPK and of each ministry, the
# State Gazette. All are on government hosts; news, blogs and document-sharing sites are not.
PRIMARY_LEGAL_HOST_SUFFIX = ".go.id"


def is_primary_legal_source(url: str) -> bool:
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "").lower()
    return host == PRIMARY_LEGAL_HOST_SUFFIX[1:] or host.endswith(PRIMARY_LEGAL_HOST_SUFFIX)


class EffectivePeriodQuerySet(models.QuerySet):
    def in_force(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(valid_from__lte=on).filter(models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=on))

    def first_gap(self, start: datetime.date, until: datetime.date) -> datetime.date | None:
        """The first day from `start` to `until` that no version covers (None: every day is
        covered). One query: the versions that have not ended before `start`."""
        versions: list = list(
            self.filter(models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=start)).order_by("valid_from")
        )
        day = start
        while day <= until:
            covering = [v for v in versions if v.valid_from <= day and (v.valid_until is None or day <= v.valid_until)]
            if not covering:
                return day
            if any(v.valid_until is None for v in covering):
                return None
            day = max(v.valid_until for v in covering) + datetime.timedelta(days=1)
        return None


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

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.source_url and not is_primary_legal_source(self.source_url):
            raise ValidationError(
                {
                    "source_url": _(
                        "Link the regulation itself (peraturan.go.id or a ministry's JDIH), not a news item, blog or shared copy; "
                        "without a primary link, leave this empty: the citation stays."
                    )
                }
            )


class FrozenOnceInForce(models.Model):
    """A dated version that decisions already read is never edited: once its ``valid_from`` has
    come (register day, Asia/Jakarta), saving a change to any of its ``frozen_fields`` is refused
    with a DomainError. The one change allowed is closing it: setting ``valid_until`` to a day
    from yesterday on (the day before a successor starts). A new rule is a new version.

    Mix into an EffectivePeriod subclass; ``frozen_fields`` empty means every concrete field."""

    frozen_fields: tuple[str, ...] = ()
    # Given by the EffectivePeriod this is mixed into.
    valid_from: datetime.date
    valid_until: datetime.date | None

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.check_not_in_force_edit()
        super().save(*args, **kwargs)

    def _frozen_field_names(self) -> list[str]:
        if self.frozen_fields:
            return [*self.frozen_fields, "valid_from"]
        return [f.attname for f in self._meta.concrete_fields if not f.primary_key and f.attname != "valid_until"]

    def check_not_in_force_edit(self) -> None:
        from .dates import format_local, register_day
        from .errors import DomainError

        if self._state.adding or self.pk is None:
            return
        stored = type(self)._base_manager.filter(pk=self.pk).first()
        if stored is None:
            return
        today = register_day()
        if stored.valid_from > today:
            return  # not in force yet: still a draft of the owner
        changed = [n for n in self._frozen_field_names() if getattr(stored, n) != getattr(self, n)]
        if changed:
            raise DomainError(
                _("This version has been in force since %(date)s and is no longer changed; publish a new version instead.")
                % {"date": format_local(stored.valid_from)}
            )
        if self.valid_until != stored.valid_until:
            closes_on = self.valid_until
            if closes_on is None or closes_on < today - datetime.timedelta(days=1) or closes_on < stored.valid_from:
                raise DomainError(
                    _("A version in force can only be closed on a day from yesterday on (the day before its successor starts)."),
                    field="valid_until",
                )

    def clean(self):
        # Forms (the admin among them) show the refusal as a form error, not a failed save.
        super().clean()
        from django.core.exceptions import ValidationError

        from .errors import DomainError

        try:
            self.check_not_in_force_edit()
        except DomainError as exc:
            raise ValidationError(str(exc)) from None


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


class RenewalRequirement(FrozenOnceInForce, EffectivePeriod):
    """One item of a credential kind's renewal checklist, as the owner of that credential sets it
    (the DPP for the member card, the STR and CPD; the LSP for certificates; the issuing
    government for licences): dated data, so that a new requirement is a new row from a date,
    and a renewal is judged by the items in force on its date (core.renewals)."""

    kind = models.CharField(_("credential kind"), max_length=20, db_index=True)
    code = models.CharField(_("requirement"), max_length=40)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("set by")
    )

    class Meta:
        ordering = ["kind", "valid_from", "code"]
        verbose_name = _("renewal requirement")
        verbose_name_plural = _("renewal requirements")
        constraints = [
            models.UniqueConstraint(fields=["kind", "code", "valid_from"], name="core_renewal_requirement_unique_start")
        ]

    def __str__(self):
        return f"{self.kind}: {self.code} ({self.valid_from.isoformat()})"


class IssuerProfile(models.Model):
    """The letterhead an issuing body prints on its documents (IPSPI DPP, each LSP, each licensing
    authority, BALKS): kept by that body's own officers, as data, never written into a template.

    `issuer` names the body as `core.letterheads` knows it ("ipspi", "balks", "lsp:<id>",
    "authority:<id>"): core holds no foreign key to the apps above it."""

    issuer = models.CharField(_("issuing body"), max_length=60, unique=True)
    name = models.CharField(_("name on the letterhead"), max_length=200)
    parent_name = models.CharField(
        _("above the name"), max_length=200, blank=True, help_text=_("e.g. the ministry or government it belongs to.")
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    contact = models.CharField(_("telephone, e-mail or website"), max_length=200, blank=True)
    place = models.CharField(
        _("place of signing"), max_length=100, help_text=_("The city printed before the date of signing, e.g. Jakarta.")
    )
    logo = models.FileField(
        _("logo"),
        upload_to=PrivatePath("core/letterheads"),
        validators=[validate_image],
        blank=True,
        help_text=_("PNG or JPEG, printed at the top left of every document."),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("letterhead")
        verbose_name_plural = _("letterheads")

    def __str__(self):
        return self.name


class SignatoryQuerySet(models.QuerySet):
    def in_force(self, on: datetime.date):
        return self.filter(valid_from__lte=on).filter(models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=on))


class Signatory(models.Model):
    """Who signs an issuing body's documents, for a period. A new signatory ends the previous
    one the day before they start: a document is signed by whoever held the post on its date."""

    issuer = models.CharField(_("issuing body"), max_length=60, db_index=True)
    name = models.CharField(_("name"), max_length=150)
    position = models.CharField(_("position"), max_length=200)
    identifier = models.CharField(_("staff number (NIP or other)"), max_length=40, blank=True)
    valid_from = models.DateField(_("signs from"))
    valid_until = models.DateField(_("signs until"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    objects = SignatoryQuerySet.as_manager()

    class Meta:
        ordering = ["issuer", "-valid_from"]
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")

    def __str__(self):
        return f"{self.name}, {self.position}"
