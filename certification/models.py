"""Competency certification by an LSP (Lembaga Sertifikasi Profesi).

Certificate numbers
-------------------
A certificate number has the form ``<LSP code>.<level code>.<year>.<serial>``, e.g.
``LSPS.PSG.2026.00001``:

* ``<LSP code>`` — the certifying LSP's short code (``LSP.code``, e.g. ``LSPS``, ``LSPKEMENSOS``);
* ``<level code>`` — ``APS`` Asisten Pekerja Sosial, ``PSG`` Pekerja Sosial Generalis,
  ``PSS`` Pekerja Sosial Spesialis;
* ``<year>`` — the year of the LSP's decision;
* ``<serial>`` — five digits, gapless per LSP and year, from the counter series
  ``certificate:<LSP code>:<year>`` (``core.numbering.allocate``) inside the deciding
  transaction. A unique constraint on ``Certificate.number`` is the safety net.

A number is never reused; a renewal gets a new number and points at the certificate it renews.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from django_fsm import transition
from simple_history.models import HistoricalRecords

from core.dates import add_months, format_local, period_end
from core.fields import StateField
from core.files import PrivatePath, validate_document
from core.models import EffectivePeriod, FrozenOnceInForce
from credentials.models import StatusCategory, standing, standing_label, status_category_field

# --- eligibility rules (data) --------------------------------------------------------------


class EligibilityRuleSet(FrozenOnceInForce, EffectivePeriod):
    """One route to certification (or, with purpose ``category_tks``, the requirements of a
    Tenaga Kesejahteraan Sosial), as a regulation sets it, with its period. Several rule sets
    in force at once are alternative routes."""

    class Purpose(models.TextChoices):
        CERTIFICATION = "certification", _("competency certification")
        CATEGORY_TKS = "category_tks", _("Tenaga Kesejahteraan Sosial category")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices, default=Purpose.CERTIFICATION)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    certificate_validity_months = models.PositiveSmallIntegerField(
        _("certificate validity (months)"),
        null=True,
        blank=True,
        help_text=_("How long a certificate issued under this rule set is valid. Empty: no fixed end. Not public: configurable."),
    )
    renewal_window_months = models.PositiveSmallIntegerField(
        _("renewal opens (months before expiry)"),
        default=6,
    )
    # Permensos 108/HUK/2009 defined the Pekerja Sosial Profesional by education (a social-work
    # or social-welfare graduate), certification being the recognition of competence; since
    # UU 14/2019 the title needs the certificate. The self-check words its answer by this flag.
    education_confers_title = models.BooleanField(
        _("education alone confers the title"),
        default=False,
        help_text=_("Under this rule set, meeting its education criterion makes a person a Pekerja Sosial Profesional."),
    )
    history = HistoricalRecords()

    # A certificate reads the rule set in force on its date: once in force, its period and
    # validity are not edited (core.models.FrozenOnceInForce); a change is a new version.
    frozen_fields = ("certificate_validity_months", "renewal_window_months")

    class Meta:
        ordering = ["purpose", "order", "valid_from"]
        verbose_name = _("eligibility rule set")
        verbose_name_plural = _("eligibility rule sets")

    def __str__(self):
        return self.name

    @property
    def period_label(self) -> str:
        end = format_local(self.valid_until) if self.valid_until else str(_("no end date"))
        return f"{format_local(self.valid_from)} – {end}"

    def certificate_valid_until(self, issued_on: datetime.date) -> datetime.date | None:
        if not self.certificate_validity_months:
            return None
        return period_end(issued_on, months=self.certificate_validity_months)


class EligibilityCriterion(models.Model):
    class Kind(models.TextChoices):
        EDUCATION = "education", _("education level and field")
        PRACTICE_MONTHS = "practice_months", _("months of practice")
        PRACTICE_HOURS = "practice_hours", _("hours of practice")
        TRAINING_HOURS = "training_hours", _("hours of training")

    rule_set = models.ForeignKey(
        EligibilityRuleSet, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("rule set")
    )
    code = models.SlugField(_("code"), max_length=40)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    levels = models.JSONField(_("accepted education levels"), default=list, blank=True)
    study_fields = models.JSONField(_("accepted fields of study"), default=list, blank=True)
    minimum = models.PositiveIntegerField(_("minimum"), null=True, blank=True, help_text=_("Months or hours, by kind."))
    hours_per_month = models.PositiveSmallIntegerField(
        _("hours counted per month of practice"),
        null=True,
        blank=True,
        help_text=_("Used to estimate practice hours from dated periods when hours are not logged."),
    )
    article = models.CharField(_("article cited"), max_length=120, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["rule_set", "order", "pk"]
        verbose_name = _("eligibility criterion")
        verbose_name_plural = _("eligibility criteria")
        constraints = [models.UniqueConstraint(fields=["rule_set", "code"], name="certification_criterion_code_unique")]

    def __str__(self):
        return f"{self.rule_set.code}: {self.code}"

    def clean(self):
        from .eligibility import FIELDS, LEVELS

        if self.kind == self.Kind.EDUCATION:
            if not self.levels or any(v not in LEVELS for v in self.levels):
                raise ValidationError({"levels": _("List education levels from: %(choices)s.") % {"choices": ", ".join(LEVELS)}})
            if any(v not in FIELDS for v in self.study_fields or []):
                raise ValidationError({"study_fields": _("List fields from: %(choices)s.") % {"choices": ", ".join(FIELDS)}})
        elif self.minimum is None:
            raise ValidationError({"minimum": _("This kind of criterion needs a minimum.")})


# --- LSPs and their boards -----------------------------------------------------------------


class Constituency(models.TextChoices):
    PROFESSIONAL_ASSOCIATION = "professional_association", _("professional association of social workers")
    EDUCATION_ASSOCIATION = "education_association", _("social-work education associations")
    LKS_ASSOCIATION = "lks_association", _("association of social-welfare institutions (LKS)")
    COORDINATING_BODY = "coordinating_body", _("national social-welfare coordinating body")
    MINISTRY = "ministry", _("Ministry of Social Affairs")
    PRACTITIONER = "practitioner", _("practitioners")


class LSP(models.Model):
    """A certification body. Several can exist (LSPS, LSP Kemensos); each certificate records
    its certifier."""

    code = models.SlugField(_("short code"), max_length=20, unique=True, help_text=_("Used in certificate numbers, e.g. LSPS."))
    name = models.CharField(_("name"), max_length=200)
    bnsp_licence = models.CharField(_("BNSP licence"), max_length=100, blank=True)
    bnsp_licence_date = models.DateField(_("licence date"), null=True, blank=True)
    address = models.TextField(_("address"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("LSP (certification body)")
        verbose_name_plural = _("LSPs (certification bodies)")

    def __str__(self):
        return self.name

    def seats_on(self, on: datetime.date):
        return [s for s in self.seats.all() if s.is_serving(on)]

    def composition_warnings(self, on: datetime.date | None = None) -> list[str]:
        """What the board lacks (or has in excess) against the composition rule in force."""
        on = on or timezone.localdate()
        rule = BoardCompositionRule.objects.in_force(on).prefetch_related("requirements").order_by("-valid_from").first()
        if rule is None:
            return []
        counts: dict[str, int] = {}
        for seat in self.seats_on(on):
            counts[seat.constituency] = counts.get(seat.constituency, 0) + 1
        warnings = []
        required = {r.constituency: r.seats for r in rule.requirements.all()}
        for constituency, seats in required.items():
            have = counts.get(constituency, 0)
            if have != seats:
                warnings.append(
                    str(_("%(constituency)s: %(have)s of %(seats)s seats filled (%(source)s)."))
                    % {
                        "constituency": Constituency(constituency).label,
                        "have": have,
                        "seats": seats,
                        "source": rule.source,
                    }
                )
        for constituency, have in counts.items():
            if constituency not in required:
                warnings.append(
                    str(_("%(constituency)s: %(have)s seats, but %(source)s provides none."))
                    % {
                        "constituency": Constituency(constituency).label,
                        "have": have,
                        "source": rule.source,
                    }
                )
        return warnings


class BoardCompositionRule(EffectivePeriod):
    """How many board seats each constituency holds (e.g. Permensos 108/HUK/2009: 4/3/2/1/1)."""

    name = models.CharField(_("name"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["valid_from"]
        verbose_name = _("board composition rule")
        verbose_name_plural = _("board composition rules")

    def __str__(self):
        return self.name


class CompositionRequirement(models.Model):
    rule = models.ForeignKey(BoardCompositionRule, on_delete=models.CASCADE, related_name="requirements", verbose_name=_("rule"))
    constituency = models.CharField(_("constituency"), max_length=30, choices=Constituency.choices)
    seats = models.PositiveSmallIntegerField(_("seats"))

    class Meta:
        verbose_name = _("seats of a constituency")
        verbose_name_plural = _("seats of constituencies")
        constraints = [models.UniqueConstraint(fields=["rule", "constituency"], name="certification_requirement_unique")]

    def __str__(self):
        return f"{self.get_constituency_display()}: {self.seats}"


class LspSeat(models.Model):
    """A named board member of an LSP, for a constituency and a term."""

    lsp = models.ForeignKey(LSP, on_delete=models.PROTECT, related_name="seats", verbose_name=_("LSP"))
    constituency = models.CharField(_("constituency"), max_length=30, choices=Constituency.choices)
    member_name = models.CharField(_("board member"), max_length=150)
    nominated_by = models.CharField(_("nominated by"), max_length=200, blank=True)
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["lsp", "constituency", "member_name"]
        verbose_name = _("board seat")
        verbose_name_plural = _("board seats")

    def __str__(self):
        return f"{self.member_name} ({self.get_constituency_display()})"

    def clean(self):
        if self.term_end and self.term_end < self.term_start:
            raise ValidationError({"term_end": _("The term cannot end before it starts.")})

    def is_serving(self, on: datetime.date) -> bool:
        return self.term_start <= on and (self.term_end is None or on <= self.term_end)


# --- schemes -------------------------------------------------------------------------------


class Level(models.TextChoices):
    ASISTEN = "APS", _("Asisten Pekerja Sosial")
    GENERALIS = "PSG", _("Pekerja Sosial Generalis")
    SPESIALIS = "PSS", _("Pekerja Sosial Spesialis")


class PracticeField(models.TextChoices):
    UMUM = "umum", _("general practice")
    ANAK = "anak", _("children")
    LANJUT_USIA = "lanjut_usia", _("older people")
    DISABILITAS = "disabilitas", _("disability")
    NAPZA = "napza", _("victims of drug abuse (NAPZA)")
    KELUARGA = "keluarga", _("families")
    KOMUNITAS = "komunitas", _("communities")
    KOREKSIONAL = "koreksional", _("correctional")
    BENCANA = "bencana", _("disasters")
    KESEHATAN = "kesehatan", _("health and medical")
    INDUSTRI = "industri", _("industry")


class DocumentKind(models.TextChoices):
    WORK_LETTER = "work_letter", _("work-experience letter (surat keterangan pengalaman kerja)")
    TRAINING = "training", _("training certificates")
    RECOMMENDATION = "recommendation", _("recommendation of the professional organisation")
    DIPLOMA = "diploma", _("diploma")
    IDENTITY = "identity", _("identity card (KTP)")
    OTHER = "other", _("other document")


class SchemeQuerySet(models.QuerySet):
    def open_for_application(self):
        return self.filter(active=True, lsp__active=True)


class Scheme(models.Model):
    lsp = models.ForeignKey(LSP, on_delete=models.PROTECT, related_name="schemes", verbose_name=_("LSP"))
    code = models.CharField(_("code"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    level = models.CharField(_("level"), max_length=3, choices=Level.choices)
    practice_field = models.CharField(_("field of practice"), max_length=20, choices=PracticeField.choices)
    description = models.TextField(_("description"), blank=True)
    active = models.BooleanField(_("open for applications"), default=True)
    history = HistoricalRecords()

    objects = SchemeQuerySet.as_manager()

    class Meta:
        ordering = ["lsp", "level", "code"]
        verbose_name = _("certification scheme")
        verbose_name_plural = _("certification schemes")
        constraints = [models.UniqueConstraint(fields=["lsp", "code"], name="certification_scheme_code_unique")]

    def __str__(self):
        return f"{self.code} — {self.title}"

    @property
    def required_document_kinds(self) -> list[str]:
        return [d.kind for d in self.documents.all() if d.required]


class CompetencyUnit(models.Model):
    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="units", verbose_name=_("scheme"))
    code = models.CharField(_("code"), max_length=40)
    title = models.CharField(_("title"), max_length=255)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["scheme", "order", "code"]
        verbose_name = _("competency unit")
        verbose_name_plural = _("competency units")
        constraints = [models.UniqueConstraint(fields=["scheme", "code"], name="certification_unit_code_unique")]

    def __str__(self):
        return f"{self.code} {self.title}"


class SchemeDocument(models.Model):
    """A document an applicant to this scheme attaches."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="documents", verbose_name=_("scheme"))
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    required = models.BooleanField(_("required"), default=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["scheme", "kind"]
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        constraints = [models.UniqueConstraint(fields=["scheme", "kind"], name="certification_scheme_document_unique")]

    def __str__(self):
        return self.get_kind_display()


# --- events and assessors ------------------------------------------------------------------


class AssessmentEventQuerySet(models.QuerySet):
    def open_for(self, application, on: datetime.date | None = None):
        """Events the application can be scheduled for: of its LSP, for its scheme or for any
        scheme, not yet held and with a free place. The schedule list offers only these and
        `services.schedule_application` refuses any other."""
        from core.dates import register_day

        on = on or register_day()
        taken = models.Count("applications", filter=~models.Q(applications__status=CertificationApplication.Status.WITHDRAWN))
        return (
            self.filter(lsp_id=application.scheme.lsp_id, held_on__gte=on)
            .filter(models.Q(scheme__isnull=True) | models.Q(scheme_id=application.scheme_id))
            .annotate(taken=taken)
            .filter(taken__lt=models.F("capacity"))
            .order_by("held_on", "pk")
        )


class AssessmentEvent(models.Model):
    class Mode(models.TextChoices):
        TUK = "tuk", _("at a test site (TUK)")
        ONLINE = "online", _("online")

    lsp = models.ForeignKey(LSP, on_delete=models.PROTECT, related_name="events", verbose_name=_("LSP"))
    scheme = models.ForeignKey(
        Scheme, null=True, blank=True, on_delete=models.PROTECT, related_name="events", verbose_name=_("scheme")
    )
    held_on = models.DateField(_("date"))
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.TUK)
    place = models.CharField(_("place (TUK) or link"), max_length=255)
    capacity = models.PositiveSmallIntegerField(_("capacity"))
    history = HistoricalRecords()

    objects = AssessmentEventQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("assessment event")
        verbose_name_plural = _("assessment events")

    def __str__(self):
        return f"{format_local(self.held_on)} — {self.place}"

    def seats_taken(self) -> int:
        return self.applications.exclude(status=CertificationApplication.Status.WITHDRAWN).count()


class CompetencyAssessorQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def with_open_load(self):
        return self.annotate(open_load=models.Count("assessments", filter=models.Q(assessments__recommendation="")))


class CompetencyAssessor(models.Model):
    """A person with their own valid certificate and an assessor registration, assessing for
    one LSP."""

    lsp = models.ForeignKey(LSP, on_delete=models.PROTECT, related_name="assessors", verbose_name=_("LSP"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="competency_assessor_posts", verbose_name=_("user")
    )
    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    registration_number = models.CharField(_("assessor registration"), max_length=60)
    registration_valid_until = models.DateField(_("registration valid until"), null=True, blank=True)
    employer = models.CharField(_("employer"), max_length=200)
    declared_relatives = models.ManyToManyField(
        "registry.Person", blank=True, related_name="+", verbose_name=_("declared relatives")
    )
    max_open_assessments = models.PositiveSmallIntegerField(_("most open assessments at once"), default=10)
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    objects = CompetencyAssessorQuerySet.as_manager()

    class Meta:
        ordering = ["lsp", "person__full_name"]
        verbose_name = _("competency assessor")
        verbose_name_plural = _("competency assessors")
        constraints = [models.UniqueConstraint(fields=["lsp", "user"], name="certification_assessor_once_per_lsp")]

    def __str__(self):
        return f"{self.person} ({self.registration_number})"

    def registration_valid(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.registration_valid_until is None or on <= self.registration_valid_until


# --- applications --------------------------------------------------------------------------


class CertificationApplicationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=CertificationApplication.OPEN_STATUSES)

    def for_lsps(self, lsp_ids):
        """What these LSPs' officers see: only applications once submitted (rules.is_submitted)."""
        return self.filter(scheme__lsp_id__in=lsp_ids, submitted_at__isnull=False)

    def with_related(self):
        return self.select_related("person", "scheme", "scheme__lsp", "rule_set", "event")


class CertificationApplication(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned for correction")
        ELIGIBLE = "eligible", _("eligible (administrative check passed)")
        INELIGIBLE = "ineligible", _("ineligible")
        SCHEDULED = "scheduled", _("scheduled for assessment")
        ASSESSED = "assessed", _("assessed")
        COMPETENT = "competent", _("competent")
        NOT_YET_COMPETENT = "not_yet_competent", _("not yet competent")
        WITHDRAWN = "withdrawn", _("withdrawn")

    OPEN_STATUSES = ("draft", "submitted", "returned", "eligible", "scheduled", "assessed")

    person = models.ForeignKey(
        "registry.Person", on_delete=models.PROTECT, related_name="certification_applications", verbose_name=_("person")
    )
    member = models.ForeignKey("registry.Member", on_delete=models.PROTECT, related_name="+", verbose_name=_("member"))
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="applications", verbose_name=_("scheme"))
    status = StateField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    portfolio = models.JSONField(_("portfolio"), default=dict, blank=True, help_text=_("Pre-filled from the registry profile."))
    rule_set = models.ForeignKey(
        EligibilityRuleSet, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("rule set applied")
    )
    eligibility = models.JSONField(_("eligibility judgement"), default=dict, blank=True)
    failed_criteria = models.JSONField(_("failed criteria"), default=list, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    event = models.ForeignKey(
        AssessmentEvent,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("assessment event"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("checked by")
    )
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = CertificationApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("certification application")
        verbose_name_plural = _("certification applications")
        indexes = [models.Index(fields=["status", "scheme"])]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "scheme"],
                condition=models.Q(status__in=["draft", "submitted", "returned", "eligible", "scheduled", "assessed"]),
                name="certification_one_open_application_per_scheme",
            )
        ]

    def __str__(self):
        return f"{self.person} — {self.scheme.code} ({self.get_status_display()})"

    @property
    def lsp(self):
        return self.scheme.lsp

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def editable_by_applicant(self) -> bool:
        return self.status in {self.Status.DRAFT, self.Status.RETURNED}

    def missing_documents(self) -> list[str]:
        have = {e.kind for e in self.evidence.all()}
        return [d.get_kind_display() for d in self.scheme.documents.all() if d.required and d.kind not in have]

    @property
    def current_assessment(self):
        return self.assessments.order_by("-attempt").first()

    # --- what may be done now: one source for the pages' buttons and the services' checks ---

    # Page action -> the transition it makes (None: an action that is no transition).
    APPLICANT_ACTIONS = {"evidence": None, "submit": "submit", "withdraw": "withdraw", "appeal": None}
    STAFF_ACTIONS = {
        "accept": "accept",
        "return": "return_for_correction",
        "reject": "reject_ineligible",
        "schedule": "schedule",
        "assign": None,
        "decide": "declare_competent",
    }

    def available_transitions(self) -> set[str]:
        return {t.name for t in self.get_available_status_transitions()}

    def allows(self, action: str) -> bool:
        """Whether the state machine (and the state of its appeals and assessments) allows this
        page action now. The pages show a button only when this is true and the services
        refuse the action when it is false."""
        if action == "evidence":
            return self.editable_by_applicant
        transitions = self.available_transitions()
        if action == "appeal":
            return self.status == self.Status.NOT_YET_COMPETENT and not self._appeal_pending()
        if action == "schedule":
            return "schedule" in transitions and not self._appeal_pending()
        if action == "assign":
            if self.status != self.Status.SCHEDULED:
                return False
            current = self.current_assessment
            return current is None or not current.is_open
        name = {**self.APPLICANT_ACTIONS, **self.STAFF_ACTIONS}.get(action)
        return name is not None and name in transitions

    def _appeal_pending(self) -> bool:
        return self.appeals.filter(status=Appeal.Status.LODGED).exists()

    def applicant_actions(self) -> list[str]:
        return [a for a in self.APPLICANT_ACTIONS if self.allows(a)]

    def staff_actions(self) -> list[str]:
        return [a for a in self.STAFF_ACTIONS if self.allows(a)]

    # transitions (who may call them is checked in services)
    def _documents_complete(self) -> bool:
        return not self.missing_documents()

    @transition(field=status, source=[Status.DRAFT, Status.RETURNED], target=Status.SUBMITTED, conditions=[_documents_complete])
    def submit(self, *, rule_set, eligibility: dict):
        self.submitted_at = timezone.now()
        self.rule_set = rule_set
        self.eligibility = eligibility
        self.reason = ""
        self._change_reason = gettext_noop("submitted")

    @transition(field=status, source=Status.SUBMITTED, target=Status.ELIGIBLE)
    def accept(self, *, by):
        self.checked_by, self.checked_at = by, timezone.now()
        self._change_reason = gettext_noop("accepted as eligible")

    @transition(field=status, source=Status.SUBMITTED, target=Status.RETURNED)
    def return_for_correction(self, *, by, reason: str):
        self.checked_by, self.checked_at, self.reason = by, timezone.now(), reason
        self._change_reason = gettext_noop("returned")

    @transition(field=status, source=Status.SUBMITTED, target=Status.INELIGIBLE)
    def reject_ineligible(self, *, by, reason: str, failed: list):
        self.checked_by, self.checked_at, self.reason, self.failed_criteria = by, timezone.now(), reason, failed
        self._change_reason = gettext_noop("ineligible")

    @transition(field=status, source=[Status.ELIGIBLE, Status.NOT_YET_COMPETENT], target=Status.SCHEDULED)
    def schedule(self, *, event):
        self.event = event
        self._change_reason = gettext_noop("scheduled")

    @transition(field=status, source=Status.SCHEDULED, target=Status.ASSESSED)
    def mark_assessed(self):
        self._change_reason = gettext_noop("assessed")

    @transition(field=status, source=Status.ASSESSED, target=Status.COMPETENT)
    def declare_competent(self, *, by, note: str = ""):
        self.decided_by, self.decided_at, self.decision_note = by, timezone.now(), note
        self._change_reason = gettext_noop("competent")

    @transition(field=status, source=Status.ASSESSED, target=Status.NOT_YET_COMPETENT)
    def declare_not_yet_competent(self, *, by, note: str = ""):
        self.decided_by, self.decided_at, self.decision_note = by, timezone.now(), note
        self._change_reason = gettext_noop("not yet competent")

    @transition(field=status, source=[Status.DRAFT, Status.RETURNED, Status.SUBMITTED], target=Status.WITHDRAWN)
    def withdraw(self):
        self._change_reason = gettext_noop("withdrawn")


