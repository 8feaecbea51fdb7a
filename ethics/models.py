"""The ethics council (Dewan Kode Etik IPSPI): complaints against members, hearings, decisions,
appeals, sanctions and how long a sanction is shown publicly.

The code of ethics is IPSPI's Kodepeksos (Kongres III, 2010); UU 14/2019 places a Dewan Kehormatan
Kode Etik under the professional organisation. What the law does not fix (how long an appeal may
be lodged, how long a sanction stays public) is the DPP's setting, kept as dated rows
(`AppealPeriod`, `PublicationRule`) seeded by migration 0002, never as code.

Complaint references: ``ETIK.<year>.<5-digit serial>``, allocated when the complaint is lodged.
"""

import datetime
import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import transition
from simple_history.models import HistoricalRecords

from core.dates import register_day
from core.fields import StateField
from core.files import PrivatePath, validate_document
from core.integrity import NeverDeletedModel, VersionedModel
from core.models import EffectivePeriod, FrozenOnceInForce
from core.numbering import NumberFormat
from credentials.models import StatusCategory

REFERENCE = NumberFormat("ethics_complaint:{year}", "ETIK.{year}.{serial:05d}")


class Outcome(models.TextChoices):
    UNFOUNDED = "unfounded", _("complaint unfounded")
    WARNING = "warning", _("warning (teguran)")
    SUSPENSION = "suspension", _("suspension of membership for a period")
    REVOCATION = "revocation", _("revocation of membership and recommendation to revoke the STR")


SANCTION_KINDS = (Outcome.WARNING, Outcome.SUSPENSION, Outcome.REVOCATION)


class AppealPeriod(FrozenOnceInForce, EffectivePeriod):
    """How many days a member has to appeal a decision, counted from the decision's date."""

    days = models.PositiveSmallIntegerField(_("days to appeal"))

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("appeal period")
        verbose_name_plural = _("appeal periods")

    def __str__(self):
        return f"{self.days} — {self.source}"


class PublicationRule(FrozenOnceInForce, EffectivePeriod):
    """Whether a kind of sanction is shown on the public register, under which public reason
    category, and for how many months after it ends (the rule in force on the decision's date)."""

    kind = models.CharField(_("sanction"), max_length=12, choices=[(k.value, k.label) for k in SANCTION_KINDS])
    shown_publicly = models.BooleanField(_("shown publicly"))
    public_category = models.CharField(
        _("public reason category"), max_length=24, choices=StatusCategory.choices, default=StatusCategory.ETHICS_COUNCIL
    )
    months_after_end = models.PositiveSmallIntegerField(_("months shown after the sanction ends"), default=0)

    class Meta:
        ordering = ["kind", "-valid_from"]
        verbose_name = _("sanction publication rule")
        verbose_name_plural = _("sanction publication rules")

    def __str__(self):
        return f"{self.get_kind_display()} — {self.source}"


class ComplaintQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=[Complaint.State.CLOSED, Complaint.State.APPEAL_DECIDED])


