"""BALKS accreditation of social-welfare institutions (LKS).

The instrument (six standards, weighted indicators, scoring scale, grade bands and their
validity) is versioned data with an effective period and its regulation (Permensos 17/2012,
Permensos 8/2025). An application is scored with the instrument in force on its submission date.

Certificate numbers: ``BALKS/<grade>/<year>/<5-digit serial>``, gapless per year, allocated at
determination (core.numbering series ``balks:<year>``).
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import transition
from simple_history.models import HistoricalRecords

from core.fields import StateField
from core.files import PrivatePath, validate_document
from core.integrity import NeverDeletedModel, VersionedModel
from core.models import EffectivePeriod, EffectivePeriodQuerySet
from core.numbering import NumberFormat
from core.vocabulary import EducationLevel, level_choices


def normalise(text: str) -> str:
    import re

    from unidecode import unidecode

    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9 ]+", " ", unidecode(str(text or "")).lower())).strip()


class TargetGroup(models.Model):
    code = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")

    def __str__(self):
        return self.name


class LKSQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The LKS a user may open (accreditation.view_lks, declared in rules.py)."""
        from accounts import policy

        return self.filter(policy.scope_of(user, "accreditation.view_lks", LKS))

    def public_search(self, q: str = "", *, regency=None, target_group: str = "", province=None):
        qs = self.select_related("regency", "province")
        if q:
            key = normalise(q)[:100]
            if not key:
                return self.none()
            qs = qs.filter(name_key__contains=key)
        if regency:
            qs = qs.filter(regency=regency)
        elif province:
            qs = qs.filter(province=province)
        if target_group:
            qs = qs.filter(target_groups__code=target_group)
        return qs