class ApplicationEvidence(models.Model):
    application = models.ForeignKey(
        CertificationApplication, on_delete=models.PROTECT, related_name="evidence", verbose_name=_("application")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    file = models.FileField(_("file"), upload_to=PrivatePath("certification/evidence"), validators=[validate_document])
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "uploaded_at"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self):
        return self.title or self.get_kind_display()


class Assessment(models.Model):
    """One assessor's assignment to assess one application (one attempt). A re-assessment is a
    new attempt covering only the units not yet found competent."""

    class Recommendation(models.TextChoices):
        COMPETENT = "competent", _("competent")
        NOT_YET_COMPETENT = "not_yet_competent", _("not yet competent")

    application = models.ForeignKey(
        CertificationApplication, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("application")
    )
    attempt = models.PositiveSmallIntegerField(_("attempt"), default=1)
    assessor = models.ForeignKey(
        CompetencyAssessor, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("assessor")
    )
    event = models.ForeignKey(
        AssessmentEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("event")
    )
    units = models.ManyToManyField(CompetencyUnit, related_name="+", verbose_name=_("units assessed"))
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("assigned by")
    )
    assigned_at = models.DateTimeField(_("assigned at"), default=timezone.now)
    recommendation = models.CharField(_("recommendation"), max_length=20, choices=Recommendation.choices, blank=True)
    recommendation_notes = models.TextField(_("notes on the recommendation"), blank=True)
    recommended_at = models.DateTimeField(_("recommended at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "attempt"]
        verbose_name = _("assessment (assignment)")
        verbose_name_plural = _("assessments (assignments)")
        constraints = [models.UniqueConstraint(fields=["application", "attempt"], name="certification_assessment_attempt_unique")]

    def __str__(self):
        return f"{self.application} #{self.attempt} — {self.assessor}"

    @property
    def is_open(self) -> bool:
        return not self.recommendation

    @property
    def held_on(self) -> datetime.date | None:
        """The examination date: the event of this attempt (or of the application)."""
        event = self.event or self.application.event
        return event.held_on if event else None

    def results_may_be_recorded_on(self, on: datetime.date) -> bool:
        """Results are observed at the examination: not before its (Jakarta) date."""
        return self.held_on is None or on >= self.held_on


class UnitResult(models.Model):
    class Result(models.TextChoices):
        K = "K", _("Kompeten (competent)")
        BK = "BK", _("Belum Kompeten (not yet competent)")

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="results", verbose_name=_("assessment"))
    unit = models.ForeignKey(CompetencyUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit"))
    result = models.CharField(_("result"), max_length=2, choices=Result.choices)
    notes = models.TextField(_("notes"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "unit__order", "unit__code"]
        verbose_name = _("unit result")
        verbose_name_plural = _("unit results")
        constraints = [models.UniqueConstraint(fields=["assessment", "unit"], name="certification_unit_result_once")]

    def __str__(self):
        return f"{self.unit.code}: {self.result}"


class Appeal(models.Model):
    """Banding against a not-yet-competent decision; decided by someone other than the first
    assessor. Upheld: the candidate is re-assessed on every unit by a different assessor."""

    class Status(models.TextChoices):
        LODGED = "lodged", _("lodged")
        UPHELD = "upheld", _("upheld")
        DISMISSED = "dismissed", _("dismissed")

    application = models.ForeignKey(
        CertificationApplication, on_delete=models.PROTECT, related_name="appeals", verbose_name=_("application")
    )
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="appeals", verbose_name=_("assessment appealed")
    )
    grounds = models.TextField(_("grounds"))
    lodged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("lodged by")
    )
    lodged_at = models.DateTimeField(_("lodged at"), default=timezone.now)
    status = StateField(_("status"), max_length=10, choices=Status.choices, default=Status.LODGED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_notes = models.TextField(_("decision"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-lodged_at"]
        verbose_name = _("appeal (banding)")
        verbose_name_plural = _("appeals (banding)")

    def __str__(self):
        return f"{self.application} — {self.get_status_display()}"

    @transition(field=status, source=Status.LODGED, target=Status.UPHELD)
    def uphold(self, *, by, notes: str):
        self.decided_by, self.decided_at, self.decision_notes = by, timezone.now(), notes
        self._change_reason = gettext_noop("upheld")

    @transition(field=status, source=Status.LODGED, target=Status.DISMISSED)
    def dismiss(self, *, by, notes: str):
        self.decided_by, self.decided_at, self.decision_notes = by, timezone.now(), notes
        self._change_reason = gettext_noop("dismissed")


# --- certificates --------------------------------------------------------------------------


def certificate_number(lsp_code: str, level: str, year: int, serial: int) -> str:
    """<LSP code>.<level code>.<year>.<5-digit serial>; see the module docstring."""
    return f"{lsp_code.upper()}.{level}.{year}.{serial:05d}"


def certificate_series(lsp_code: str, year: int) -> str:
    return f"certificate:{lsp_code.upper()}:{year}"


class CertificateQuerySet(models.QuerySet):
    def valid(self, on: datetime.date | None = None):
        """Valid on the date: issued by then and not past its end, with status valid. For a past
        date, certificates that have since expired count, and so do those suspended or revoked
        only after that date (the status they had then was valid); see `was_valid_on` for the
        exact answer from the history of one certificate."""
        today = timezone.localdate()
        on = on or today
        in_period = models.Q(issued_on__lte=on) & (models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=on))
        status = models.Q(status=Certificate.Status.VALID)
        if on < today:
            status |= models.Q(status__in=[Certificate.Status.EXPIRED, Certificate.Status.RENEWED]) | models.Q(
                status__in=[Certificate.Status.SUSPENDED, Certificate.Status.REVOKED], status_changed_at__date__gt=on
            )
        return self.filter(in_period & status)

    def valid_for(self, person, on: datetime.date | None = None, *, practice_field: str | None = None, level: str | None = None):
        qs = self.valid(on).filter(person=person)
        if practice_field:
            qs = qs.filter(practice_field=practice_field)
        if level:
            qs = qs.filter(level=level)
        return qs

    def for_person(self, person):
        return self.filter(person=person)

    def due_for_expiry(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(status__in=[Certificate.Status.VALID, Certificate.Status.SUSPENDED], valid_until__lt=on)

    def renewable(self, on: datetime.date | None = None):
        """Valid certificates inside their rule set's renewal window and not yet renewed."""
        on = on or timezone.localdate()
        return self.valid(on).filter(valid_until__isnull=False, renewals__isnull=True)

    def with_related(self):
        return self.select_related("person", "lsp", "scheme", "credential")


class Certificate(models.Model):
    class Status(models.TextChoices):
        VALID = "valid", _("valid")
        EXPIRED = "expired", _("expired")
        SUSPENDED = "suspended", _("suspended")
        REVOKED = "revoked", _("revoked")
        RENEWED = "renewed", _("ended by renewal")

    number = models.CharField(_("certificate number"), max_length=40, unique=True)
    application = models.OneToOneField(
        CertificationApplication,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificate",
        verbose_name=_("application"),
    )
    person = models.ForeignKey(
        "registry.Person", on_delete=models.PROTECT, related_name="competency_certificates", verbose_name=_("holder")
    )
    lsp = models.ForeignKey(LSP, on_delete=models.PROTECT, related_name="certificates", verbose_name=_("certifier (LSP)"))
    # The certifier as the certificate names it (LSPS, LSPSI, LSP Kemensos RI): for certificates
    # brought in from before Peksos it can be a body that is no LSP in Peksos. Empty: `lsp`.
    certifier_name = models.CharField(_("certifier as named on the certificate"), max_length=200, blank=True)
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="certificates", verbose_name=_("scheme"))
    level = models.CharField(_("level"), max_length=3, choices=Level.choices)
    practice_field = models.CharField(_("field of practice"), max_length=20, choices=PracticeField.choices)
    rule_set = models.ForeignKey(
        EligibilityRuleSet, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("rule set")
    )
    issued_on = models.DateField(_("issued on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    status = StateField(_("status"), max_length=10, choices=Status.choices, default=Status.VALID)
    # The officer's words (staff only); the public reads the category (credentials.StatusCategory).
    status_reason = models.CharField(_("reason for status (internal)"), max_length=255, blank=True)
    status_category = status_category_field()
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    renewed_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="renewals", verbose_name=_("renews")
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("issued by")
    )
    credential = models.OneToOneField(
        "credentials.Credential", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("credential")
    )
    pdf = models.FileField(_("certificate PDF"), upload_to=PrivatePath("certification/certificates"), blank=True)
    history = HistoricalRecords()

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("competency certificate")
        verbose_name_plural = _("competency certificates")
        indexes = [models.Index(fields=["person", "status"]), models.Index(fields=["status", "valid_until"])]

    def __str__(self):
        return self.number

    def is_valid_on(self, on: datetime.date) -> bool:
        return self.status == self.Status.VALID and self.issued_on <= on and (self.valid_until is None or on <= self.valid_until)

    def was_valid_on(self, on: datetime.date) -> bool:
        """From the history: was this certificate valid at the end of that day?"""
        if self.issued_on > on or (self.valid_until and on > self.valid_until):
            return False
        end_of_day = timezone.make_aware(datetime.datetime.combine(on, datetime.time.max))
        record = self.history.filter(history_date__lte=end_of_day).order_by("-history_date").first()
        if record is None:  # recorded in Peksos after that day: the status it was recorded with
            record = self.history.order_by("history_date").first()
        status = record.status if record else self.status
        return status in (self.Status.VALID, self.Status.EXPIRED, self.Status.RENEWED)

    def current_status(self, today: datetime.date | None = None) -> str:
        """As every page reads it: "not yet valid" before its first day, expired past its last
        (before the nightly job records it), the same rule as its credential's."""
        return standing(self.status, self.issued_on, self.valid_until, today, self.status_category)

    @property
    def current_status_label(self) -> str:
        return standing_label(self.current_status())

    def renewal_opens_on(self) -> datetime.date | None:
        if not self.valid_until:
            return None
        months = self.rule_set.renewal_window_months if self.rule_set_id else 6
        return add_months(self.valid_until, -months)

    STATUS_ACTIONS = ("suspend", "reinstate", "revoke")

    def status_actions(self) -> list[str]:
        """The status changes the state machine allows now (revoked is final: none)."""
        available = {t.name for t in self.get_available_status_transitions()}
        return [a for a in self.STATUS_ACTIONS if a in available]

    def renewal_refusal(self, today: datetime.date) -> str | None:
        """Why this certificate cannot be renewed today, whatever its renewal checklist says (None:
        it can, once the checklist is complete; see `services.certificate_actions`);
        `services.renew_certificate` and the holder's request refuse with this message."""
        from .eligibility import rule_sets_in_force

        if not self.is_valid_on(today):
            return str(_("Only a valid certificate can be renewed; apply again for certification."))
        if self.valid_until is None:
            return str(_("This certificate has no end date and needs no renewal."))
        if self.renewals.exists():
            return str(_("This certificate has already been renewed."))
        opens = self.renewal_opens_on()
        if opens and today < opens:
            return str(_("Renewal opens on %(date)s.") % {"date": format_local(opens)})
        if self.application_id is None:
            return str(_("This certificate was imported without an application; renew it by a new application."))
        if not rule_sets_in_force(today):
            return str(_("No eligibility rules are in force today; renewal is not possible."))
        return None

    def _set_status(self, reason: str, category: str = ""):
        self.status_reason = reason[:255]
        self.status_category = category
        self.status_changed_at = timezone.now()
        self._change_reason = reason[:100]

    @transition(field=status, source=[Status.VALID, Status.SUSPENDED], target=Status.EXPIRED)
    def expire(self, *, reason: str):
        self._set_status(reason, StatusCategory.VALIDITY_ENDED)

    @transition(field=status, source=Status.VALID, target=Status.RENEWED)
    def end_by_renewal(self, *, reason: str):
        """Past its last day, continued by its renewal (never "expired")."""
        self._set_status(reason, StatusCategory.RENEWED)

    @transition(field=status, source=Status.VALID, target=Status.SUSPENDED)
    def suspend(self, *, reason: str, category: str):
        self._set_status(reason, category)

    @transition(field=status, source=Status.SUSPENDED, target=Status.VALID)
    def reinstate(self, *, reason: str, category: str = ""):
        self._set_status(reason)

    @transition(field=status, source=[Status.VALID, Status.SUSPENDED, Status.EXPIRED, Status.RENEWED], target=Status.REVOKED)
    def revoke(self, *, reason: str, category: str):
        self._set_status(reason, category)


class CertificateRenewalRequestQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(status=CertificateRenewalRequest.State.SUBMITTED)


class CertificateRenewalRequest(models.Model):
    """The holder's request to renew a certificate, sent only on a complete renewal checklist
    (certification.renewals); the LSP that issued the certificate decides: renewed (a new
    certificate from the day after the old one ends) or refused with its reason."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("waiting for the LSP's decision")
        RENEWED = "renewed", _("renewed")
        REFUSED = "refused", _("refused")

    certificate = models.ForeignKey(
        Certificate, on_delete=models.PROTECT, related_name="renewal_requests", verbose_name=_("certificate")
    )
    portfolio = models.FileField(
        _("renewal portfolio"),
        upload_to=PrivatePath("certification/renewals"),
        validators=[validate_document],
        blank=True,
        help_text=_("Evidence of your practice during the certificate's period, as the LSP asks for renewal."),
    )
    status = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.SUBMITTED)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("submitted by")
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("reason of the decision"), blank=True)
    renewal = models.OneToOneField(
        Certificate,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="renewal_request",
        verbose_name=_("new certificate"),
    )
    history = HistoricalRecords()

    objects = CertificateRenewalRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("certificate renewal request")
        verbose_name_plural = _("certificate renewal requests")
        constraints = [
            models.UniqueConstraint(
                fields=["certificate"],
                condition=models.Q(status="submitted"),
                name="certification_one_waiting_renewal_request",
            )
        ]

    def __str__(self):
        return f"{self.certificate.number} — {self.get_status_display()}"

    @property
    def waiting(self) -> bool:
        return self.status == self.State.SUBMITTED