class Complaint(VersionedModel, NeverDeletedModel):
    """A complaint against a member. The complainant's identity and contact, and whatever the
    account says about clients, are specific personal data (UU 27/2022): only the council reads
    them (rules.py), and each read is in the audit trail."""

    class State(models.TextChoices):
        RECEIVED = "received", _("received")
        EXAMINATION = "examination", _("under examination")
        HEARING = "hearing", _("hearing")
        DECIDED = "decided", _("decided")
        APPEALED = "appealed", _("appealed")
        APPEAL_DECIDED = "appeal_decided", _("appeal decided")
        CLOSED = "closed", _("closed")

    class Source(models.TextChoices):
        PUBLIC = "public", _("the public (portal)")
        OFFICER = "officer", _("an IPSPI officer (DPD/DPP)")

    class AppealOutcome(models.TextChoices):
        UPHELD = "upheld", _("decision upheld")
        ANNULLED = "annulled", _("decision annulled")

    reference = models.CharField(_("reference"), max_length=30, unique=True)
    token_hash = models.CharField(max_length=64, editable=False)
    source = models.CharField(_("lodged by"), max_length=10, choices=Source.choices)
    lodged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("account")
    )
    complainant_name = models.CharField(_("complainant's name"), max_length=150)
    complainant_contact = models.CharField(_("complainant's contact (phone or e-mail)"), max_length=150)
    respondent_given = models.CharField(_("member complained about (number or name, as given)"), max_length=150)
    respondent = models.ForeignKey(
        "registry.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("member")
    )
    account = models.TextField(_("what happened"))
    lodged_at = models.DateTimeField(_("lodged at"), default=timezone.now)
    status = StateField(_("status"), max_length=16, choices=State.choices, default=State.RECEIVED, protected=False)
    # The decision.
    outcome = models.CharField(_("decision"), max_length=12, choices=Outcome.choices, blank=True)
    decision_reason = models.TextField(_("grounds of the decision"), blank=True)
    suspension_until = models.DateField(_("suspended until"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    appeal_until = models.DateField(_("appeal possible until"), null=True, blank=True)
    appeal_period = models.ForeignKey(AppealPeriod, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # The appeal (once).
    appealed_at = models.DateTimeField(_("appealed at"), null=True, blank=True)
    appeal_grounds = models.TextField(_("grounds of the appeal"), blank=True)
    appeal_outcome = models.CharField(_("appeal decision"), max_length=10, choices=AppealOutcome.choices, blank=True)
    appeal_reason = models.TextField(_("grounds of the appeal decision"), blank=True)
    appeal_decided_at = models.DateTimeField(_("appeal decided at"), null=True, blank=True)
    appeal_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        ordering = ["-lodged_at"]
        verbose_name = _("ethics complaint")
        verbose_name_plural = _("ethics complaints")

    def __str__(self):
        return self.reference

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    def actions(self) -> list[str]:
        return [t.name for t in self.get_available_status_transitions()]

    def public_outcome(self) -> str:
        """What the complainant may be told (the category only, as far as the law allows)."""
        if self.status in (self.State.DECIDED, self.State.CLOSED) and self.outcome:
            return str(Outcome(self.outcome).label)
        if self.status == self.State.APPEAL_DECIDED:
            if self.appeal_outcome == self.AppealOutcome.ANNULLED:
                return str(_("the decision was annulled on appeal"))
            return str(Outcome(self.outcome).label)
        return ""

    def may_appeal(self, today: datetime.date | None = None) -> bool:
        today = today or register_day()
        return (
            self.status == self.State.DECIDED
            and self.outcome in SANCTION_KINDS
            and self.appealed_at is None
            and self.appeal_until is not None
            and today <= self.appeal_until
        )

    @transition(field=status, source=State.RECEIVED, target=State.EXAMINATION)
    def examine(self, *, respondent):
        self.respondent = respondent

    @transition(field=status, source=State.EXAMINATION, target=State.HEARING)
    def hear(self):
        pass

    @transition(field=status, source=[State.EXAMINATION, State.HEARING], target=State.DECIDED)
    def decide(self, *, by, outcome: str, reason: str, suspension_until=None, appeal_period=None, appeal_until=None):
        self.outcome, self.decision_reason, self.suspension_until = outcome, reason, suspension_until
        self.decided_by, self.decided_at = by, timezone.now()
        self.appeal_period, self.appeal_until = appeal_period, appeal_until

    @transition(field=status, source=State.DECIDED, target=State.APPEALED, conditions=[lambda c: c.may_appeal()])
    def appeal(self, *, grounds: str):
        self.appealed_at, self.appeal_grounds = timezone.now(), grounds

    @transition(field=status, source=State.APPEALED, target=State.APPEAL_DECIDED)
    def decide_appeal(self, *, by, outcome: str, reason: str):
        self.appeal_outcome, self.appeal_reason = outcome, reason
        self.appeal_decided_by, self.appeal_decided_at = by, timezone.now()

    @transition(field=status, source=State.DECIDED, target=State.CLOSED)
    def close(self):
        self.closed_at = timezone.now()


class Evidence(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="evidence")
    file = models.FileField(_("evidence"), upload_to=PrivatePath("ethics/evidence"), validators=[validate_document])
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self):
        return f"{self.complaint.reference} — {self.pk}"


class Hearing(NeverDeletedModel):
    """The member heard by the council (the member's right to answer before any sanction)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="hearings")
    held_on = models.DateField(_("held on"))
    summary = models.TextField(_("summary"))
    attachment = models.FileField(
        _("attachment"), upload_to=PrivatePath("ethics/hearings"), validators=[validate_document], blank=True
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")


class SanctionQuerySet(models.QuerySet):
    def public_on(self, day: datetime.date):
        """Sanctions the public register shows on `day`: within their publication period (one
        indexed range on public_from/public_until). After it they disappear publicly; the row
        and its history stay."""
        return self.filter(public_from__lte=day).filter(models.Q(public_until__isnull=True) | models.Q(public_until__gte=day))

    def suspensions_ended(self, day: datetime.date):
        return self.filter(kind=Outcome.SUSPENSION, state=Sanction.State.IN_FORCE, ends_on__lt=day)


class Sanction(NeverDeletedModel):
    """A sanction in force on a member. Its publication period is fixed from the PublicationRule
    in force on the decision's date, so a later rule does not reach back."""

    class State(models.TextChoices):
        IN_FORCE = "in_force", _("in force")
        ENDED = "ended", _("ended")
        ANNULLED = "annulled", _("annulled on appeal")

    complaint = models.OneToOneField(Complaint, on_delete=models.PROTECT, related_name="sanction")
    member = models.ForeignKey("registry.Member", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("sanction"), max_length=12, choices=[(k.value, k.label) for k in SANCTION_KINDS])
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.IN_FORCE)
    rule = models.ForeignKey(PublicationRule, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    public_category = models.CharField(_("public reason category"), max_length=24, choices=StatusCategory.choices, blank=True)
    public_from = models.DateField(null=True, blank=True)
    public_until = models.DateField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    objects = SanctionQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")
        indexes = [models.Index(fields=["member", "public_from", "public_until"], name="ethics_sanction_public")]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.member.number}"


class StrRecommendation(models.Model):
    """The council's recommendation to revoke a member's STR: the STR is the DPP's to revoke
    (licensing), so it lands on the DPP's worklist and is never carried out automatically."""

    complaint = models.OneToOneField(Complaint, on_delete=models.PROTECT, related_name="str_recommendation")
    str_numbers = models.CharField(_("STR numbers"), max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    handling_note = models.TextField(_("what the DPP did"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["handled_at", "-created_at"]
        verbose_name = _("STR revocation recommendation")
        verbose_name_plural = _("STR revocation recommendations")

    def __str__(self):
        return self.complaint.reference
