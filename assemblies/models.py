"""Kongres (national) and Musda (provincial): the assemblies through which the elected board
answers to the registered members (seed 002: "pengurus IPSPI yang terpilih akan bertanggung jawab
kepada para anggotanya ... melalui/dalam Kongres").

Who has a vote, how delegates are counted and what makes a quorum are the association's own
rules, kept as dated data (`VotingRule`) set by the DPP: an assembly reads the version in force
on its first day. The roll is computed from the register as of a cut-off date and frozen: later
changes to the register do not change it; only a correction decided by the member's DPD does.
"""

import math
import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_fsm import transition
from simple_history.models import HistoricalRecords

from core.fields import StateField
from core.files import PrivatePath, validate_document
from core.integrity import NeverDeletedModel
from core.models import EffectivePeriod, FrozenOnceInForce
from registry.models import validate_plain_text


class Kind(models.TextChoices):
    KONGRES = "kongres", _("Kongres (national congress)")
    MUSDA = "musda", _("Musda (provincial assembly)")


class VotingRule(FrozenOnceInForce, EffectivePeriod):
    """Who has a vote, how many delegates each DPD sends, and the quorum: the DPP's setting under
    the association's statutes (Anggaran Dasar/Anggaran Rumah Tangga IPSPI), not a rule of law.
    `source` says where the DPP laid it down."""

    kind = models.CharField(_("assembly"), max_length=8, choices=Kind.choices)
    voting_categories = models.JSONField(
        _("membership categories with a vote"), default=list, help_text=_('E.g. ["biasa"]: Anggota Rekan attend without a vote.')
    )
    dues_paid_required = models.BooleanField(
        _("a vote needs dues paid up at the cut-off date"),
        default=True,
        help_text=_("No dues invoice left unpaid past its grace period on the cut-off date."),
    )
    members_per_delegate = models.PositiveIntegerField(
        _("members per delegate"),
        default=0,
        help_text=_("One delegate per this many voting members of a DPD; 0: every voting member votes in person."),
    )
    minimum_delegates = models.PositiveSmallIntegerField(_("minimum delegates per DPD"), default=1)
    quorum_numerator = models.PositiveSmallIntegerField(_("quorum (numerator)"), default=1, validators=[MinValueValidator(1)])
    quorum_denominator = models.PositiveSmallIntegerField(_("quorum (denominator)"), default=2, validators=[MinValueValidator(1)])
    quorum_more_than = models.BooleanField(
        _("more than the fraction"), default=True, help_text=_("Checked: more than half; unchecked: at least half.")
    )
    quorum_minimum = models.PositiveIntegerField(_("quorum: at least this many voters present"), default=0)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("set by")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "-valid_from"]
        verbose_name = _("voting rule")
        verbose_name_plural = _("voting rules")
        constraints = [models.UniqueConstraint(fields=["kind", "valid_from"], name="assemblies_rule_unique_start")]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.valid_from.isoformat()})"

    def quorum_for(self, voters: int) -> int:
        """The number of voters present that makes the quorum, of `voters` on the roll."""
        share = voters * self.quorum_numerator / self.quorum_denominator
        needed = math.floor(share) + 1 if self.quorum_more_than else math.ceil(share)
        return max(needed, self.quorum_minimum)

    def delegates_for(self, voters: int) -> int:
        """Delegates of a DPD with `voters` voting members (0: every voter votes in person)."""
        if not self.members_per_delegate:
            return voters
        if voters == 0:
            return 0
        return max(self.minimum_delegates, math.ceil(voters / self.members_per_delegate))


class AssemblyQuerySet(models.QuerySet):
    def for_person(self, person):
        """The assemblies a person may read (minutes, decisions): the Kongres of every member,
        the Musda of their own province, and any assembly whose roll they are on."""
        member = getattr(person, "member", None) if person is not None else None
        on_roll = models.Q(pk__in=RollEntry.objects.filter(person=person).values("assembly_id")) if person else models.Q()
        if member is None:
            return self.filter(on_roll) if person else self.none()
        return self.filter(models.Q(kind=Kind.KONGRES) | models.Q(kind=Kind.MUSDA, province_id=member.province_id) | on_roll)