class LKS(models.Model):
    """A social-welfare institution (Lembaga Kesejahteraan Sosial)."""

    class Owner(models.TextChoices):
        COMMUNITY = "masyarakat", _("community")
        GOVERNMENT = "pemerintah", _("government")

    name = models.CharField(_("name"), max_length=200)
    name_key = models.CharField(max_length=200, db_index=True, editable=False, default="")
    legal_entity = models.CharField(_("legal entity"), max_length=200, blank=True)
    # The Kemenkumham decree that made the legal entity (SK AHU): one LKS per decree, so the
    # register cannot hold the same institution twice.
    ahu_number = models.CharField(_("AHU number"), max_length=100, unique=True, null=True, blank=True)
    deed_number = models.CharField(_("deed of establishment"), max_length=100, blank=True)
    operating_permit = models.CharField(_("operating permit"), max_length=100, blank=True)
    dinsos_registration = models.CharField(_("registration with the Dinas Sosial"), max_length=100, blank=True)
    owner_type = models.CharField(_("owner"), max_length=12, choices=Owner.choices, default=Owner.COMMUNITY)
    address = models.CharField(_("address"), max_length=300, blank=True)
    province = models.ForeignKey("regions.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("province"))
    regency = models.ForeignKey("regions.Regency", on_delete=models.PROTECT, related_name="+", verbose_name=_("regency/city"))
    target_groups = models.ManyToManyField(TargetGroup, blank=True, verbose_name=_("target groups"))
    services = models.CharField(_("services"), max_length=300, blank=True)
    residential = models.BooleanField(_("residential"), default=False)
    capacity = models.PositiveIntegerField(_("capacity"), default=0)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    history = HistoricalRecords(m2m_fields=[target_groups])

    objects = LKSQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("LKS")
        verbose_name_plural = _("LKS")
        indexes = [models.Index(fields=["province", "regency"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = normalise(self.name)
        super().save(*args, **kwargs)

    @property
    def current_accreditation(self):
        """The latest determined accreditation (valid, due, or expired), or None."""
        cached = getattr(self, "_current_accreditation", None)
        if cached is not None:
            return cached or None
        found = self.accreditations.order_by("-valid_from", "-pk").first()
        self._current_accreditation = found or False
        return found


class InstrumentQuerySet(EffectivePeriodQuerySet):
    def in_force(self, on: datetime.date | None = None):
        return super().in_force(on).filter(status=Instrument.Status.PUBLISHED)


class Instrument(EffectivePeriod):
    """One version of the accreditation instrument. BALKS drafts a new version (a copy of the one
    in force), edits it and publishes it from a date; a published version is never edited again,
    because applications submitted under it are scored and graded by it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    name = models.CharField(_("name"), max_length=200)
    version = models.CharField(_("version"), max_length=20)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("copied from")
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=4)
    reconciliation_threshold = models.PositiveSmallIntegerField(
        _("difference that needs reconciliation"),
        default=2,
        help_text=_("Assessors' scores on one indicator further apart than this are flagged."),
    )
    weak_threshold = models.PositiveSmallIntegerField(_("weak standard below (%)"), default=70)
    history = HistoricalRecords()

    objects = InstrumentQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")

    def __str__(self):
        return f"{self.name} ({self.version})"

    def grade_for(self, score: Decimal):
        return self.grade_bands.filter(min_score__lte=score).order_by("-min_score").first()

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT


class DraftPart(models.Model):
    """A part of an instrument version (standard, indicator, grade band): changed only while the
    version is a draft, because scores and grades given under a published version read it."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self._require_draft()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._require_draft()
        return super().delete(*args, **kwargs)

    def _instrument(self):
        raise NotImplementedError

    def _require_draft(self):
        from core.errors import DomainError

        instrument = self._instrument()
        if instrument is not None and not instrument.is_editable:
            raise DomainError(_("A published instrument version is never changed. Draft a new version instead."))


class Standard(DraftPart):
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="standards")
    code = models.CharField(max_length=10)
    name = models.CharField(_("name"), max_length=200)
    weight = models.PositiveSmallIntegerField(_("weight (%)"))
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order"]
        unique_together = [("instrument", "code")]
        verbose_name = _("standard")
        verbose_name_plural = _("standards")

    def __str__(self):
        return f"{self.code}. {self.name}"

    def _instrument(self):
        return self.instrument


class Indicator(DraftPart):
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="indicators")
    code = models.CharField(max_length=12)
    text = models.CharField(_("indicator"), max_length=300)
    weight = models.PositiveSmallIntegerField(_("weight within the standard"), default=1)
    evidence_guidance = models.CharField(_("evidence"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["standard__order", "order"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return f"{self.code} {self.text}"

    def _instrument(self):
        return self.standard.instrument


class GradeBand(DraftPart):
    class Grade(models.TextChoices):
        A = "A", _("A (very good)")
        B = "B", _("B (good)")
        C = "C", _("C (adequate)")
        NOT_ACCREDITED = "TT", _("not accredited")

    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="grade_bands")
    grade = models.CharField(_("grade"), max_length=2, choices=Grade.choices)
    min_score = models.DecimalField(_("lowest total score"), max_digits=5, decimal_places=2)
    validity_years = models.PositiveSmallIntegerField(_("valid for (years)"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-min_score"]
        unique_together = [("instrument", "grade")]
        verbose_name = _("grade band")
        verbose_name_plural = _("grade bands")

    def __str__(self):
        return f"{self.grade} ≥ {self.min_score}"

    def _instrument(self):
        return self.instrument


class BalksAssessor(models.Model):
    """An assessor in BALKS's pool, with the facts the conflict-of-interest rules need."""

    EDUCATION_LEVELS = (EducationLevel.S1, EducationLevel.S2, EducationLevel.S3)

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="balks_assessor")
    name = models.CharField(_("name"), max_length=150)
    education = models.CharField(_("education"), max_length=2, choices=level_choices(*EDUCATION_LEVELS))
    trained = models.BooleanField(_("completed BALKS assessor training"), default=False)
    years_experience = models.PositiveSmallIntegerField(_("years of social-welfare experience"), default=0)
    home_regency = models.ForeignKey("regions.Regency", on_delete=models.PROTECT, related_name="+", verbose_name=_("lives in"))
    work_regency = models.ForeignKey("regions.Regency", on_delete=models.PROTECT, related_name="+", verbose_name=_("works in"))
    employer = models.CharField(_("employer"), max_length=200, blank=True)
    affiliated_lks = models.ManyToManyField(
        LKS, blank=True, related_name="affiliated_assessors", verbose_name=_("LKS they work for or own")
    )
    declared_relations = models.ManyToManyField(
        LKS, blank=True, related_name="related_assessors", verbose_name=_("LKS with a declared relation")
    )
    active_from = models.DateField(_("active from"), default=datetime.date.today)
    active_until = models.DateField(_("active until"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("BALKS assessor")
        verbose_name_plural = _("BALKS assessors")

    def __str__(self):
        return self.name

    def meets_criteria(self) -> bool:
        return self.trained and self.years_experience >= 2

    def is_active(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.active_from <= on and (self.active_until is None or on <= self.active_until)


class AssessorProposal(models.Model):
    """BALKS proposes to the Minister that an assessor join or leave the pool (a BALKS task in
    the seed); the Minister's decree, once received, is recorded on the proposal."""

    class Kind(models.TextChoices):
        APPOINT = "appoint", _("appointment")
        DISMISS = "dismiss", _("dismissal")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed to the Minister")
        APPROVED = "approved", _("approved by the Minister")
        REJECTED = "rejected", _("not approved by the Minister")

    assessor = models.ForeignKey(BalksAssessor, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("assessor"))
    kind = models.CharField(_("proposal"), max_length=10, choices=Kind.choices)
    reason = models.TextField(_("reason"))
    criteria = models.JSONField(_("criteria checked"), default=dict, blank=True)
    letter_number = models.CharField(_("letter to the Minister"), max_length=100, blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    decree = models.CharField(_("Minister's decree"), max_length=120, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-proposed_at"]
        verbose_name = _("assessor proposal")
        verbose_name_plural = _("assessor proposals")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.assessor}"


class AccreditationApplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Applications of the LKS a user may open, plus those a BALKS assessor is assigned to
        (accreditation.view_application, declared in rules.py)."""
        from accounts import policy

        return self.filter(policy.scope_of(user, "accreditation.view_application", AccreditationApplication))

    def open(self):
        closed = [
            AccreditationApplication.Status.DETERMINED,
            AccreditationApplication.Status.DRAFT,
            AccreditationApplication.Status.REFUSED,
        ]
        return self.exclude(status__in=closed)


def _may(action: str):
    """A transition's permission: the policy action (accounts.policy, declared in rules.py) that
    the person taking the step must hold on this application. The page offers a step only when
    the state allows it and the person holds it, and the service runs it on the same terms."""

    def check(instance, user) -> bool:
        from accounts import policy

        return policy.allows(user, action, instance)

    check.action = action
    return check


class AccreditationApplication(VersionedModel, NeverDeletedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted to the Dinas Sosial")
        RETURNED = "returned", _("returned by the Dinas Sosial")
        RECOMMENDED = "recommended", _("recommended by the Dinas Sosial")
        RETURNED_BY_BALKS = "returned_by_balks", _("returned by BALKS for correction")
        REFUSED = "refused", _("refused by BALKS")
        ACCEPTED = "accepted", _("accepted by BALKS")
        ASSIGNED = "assigned", _("assessors assigned (desk review)")
        DESK_REVIEWED = "desk_reviewed", _("desk review done (visit)")
        SCORED = "scored", _("scored")
        VALIDATED = "validated", _("validated by BALKS")
        SUBMITTED_TO_MINISTER = "submitted_to_minister", _("submitted to the Minister")
        DETERMINED = "determined", _("determined")

    lks = models.ForeignKey(LKS, on_delete=models.PROTECT, related_name="applications", verbose_name=_("LKS"))
    instrument = models.ForeignKey(Instrument, null=True, on_delete=models.PROTECT, verbose_name=_("instrument"))
    status = StateField(_("status"), max_length=24, choices=Status.choices, default=Status.DRAFT, protected=False)
    self_assessment = models.JSONField(_("self-assessment (Formulir A)"), default=dict, blank=True)
    request_letter = models.FileField(
        _("request letter"), upload_to=PrivatePath("accreditation/letters"), validators=[validate_document], blank=True
    )
    evidence = models.FileField(
        _("documentary evidence (Formulir B)"),
        upload_to=PrivatePath("accreditation/evidence"),
        validators=[validate_document],
        blank=True,
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    dinsos_note = models.TextField(_("Dinas Sosial recommendation"), blank=True)
    dinsos_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    return_reason = models.TextField(_("reason for return"), blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    total_score = models.DecimalField(_("total score"), max_digits=5, decimal_places=2, null=True, blank=True)
    standard_scores = models.JSONField(_("scores per standard"), default=dict, blank=True)
    flagged_indicators = models.JSONField(_("indicators to reconcile"), default=list, blank=True)
    validation_note = models.TextField(_("validation note"), blank=True)
    validated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    batch = models.ForeignKey("DeterminationBatch", null=True, blank=True, on_delete=models.PROTECT, related_name="applications")
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    objects = AccreditationApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("accreditation application")
        verbose_name_plural = _("accreditation applications")
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return f"{self.lks} ({self.get_status_display()})"

    # The workflow. Each step names who may take it (`permission`): one source for the buttons a
    # page offers and for the services that take the step.
    @transition(
        field=status,
        source=[Status.DRAFT, Status.RETURNED, Status.RETURNED_BY_BALKS],
        target=Status.SUBMITTED,
        permission=_may("accreditation.apply"),
    )
    def submit(self, *, instrument):
        self.instrument = instrument
        self.submitted_at = timezone.now()
        self.return_reason = ""

    @transition(field=status, source=Status.SUBMITTED, target=Status.RECOMMENDED, permission=_may("accreditation.recommend"))
    def recommend(self, *, by, note: str):
        self.dinsos_by, self.dinsos_note = by, note

    @transition(field=status, source=Status.SUBMITTED, target=Status.RETURNED, permission=_may("accreditation.recommend"))
    def return_to_lks(self, *, by, reason: str):
        self.dinsos_by, self.return_reason = by, reason

    @transition(field=status, source=Status.RECOMMENDED, target=Status.ACCEPTED, permission=_may("accreditation.manage"))
    def accept(self):
        pass

    @transition(field=status, source=Status.RECOMMENDED, target=Status.RETURNED_BY_BALKS, permission=_may("accreditation.manage"))
    def return_by_balks(self, *, reason: str):
        """BALKS sends the application back at acceptance; the LKS corrects it and submits again
        (to its Dinas Sosial, whose recommendation was for the earlier version)."""
        self.return_reason = reason

    @transition(field=status, source=Status.RECOMMENDED, target=Status.REFUSED, permission=_may("accreditation.manage"))
    def refuse(self, *, reason: str):
        """Final: the LKS may start a new application."""
        self.refusal_reason = reason

    @transition(field=status, source=Status.ACCEPTED, target=Status.ASSIGNED, permission=_may("accreditation.manage"))
    def assign(self):
        pass

    @transition(field=status, source=Status.ASSIGNED, target=Status.DESK_REVIEWED, permission=_may("accreditation.score"))
    def finish_desk_review(self):
        pass

    @transition(field=status, source=Status.DESK_REVIEWED, target=Status.SCORED, permission=_may("accreditation.score"))
    def finish_visit(self):
        pass

    @transition(field=status, source=Status.SCORED, target=Status.VALIDATED, permission=_may("accreditation.manage"))
    def validate(self, *, by, note: str):
        self.validated_by, self.validation_note = by, note

    @transition(
        field=status, source=Status.VALIDATED, target=Status.SUBMITTED_TO_MINISTER, permission=_may("accreditation.manage")
    )
    def send_to_minister(self, *, batch):
        self.batch = batch

    @transition(
        field=status, source=Status.SUBMITTED_TO_MINISTER, target=Status.VALIDATED, permission=_may("accreditation.determine")
    )
    def remove_from_batch(self):
        """The Minister takes one LKS out of a batch before determining it: back to validated,
        ready for a later batch."""
        self.batch = None

    @transition(
        field=status, source=Status.SUBMITTED_TO_MINISTER, target=Status.DETERMINED, permission=_may("accreditation.determine")
    )
    def determine(self):
        pass

    def steps_for(self, user) -> set[str]:
        """The workflow steps this person may take now (what the page offers)."""
        return {t.name for t in self.get_available_user_status_transitions(user)}


class Assignment(models.Model):
    application = models.ForeignKey(AccreditationApplication, on_delete=models.PROTECT, related_name="assignments")
    assessor = models.ForeignKey(BalksAssessor, on_delete=models.PROTECT, related_name="assignments")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    assigned_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        unique_together = [("application", "assessor")]
        verbose_name = _("assessor assignment")
        verbose_name_plural = _("assessor assignments")

    def __str__(self):
        return f"{self.assessor} → {self.application}"


class Score(models.Model):
    class Phase(models.TextChoices):
        DESK = "desk", _("desk review (Formulir C)")
        VISIT = "visit", _("visit (observation, interview, documents)")

    application = models.ForeignKey(AccreditationApplication, on_delete=models.PROTECT, related_name="scores")
    assessor = models.ForeignKey(BalksAssessor, on_delete=models.PROTECT, related_name="scores")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    phase = models.CharField(_("phase"), max_length=5, choices=Phase.choices)
    value = models.PositiveSmallIntegerField(_("score"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        unique_together = [("application", "assessor", "indicator", "phase")]
        verbose_name = _("score")
        verbose_name_plural = _("scores")

    def __str__(self):
        return f"{self.indicator.code}: {self.value}"


class DeterminationBatch(models.Model):
    """Validated results sent together to the Minister for determination."""

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    decree_number = models.CharField(_("decree number"), max_length=100, blank=True)
    decree_date = models.DateField(_("decree date"), null=True, blank=True)
    determined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("determination batch")
        verbose_name_plural = _("determination batches")

    def __str__(self):
        return f"#{self.pk} {self.decree_number or _('awaiting decree')}"


class AccreditationQuerySet(models.QuerySet):
    def due_before(self, day: datetime.date):
        return self.filter(status=Accreditation.Status.VALID, valid_until__lte=day)


ACCREDITATION_NUMBER = NumberFormat("balks:{year}", "BALKS/{grade}/{year}/{serial:05d}")


class Accreditation(NeverDeletedModel):
    class Status(models.TextChoices):
        VALID = "valid", _("valid")
        EXPIRED = "expired", _("expired")
        REVOKED = "revoked", _("revoked")

    lks = models.ForeignKey(LKS, on_delete=models.PROTECT, related_name="accreditations")
    # Empty only for an accreditation determined before Peksos and imported from the decree (its
    # history names the source): no application, and no score the decree states.
    application = models.OneToOneField(
        AccreditationApplication, null=True, blank=True, on_delete=models.PROTECT, related_name="accreditation"
    )
    grade = models.CharField(_("grade"), max_length=2, choices=GradeBand.Grade.choices)
    score = models.DecimalField(_("total score"), max_digits=5, decimal_places=2, null=True, blank=True)
    certificate_number = models.CharField(_("certificate number"), max_length=40, unique=True, null=True, blank=True)
    decree_number = models.CharField(_("decree number"), max_length=100)
    decree_date = models.DateField(_("decree date"))
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    status = StateField(_("status"), max_length=10, choices=Status.choices, default=Status.VALID, protected=False)
    credential = models.OneToOneField("credentials.Credential", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    certificate_pdf = models.FileField(upload_to=PrivatePath("accreditation/certificates"), blank=True)
    history = HistoricalRecords()

    objects = AccreditationQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("accreditation")
        verbose_name_plural = _("accreditations")
        # The decree number is a public register search and a bulk verification key.
        indexes = [
            models.Index(fields=["status", "valid_until"]),
            models.Index(fields=["grade"]),
            models.Index(fields=["decree_number"]),
        ]

    def __str__(self):
        return f"{self.lks} — {self.grade}"

    PUBLIC_STATUS_LABELS = {
        "valid": _("valid"),
        "due": _("due for re-accreditation"),
        "expired": _("expired"),
        "revoked": _("revoked"),
        "not_accredited": _("not accredited"),
    }

    def public_status_label(self) -> str:
        return self.PUBLIC_STATUS_LABELS.get(self.public_status(), self.public_status())

    def public_status(self, today: datetime.date | None = None) -> str:
        """valid / due (for re-accreditation) / expired / revoked / not_accredited."""
        today = today or timezone.localdate()
        if self.grade == GradeBand.Grade.NOT_ACCREDITED:
            return "not_accredited"
        if self.status != self.Status.VALID:
            return self.status
        if self.valid_until and self.valid_until < today:
            return "expired"
        if self.valid_until and (self.valid_until - today).days <= settings.PEKSOS_REACCREDITATION_NOTICE_DAYS:
            return "due"
        return "valid"

    @transition(field=status, source=Status.VALID, target=Status.EXPIRED)
    def expire(self):
        pass


class Recommendation(models.Model):
    class Addressee(models.TextChoices):
        LKS = "lks", _("the LKS")
        LOCAL_GOVERNMENT = "pemda", _("the local government")
        MINISTRY = "kemensos", _("the Ministry of Social Affairs")

    application = models.ForeignKey(AccreditationApplication, on_delete=models.PROTECT, related_name="recommendations")
    addressee = models.CharField(_("addressed to"), max_length=10, choices=Addressee.choices)
    text = models.TextField(_("recommendation"))
    standard_code = models.CharField(max_length=10, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["addressee", "standard_code"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self):
        return f"{self.get_addressee_display()}: {self.text[:50]}"


class BoardMemberRule(EffectivePeriod):
    """Criteria for BALKS members (Permensos 8/2025 Pasal 22)."""

    min_education = models.CharField(_("minimum education"), max_length=2, default="S2")
    max_age_at_appointment = models.PositiveSmallIntegerField(_("maximum age at appointment"), default=65)
    requires_citizenship = models.BooleanField(_("Indonesian citizen"), default=True)
    requires_health = models.BooleanField(_("physically and mentally healthy"), default=True)
    requires_good_conduct = models.BooleanField(_("of good conduct"), default=True)
    requires_drug_free = models.BooleanField(_("free of narcotics"), default=True)
    disqualifying_sentence_years = models.PositiveSmallIntegerField(
        _("disqualified by a conviction for an offence carrying at least (years)"), null=True, blank=True, default=5
    )
    preferred_background = models.CharField(
        _("preferred background"),
        max_length=200,
        blank=True,
        default="pekerjaan sosial atau kesejahteraan sosial",
    )

    class Meta:
        verbose_name = _("board member rule")
        verbose_name_plural = _("board member rules")

    def __str__(self):
        return self.source


class BoardPeriod(models.Model):
    name = models.CharField(_("period"), max_length=100)
    decree = models.CharField(_("decree"), max_length=120)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("BALKS board period")
        verbose_name_plural = _("BALKS board periods")

    def __str__(self):
        return self.name


class BoardMember(models.Model):
    period = models.ForeignKey(BoardPeriod, on_delete=models.PROTECT, related_name="members")
    name = models.CharField(_("name"), max_length=150)
    position = models.CharField(_("position"), max_length=100)
    education = models.CharField(_("highest education"), max_length=10, choices=EducationLevel.choices)
    birth_date = models.DateField(_("date of birth"))
    appointed_on = models.DateField(_("appointed on"))
    # What the appointment was checked against (the criteria of the rule in force on that date).
    citizen = models.BooleanField(_("Indonesian citizen"), default=False)
    healthy = models.BooleanField(_("health certificate seen"), default=False)
    good_conduct = models.BooleanField(_("police good-conduct certificate (SKCK) seen"), default=False)
    drug_free = models.BooleanField(_("narcotics-free certificate seen"), default=False)
    serious_conviction = models.BooleanField(_("convicted of an offence carrying five years or more"), default=False)
    background = models.CharField(_("background in social work or social welfare"), max_length=200, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("BALKS board member")
        verbose_name_plural = _("BALKS board members")

    def __str__(self):
        return self.name
