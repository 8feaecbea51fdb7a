"""Practice fields, the fields members practise in, practice communities (kelompok praktik
sejenis) and the practice standards they draft.

Seed 002 asks members to gather by similar practice "untuk dapat memudahkan melakukan pemetaan
dan standarisasi praktek": the fields are data kept by the DPP, members say which fields they
practise in, the DPP/DPD/LSP read the map, and each community drafts standards that the DPP
adopts and the portal publishes.

Certification schemes already name a field of practice (`certification.Scheme.practice_field`,
a fixed list of codes), so a practice field maps to one of those codes
(`PracticeField.scheme_field`) instead of a separate mapping table. Several practice fields may
map to the same scheme field; a practice field without one has no certification scheme at all.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_fsm import transition
from simple_history.models import HistoricalRecords

from certification.models import PracticeField as SchemeField
from core.fields import StateField
from core.integrity import NeverDeletedModel
from registry.models import validate_plain_text

_WORD_SPLIT = re.compile(r"\s*,\s*")


class PracticeFieldQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class PracticeField(models.Model):
    """A field of social-work practice, as the DPP IPSPI sets them (data, not code)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_id = models.CharField(_("name (Indonesian)"), max_length=120, validators=[validate_plain_text])
    name_en = models.CharField(_("name (English)"), max_length=120, validators=[validate_plain_text])
    keywords = models.CharField(
        _("keywords"),
        max_length=400,
        blank=True,
        validators=[validate_plain_text],
        help_text=_("Comma-separated words looked for in members' work experience to suggest this field."),
    )
    scheme_field = models.CharField(
        _("certification field"),
        max_length=20,
        choices=SchemeField.choices,
        blank=True,
        help_text=_("The field of practice certification schemes name for this field; empty if no scheme covers it."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    active = models.BooleanField(_("active"), default=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)
    retired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("retired by")
    )
    retired_reason = models.CharField(_("reason for retiring"), max_length=255, blank=True)
    history = HistoricalRecords()

    objects = PracticeFieldQuerySet.as_manager()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("practice field")
        verbose_name_plural = _("practice fields")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if translation.get_language() == "en" else self.name_id

    def keyword_list(self) -> list[str]:
        return [w.lower() for w in _WORD_SPLIT.split(self.keywords.strip()) if w]


class MemberPracticeField(models.Model):
    """A field a person practises in, as they declare it on their own pages."""

    person = models.ForeignKey(
        "registry.Person", on_delete=models.CASCADE, related_name="practice_fields", verbose_name=_("person")
    )
    field = models.ForeignKey(PracticeField, on_delete=models.PROTECT, related_name="+", verbose_name=_("field of practice"))
    setting = models.CharField(
        _("setting"),
        max_length=100,
        blank=True,
        validators=[validate_plain_text],
        help_text=_("Where you practise, e.g. panti, rumah sakit, LKS, pemerintah, mandiri."),
    )
    years = models.PositiveSmallIntegerField(_("years of practice"), null=True, blank=True, validators=[MaxValueValidator(70)])
    is_main = models.BooleanField(_("main field"), default=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-is_main", "field__order", "pk"]
        verbose_name = _("member's practice field")
        verbose_name_plural = _("members' practice fields")
        constraints = [
            models.UniqueConstraint(fields=["person", "field"], name="practice_field_once_per_person"),
            models.UniqueConstraint(fields=["person"], condition=models.Q(is_main=True), name="practice_one_main_field"),
        ]

    def __str__(self):
        return f"{self.person}: {self.field}"


class Community(NeverDeletedModel, models.Model):
    """A practice community (kelompok praktik sejenis): members of one field who draft its
    standards. The DPP names its coordinator, a member of the register."""

    name = models.CharField(_("name"), max_length=200, validators=[validate_plain_text])
    field = models.ForeignKey(PracticeField, on_delete=models.PROTECT, related_name="communities", verbose_name=_("field"))
    description = models.TextField(_("description"), blank=True)
    coordinator = models.ForeignKey(
        "registry.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coordinated_communities",
        verbose_name=_("coordinator"),
    )
    coordinator_named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("named by")
    )
    coordinator_named_at = models.DateTimeField(_("coordinator named at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["field__order", "name"]
        verbose_name = _("practice community")
        verbose_name_plural = _("practice communities")

    def __str__(self):
        return self.name


class CommunityMembershipQuerySet(models.QuerySet):
    def current(self):
        return self.filter(left_at__isnull=True)


class CommunityMembership(models.Model):
    """A person in a community from joining until leaving; leaving ends the row, a return is a new one."""

    community = models.ForeignKey(Community, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("community"))
    person = models.ForeignKey(
        "registry.Person", on_delete=models.CASCADE, related_name="community_memberships", verbose_name=_("person")
    )
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now)
    left_at = models.DateTimeField(_("left at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = CommunityMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-joined_at"]
        verbose_name = _("community membership")
        verbose_name_plural = _("community memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["community", "person"], condition=models.Q(left_at__isnull=True), name="practice_one_current_membership"
            )
        ]

    def __str__(self):
        return f"{self.person} — {self.community}"


class Standard(NeverDeletedModel, models.Model):
    """A practice standard a community drafts; its text lives in numbered versions."""

    community = models.ForeignKey(Community, on_delete=models.PROTECT, related_name="standards", verbose_name=_("community"))
    title = models.CharField(_("title"), max_length=200, validators=[validate_plain_text])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("practice standard")
        verbose_name_plural = _("practice standards")

    def __str__(self):
        return self.title


class StandardVersionQuerySet(models.QuerySet):
    def published(self):
        """What the public portal shows: the adopted version of each standard."""
        return self.filter(status=StandardVersion.Status.ADOPTED)


class StandardVersion(NeverDeletedModel, models.Model):
    """One version of a standard's text: drafted by the community, put out for comment to its
    members, adopted by the DPP (which supersedes the version adopted before)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_COMMENT = "in_comment", _("open for comment")
        ADOPTED = "adopted", _("adopted")
        SUPERSEDED = "superseded", _("superseded")

    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="versions", verbose_name=_("standard"))
    number = models.PositiveIntegerField(_("version"))
    body = models.TextField(_("text"))
    status = StateField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("drafted by")
    )
    drafted_at = models.DateTimeField(_("drafted at"), default=timezone.now)
    comment_opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("opened by")
    )
    comment_opened_at = models.DateTimeField(_("opened for comment at"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("adopted by")
    )
    adopted_at = models.DateTimeField(_("adopted at"), null=True, blank=True)
    adoption_reference = models.CharField(
        _("adoption decision"),
        max_length=255,
        blank=True,
        validators=[validate_plain_text],
        help_text=_("The DPP's decision that adopts this version, e.g. its number and date."),
    )
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = StandardVersionQuerySet.as_manager()

    class Meta:
        ordering = ["standard", "-number"]
        verbose_name = _("standard version")
        verbose_name_plural = _("standard versions")
        constraints = [
            models.UniqueConstraint(fields=["standard", "number"], name="practice_version_number_unique"),
            models.UniqueConstraint(
                fields=["standard"], condition=models.Q(status="adopted"), name="practice_one_adopted_version"
            ),
        ]

    def __str__(self):
        return f"{self.standard} v{self.number}"

    @property
    def is_public(self) -> bool:
        return self.status in {self.Status.ADOPTED, self.Status.SUPERSEDED}

    @property
    def allowed_transitions(self) -> set[str]:
        return {t.name for t in self.get_available_status_transitions()}

    def clean(self):
        if self.body is not None and not self.body.strip():
            raise ValidationError({"body": _("The text of the standard cannot be empty.")})

    @transition(field=status, source=Status.DRAFT, target=Status.IN_COMMENT)
    def open_for_comment(self, *, by):
        self.comment_opened_by = by
        self.comment_opened_at = timezone.now()
        self._change_reason = gettext("opened for comment")

    @transition(field=status, source=Status.IN_COMMENT, target=Status.ADOPTED)
    def adopt(self, *, by, reference: str):
        self.adopted_by = by
        self.adopted_at = timezone.now()
        self.adoption_reference = reference[:255]
        self._change_reason = gettext("adopted")

    @transition(field=status, source=Status.ADOPTED, target=Status.SUPERSEDED)
    def supersede(self):
        self.superseded_at = timezone.now()
        self._change_reason = gettext("superseded")


class StandardComment(NeverDeletedModel, models.Model):
    """A community member's comment on a version open for comment."""

    version = models.ForeignKey(StandardVersion, on_delete=models.PROTECT, related_name="comments", verbose_name=_("version"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author"))
    body = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment on a standard")
        verbose_name_plural = _("comments on standards")

    def __str__(self):
        return f"{self.version}: {self.body[:40]}"