class Assembly(NeverDeletedModel, models.Model):
    """One Kongres or Musda, upcoming or recorded after the fact (`recorded_afterwards`)."""

    kind = models.CharField(_("assembly"), max_length=8, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200, validators=[validate_plain_text])
    province = models.ForeignKey(
        "regions.Province",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("province (Musda)"),
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    place = models.CharField(_("place"), max_length=200, validators=[validate_plain_text])
    agenda = models.TextField(_("agenda"), blank=True)
    rule = models.ForeignKey(VotingRule, on_delete=models.PROTECT, related_name="+", verbose_name=_("voting rule"))
    roll_cutoff = models.DateField(_("roll cut-off date"), help_text=_("The register as it stands on this day makes the roll."))
    correction_deadline = models.DateField(_("corrections may be asked until"), null=True, blank=True)
    recorded_afterwards = models.BooleanField(_("past assembly recorded afterwards"), default=False)
    roll_source = models.CharField(
        _("roll taken from"),
        max_length=100,
        blank=True,
        help_text=_("For a past assembly: the imported list its roll came from."),
    )
    roll_frozen_at = models.DateTimeField(_("roll frozen at"), null=True, blank=True)
    roll_frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("roll frozen by"),
    )
    invitations_sent_at = models.DateTimeField(_("invitations sent at"), null=True, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    minutes_pdf = models.FileField(
        _("minutes (PDF)"), upload_to=PrivatePath("assemblies/minutes"), validators=[validate_document], blank=True
    )
    minutes_published_at = models.DateTimeField(_("minutes published at"), null=True, blank=True)
    minutes_published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("minutes published by"),
    )
    # The board's accountability report (laporan pertanggungjawaban) is kept by reports; the
    # assembly only points at it.
    accountability_report_url = models.CharField(_("accountability report (link)"), max_length=300, blank=True)
    # The board's own words for the report Peksos generates from its figures (reports renders
    # the PDF): edited until the assembly's last day, then kept as it was presented.
    report_period_start = models.DateField(_("report period: from"), null=True, blank=True)
    report_period_end = models.DateField(_("report period: until"), null=True, blank=True)
    report_text = models.TextField(_("the board's account"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = AssemblyQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("assembly")
        verbose_name_plural = _("assemblies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="kongres", province__isnull=True) | models.Q(kind="musda", province__isnull=False),
                name="assemblies_musda_has_province",
            ),
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="assemblies_ends_after_start"),
        ]

    def __str__(self):
        return self.name

    @property
    def roll_frozen(self) -> bool:
        return self.roll_frozen_at is not None

    @property
    def has_report(self) -> bool:
        return self.report_period_start is not None and self.report_period_end is not None

    def report_editable(self, today) -> bool:
        """The board edits its report until the assembly's last day; afterwards it stays as presented."""
        return today <= self.ends_on

    def corrections_open(self, today) -> bool:
        return (
            self.roll_frozen
            and not self.recorded_afterwards
            and self.correction_deadline is not None
            and today <= self.correction_deadline
        )


class RollEntryQuerySet(models.QuerySet):
    def voters(self):
        return self.filter(may_vote=True)

    def attending_voters(self):
        return self.filter(may_vote=True, attended_at__isnull=False)

    def for_list(self):
        return self.select_related("person", "member", "province").order_by("province__code", "person__name_key", "pk")


def new_token() -> str:
    """What the invitation's QR code carries: random, so it tells nothing about the member and
    cannot be guessed from a member number."""
    return secrets.token_urlsafe(18)


class RollEntry(models.Model):
    """One person's standing on an assembly's roll, frozen as of the cut-off date. Only a
    correction decided by the DPD (history keeps who and why) or the attendance desk changes it."""

    class Source(models.TextChoices):
        REGISTER = "register", _("the register at the cut-off date")
        IMPORT = "import", _("an imported list")

    assembly = models.ForeignKey(Assembly, on_delete=models.PROTECT, related_name="roll", verbose_name=_("assembly"))
    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    member = models.ForeignKey(
        "registry.Member", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("member")
    )
    province = models.ForeignKey(
        "regions.Province", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("DPD")
    )
    member_status = models.CharField(_("membership status at the cut-off"), max_length=12, blank=True)
    category = models.CharField(_("category at the cut-off"), max_length=10, blank=True)
    may_attend = models.BooleanField(_("may attend"), default=True)
    may_vote = models.BooleanField(_("may vote"), default=False)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    source = models.CharField(_("source"), max_length=8, choices=Source.choices, default=Source.REGISTER)
    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True)
    attended_at = models.DateTimeField(_("attendance recorded at"), null=True, blank=True)
    attendance_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("attendance recorded by"),
    )
    history = HistoricalRecords()

    objects = RollEntryQuerySet.as_manager()

    class Meta:
        ordering = ["assembly", "pk"]
        verbose_name = _("roll entry")
        verbose_name_plural = _("roll entries")
        constraints = [models.UniqueConstraint(fields=["assembly", "person"], name="assemblies_once_on_a_roll")]
        indexes = [models.Index(fields=["assembly", "may_vote", "attended_at"], name="assemblies_roll_quorum")]

    def __str__(self):
        return f"{self.assembly}: {self.person}"

    @property
    def standing(self) -> str:
        if self.may_vote:
            return gettext("may attend and vote")
        if self.may_attend:
            return gettext("may attend, without a vote")
        return gettext("may not attend")


class CorrectionRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=CorrectionRequest.Status.SUBMITTED)


class CorrectionRequest(NeverDeletedModel, models.Model):
    """A member asks the DPD of their province to correct their standing on a frozen roll."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("awaiting decision")
        GRANTED = "granted", _("granted")
        REFUSED = "refused", _("refused")

    entry = models.ForeignKey(RollEntry, on_delete=models.PROTECT, related_name="corrections", verbose_name=_("roll entry"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    statement = models.TextField(_("what should be corrected, and why"), max_length=2000)
    status = StateField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.CharField(_("reason for the decision"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = CorrectionRequestQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("roll correction request")
        verbose_name_plural = _("roll correction requests")
        constraints = [
            models.UniqueConstraint(
                fields=["entry"], condition=models.Q(status="submitted"), name="assemblies_one_open_correction"
            )
        ]

    def __str__(self):
        return f"{self.entry} ({self.get_status_display()})"

    @transition(field=status, source=Status.SUBMITTED, target=Status.GRANTED)
    def grant(self, *, by, reason: str):
        self.decided_by = by
        self.decided_at = timezone.now()
        self.decision_reason = reason[:255]
        self._change_reason = gettext("granted")

    @transition(field=status, source=Status.SUBMITTED, target=Status.REFUSED)
    def refuse(self, *, by, reason: str):
        self.decided_by = by
        self.decided_at = timezone.now()
        self.decision_reason = reason[:255]
        self._change_reason = gettext("refused")
