"""IPSPI member register: people, their education/experience/training, membership
applications, members, dues, transfers.

Member numbers
--------------
A member number has the form ``IPSPI.<province code>.<year>.<serial>``, e.g.
``IPSPI.32.2026.00001``:

* ``IPSPI`` — the issuing organisation;
* ``<province code>`` — the two-digit Kemendagri code of the province whose register the member
  joined (for applications sent directly to the DPP: the applicant's own province);
* ``<year>`` — the year of verification;
* ``<serial>`` — five digits, gapless per province and year, from the counter series
  ``member:<province code>:<year>`` (``core.numbering.allocate``) inside the verifying
  transaction. A unique constraint on ``Member.number`` is the safety net.

A number is never reused and never changes: a transfer (mutasi) to another province keeps it.
"""

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from django_fsm import transition
from simple_history.models import HistoricalRecords
from unidecode import unidecode

from core.fields import StateField
from core.files import PrivatePath, validate_document, validate_image
from core.integrity import NeverDeletedModel, VersionedModel
from core.models import EffectivePeriod, FrozenOnceInForce
from core.numbering import NumberFormat
from core.vocabulary import EducationLevel, StudyField, WorkforceCategory
from credentials.models import StatusCategory, new_public_id, status_category_field

# The name search lives beside its index (name_index.py); a queryset here filters with it.
from .name_index import name_contains

NUMBER_PREFIX = "IPSPI"
NUMBER_PATTERN = re.compile(r"^IPSPI\.\d{2}\.\d{4}\.\d{5}$")
HTML_PATTERN = re.compile(r"[<>]")


def member_number(province_code: str, year: int, serial: int) -> str:
    """IPSPI.<province code>.<year>.<5-digit serial>."""
    return f"{NUMBER_PREFIX}.{province_code}.{year}.{serial:05d}"


def member_number_series(province_code: str, year: int) -> str:
    return f"member:{province_code}:{year}"


_NOT_NAME_CHARACTERS = re.compile(r"[^a-z0-9 ]+")


def normalise_name(name: str) -> str:
    """Lower-case ASCII words without titles' punctuation: used to find duplicates."""
    return " ".join(_NOT_NAME_CHARACTERS.sub(" ", unidecode(str(name or "")).lower()).split())


def validate_plain_text(value: str) -> None:
    if value and HTML_PATTERN.search(value):
        raise ValidationError(_("Names cannot contain the characters < or >."), code="html")


class Sex(models.TextChoices):
    MALE = "L", _("male (L)")
    FEMALE = "P", _("female (P)")


class Category(models.TextChoices):
    """IPSPI membership categories (SK DPP IPSPI No. 04/2010 Sistem Keanggotaan)."""

    BIASA = "biasa", _("Anggota Biasa (full member)")
    REKAN = "rekan", _("Anggota Rekan (associate member)")


class PersonQuerySet(models.QuerySet):
    def legacy_unclaimed(self):
        return self.filter(user__isnull=True).exclude(source=Person.SELF)


class Person(models.Model):
    """A social worker's profile. Created by the person (source ``self``) or by a legacy import
    (source = the list's name, no user until the person claims the record)."""

    SELF = "self"

    Workforce = WorkforceCategory

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="person", verbose_name=_("user")
    )
    nik = models.CharField(_("NIK"), max_length=16, unique=True, null=True, blank=True)
    full_name = models.CharField(_("full name"), max_length=150, validators=[validate_plain_text])
    name_key = models.CharField(max_length=150, db_index=True, editable=False, default="")
    birth_place = models.CharField(_("place of birth"), max_length=100, blank=True, validators=[validate_plain_text])
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    photo = models.FileField(
        _("photo"),
        upload_to=PrivatePath("registry/photos"),
        validators=[validate_image],
        blank=True,
        help_text=_("A recent passport-style photo, JPEG or PNG."),
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True, db_index=True)
    address = models.TextField(_("address"), blank=True)
    province = models.ForeignKey(
        "regions.Province", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("province")
    )
    regency = models.ForeignKey(
        "regions.Regency", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("regency/city")
    )
    workforce_category = models.CharField(_("workforce category"), max_length=40, choices=Workforce.choices, blank=True)
    source = models.CharField(_("source"), max_length=100, default=SELF, help_text=_("“self” or the name of the imported list."))
    import_sources = models.JSONField(_("imported from"), default=list, blank=True)
    claimed = models.BooleanField(_("claimed"), default=False, help_text=_("An imported record its person has taken over."))
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [models.Index(fields=["name_key", "birth_date"])]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.name_key = normalise_name(self.full_name)
        if self.nik == "":
            self.nik = None
        super().save(*args, **kwargs)

    @property
    def is_legacy(self) -> bool:
        return self.source != self.SELF

    @property
    def source_display(self) -> str:
        """Where the record came from, in words: "self" is a stored code, not something to show."""
        return str(_("registered through Peksos by the person")) if self.source == self.SELF else self.source

    def clean(self):
        from regions.nik import NikError, mismatches, normalise_nik, parse_nik

        errors: dict[str, list] = {}
        today = timezone.localdate()
        if self.birth_date:
            if self.birth_date > today:
                errors.setdefault("birth_date", []).append(_("The date of birth cannot be in the future."))
            elif self.birth_date < datetime.date(today.year - 100, 1, 1):
                errors.setdefault("birth_date", []).append(_("The date of birth is more than 100 years ago."))
            elif self.birth_date > datetime.date(today.year - 15, today.month, min(today.day, 28)):
                errors.setdefault("birth_date", []).append(_("A member must be at least 15 years old."))
        if self.nik:
            self.nik = normalise_nik(self.nik)
            try:
                info = parse_nik(self.nik)
            except NikError as exc:
                errors.setdefault("nik", []).extend(exc.problems)
            else:
                problems = mismatches(info, birth_date=self.birth_date, sex=self.sex or None)
                if problems:
                    errors.setdefault("nik", []).extend(problems)
        if self.regency_id and self.province_id and self.regency.province_id != self.province_id:
            errors.setdefault("regency", []).append(_("This regency/city is not in the chosen province."))
        if errors:
            raise ValidationError(errors)

    def missing_for_application(self) -> list[str]:
        """What the profile still lacks before a membership application can be submitted."""
        missing = []
        for field in ("nik", "full_name", "birth_place", "birth_date", "sex", "phone", "email", "province", "workforce_category"):
            if not getattr(self, field if field != "province" else "province_id"):
                missing.append(str(self._meta.get_field(field).verbose_name))
        if not self.photo:
            missing.append(str(self._meta.get_field("photo").verbose_name))
        return missing

    def suggested_category(self) -> str:
        """Anggota Biasa for social-work / social-welfare graduates (D4/S1 and up), Anggota Rekan
        for students and others (SK DPP IPSPI 04/2010)."""
        graduate = self.educations.filter(
            study_field__in=[Education.Field.PEKERJAAN_SOSIAL, Education.Field.KESEJAHTERAAN_SOSIAL],
            level__in=[Education.Level.D4, Education.Level.S1, Education.Level.S2, Education.Level.S3, Education.Level.PROFESI],
        ).exists()
        return Category.BIASA if graduate else Category.REKAN

    def training_hours(self) -> int:
        return self.trainings.aggregate(total=models.Sum("hours"))["total"] or 0

    @property
    def profile_locked(self) -> bool:
        """While an application is awaiting a decision, the profile and its entries stay as they
        were submitted: the pages offer no change and the services refuse one."""
        if not self.pk:
            return False
        open_applications = self.applications.filter(
            status__in=[
                MembershipApplication.Status.DRAFT,
                MembershipApplication.Status.SUBMITTED,
                MembershipApplication.Status.RETURNED,
            ]
        )
        return any(a.awaiting_decision for a in open_applications)


class Education(models.Model):
    Level = EducationLevel
    Field = StudyField

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="educations", verbose_name=_("person"))
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    study_programme = models.CharField(_("study programme"), max_length=150, blank=True, validators=[validate_plain_text])
    study_field = models.CharField(_("field of study"), max_length=30, choices=Field.choices, default=Field.LAINNYA)
    institution = models.CharField(_("institution"), max_length=200, blank=True, validators=[validate_plain_text])
    graduation_year = models.PositiveSmallIntegerField(_("graduation year"), null=True, blank=True)
    diploma = models.FileField(
        _("diploma"), upload_to=PrivatePath("registry/diplomas"), validators=[validate_document], blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-graduation_year", "pk"]
        verbose_name = _("education")
        verbose_name_plural = _("education")

    def __str__(self):
        return f"{self.get_level_display()} {self.study_programme}".strip()

    def clean(self):
        today = timezone.localdate()
        if self.graduation_year:
            if self.graduation_year > today.year:
                raise ValidationError({"graduation_year": _("The graduation year cannot be in the future.")})
            birth = getattr(self.person, "birth_date", None) if self.person_id else None
            if birth and self.graduation_year <= birth.year:
                raise ValidationError({"graduation_year": _("The graduation year is before the date of birth.")})
            if self.graduation_year < 1940:
                raise ValidationError({"graduation_year": _("The graduation year is not plausible.")})


class WorkExperience(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="experiences", verbose_name=_("person"))
    employer = models.CharField(_("employer"), max_length=200, validators=[validate_plain_text])
    position = models.CharField(_("position"), max_length=150, validators=[validate_plain_text])
    practice_field = models.CharField(
        _("field of practice"),
        max_length=150,
        blank=True,
        validators=[validate_plain_text],
        help_text=_("E.g. child protection, disability, elderly, community development."),
    )
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True, help_text=_("Leave empty if you still work there."))
    evidence = models.FileField(
        _("evidence"),
        upload_to=PrivatePath("registry/experience"),
        validators=[validate_document],
        blank=True,
        help_text=_("E.g. a letter from the employer (PDF, JPEG or PNG)."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_on", "pk"]
        verbose_name = _("work experience")
        verbose_name_plural = _("work experience")

    def __str__(self):
        return f"{self.position}, {self.employer}"

    def clean(self):
        today = timezone.localdate()
        errors = {}
        if self.started_on and self.started_on > today:
            errors["started_on"] = _("The start date cannot be in the future.")
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            errors["ended_on"] = _("The end date is before the start date.")
        if self.ended_on and self.ended_on > today:
            errors["ended_on"] = _("The end date cannot be in the future.")
        birth = getattr(self.person, "birth_date", None) if self.person_id else None
        if birth and self.started_on and self.started_on <= birth:
            errors["started_on"] = _("The start date is before the date of birth.")
        if errors:
            raise ValidationError(errors)

    def days(self, today: datetime.date | None = None) -> int:
        end = self.ended_on or today or timezone.localdate()
        return max(0, (end - self.started_on).days)


class Training(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="trainings", verbose_name=_("person"))
    title = models.CharField(_("title"), max_length=200, validators=[validate_plain_text])
    organiser = models.CharField(_("organiser"), max_length=200, blank=True, validators=[validate_plain_text])
    hours = models.PositiveIntegerField(_("hours"))
    held_on = models.DateField(_("date"))
    certificate = models.FileField(
        _("certificate"), upload_to=PrivatePath("registry/trainings"), validators=[validate_document], blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "pk"]
        verbose_name = _("training")
        verbose_name_plural = _("trainings")

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.held_on and self.held_on > timezone.localdate():
            errors["held_on"] = _("The training date cannot be in the future.")
        birth = getattr(self.person, "birth_date", None) if self.person_id else None
        if birth and self.held_on and self.held_on <= birth:
            errors["held_on"] = _("The training date is before the date of birth.")
        if self.hours is not None and not 1 <= self.hours <= 2000:
            errors["hours"] = _("Training hours must be between 1 and 2000.")
        if errors:
            raise ValidationError(errors)


class MembershipApplicationQuerySet(models.QuerySet):
    def queue(self):
        return self.filter(status=MembershipApplication.Status.SUBMITTED)


class MembershipApplication(VersionedModel, NeverDeletedModel, models.Model):
    """An application to be registered as an IPSPI member, through a DPD (province) or
    directly with the DPP. Verification assigns the member number."""

    class Channel(models.TextChoices):
        DPD = "dpd", _("DPD (provincial board)")
        DPP = "dpp", _("DPP (national board)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned for correction")
        VERIFIED = "verified", _("verified")
        REJECTED = "rejected", _("rejected")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="applications", verbose_name=_("person"))
    channel = models.CharField(_("channel"), max_length=3, choices=Channel.choices, default=Channel.DPD)
    province = models.ForeignKey(
        "regions.Province",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("province"),
        help_text=_("The DPD that verifies (for the DPP channel: the applicant's province, used for the number)."),
    )
    category = models.CharField(_("requested category"), max_length=10, choices=Category.choices, default=Category.BIASA)
    status = StateField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    reason = models.TextField(_("reason"), blank=True, help_text=_("Why the application was returned or rejected."))
    from_claim = models.BooleanField(_("re-registration of an imported record"), default=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = MembershipApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        indexes = [
            models.Index(fields=["status", "channel", "province"]),
            models.Index(fields=["submitted_at"], name="registry_application_submitted"),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in {self.Status.DRAFT, self.Status.SUBMITTED, self.Status.RETURNED}

    @property
    def allowed_transitions(self) -> set[str]:
        """The names of the transitions the state machine allows now: the one source for the
        actions a page offers (marked `data-transition`) and for what the services accept."""
        return {t.name for t in self.get_available_status_transitions()}

    @property
    def editable_by_applicant(self) -> bool:
        """The applicant may still change and submit it (a draft, or returned for correction)."""
        return "submit" in self.allowed_transitions

    @property
    def awaiting_decision(self) -> bool:
        """Submitted and not yet decided: the data it is judged on stays as submitted."""
        return bool(self.allowed_transitions - {"submit"})

    @transition(field=status, source=[Status.DRAFT, Status.RETURNED], target=Status.SUBMITTED)
    def submit(self):
        self.submitted_at = timezone.now()
        self.reason = ""
        self._change_reason = gettext_noop("submitted")

    @transition(field=status, source=Status.SUBMITTED, target=Status.VERIFIED)
    def verify(self, *, by):
        self.decided_by = by
        self.decided_at = timezone.now()
        self._change_reason = gettext_noop("verified")

    @transition(field=status, source=Status.SUBMITTED, target=Status.RETURNED)
    def return_for_correction(self, *, by, reason: str):
        self.decided_by = by
        self.decided_at = timezone.now()
        self.reason = reason
        self._change_reason = gettext_noop("returned for correction")

    @transition(field=status, source=Status.SUBMITTED, target=Status.REJECTED)
    def reject(self, *, by, reason: str):
        self.decided_by = by
        self.decided_at = timezone.now()
        self.reason = reason
        self._change_reason = gettext_noop("rejected")


class MemberQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related("person", "province", "credential")

    def filtered(self, *, province=None, category=None, status=None, education=None, practice_field=None, q=None):
        qs = self
        if province:
            qs = qs.filter(province_id=province)
        if category:
            qs = qs.filter(category=category)
        if status:
            qs = qs.filter(status=status)
        # EXISTS rather than JOIN + DISTINCT: the list stays ordered by number and stops at a page.
        if education:
            qs = qs.filter(models.Exists(Education.objects.filter(person_id=models.OuterRef("person_id"), level=education)))
        if practice_field:
            qs = qs.filter(
                models.Exists(
                    WorkExperience.objects.filter(
                        person_id=models.OuterRef("person_id"), practice_field__icontains=practice_field
                    )
                )
            )
        if q:
            number = q.strip().upper()
            if NUMBER_PATTERN.match(number):
                qs = qs.filter(number=number)  # the unique index answers at once
            else:
                qs = qs.filter(name_contains(normalise_name(q), prefix="person__"))
        return qs


class Member(NeverDeletedModel, models.Model):
    """A registered IPSPI member. See the module docstring for the number format."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        LAPSED = "lapsed", _("lapsed (dues unpaid)")
        SUSPENDED = "suspended", _("suspended")
        ENDED = "ended", _("ended")

    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="member", verbose_name=_("person"))
    number = models.CharField(_("member number"), max_length=40, unique=True)
    category = models.CharField(_("category"), max_length=10, choices=Category.choices)
    province = models.ForeignKey("regions.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("province"))
    status = StateField(_("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE)
    # The officer's words (staff only); the public reads the category (credentials.StatusCategory).
    status_reason = models.CharField(_("reason for status (internal)"), max_length=255, blank=True)
    status_category = status_category_field()
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    joined_on = models.DateField(_("member since"))
    card_valid_until = models.DateField(_("card valid until"), null=True, blank=True)
    application = models.OneToOneField(
        MembershipApplication,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="member",
        verbose_name=_("application"),
    )
    credential = models.OneToOneField(
        "credentials.Credential",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("member card credential"),
    )
    card_pdf = models.FileField(_("member card PDF"), upload_to=PrivatePath("registry/cards"), blank=True)
    history = HistoricalRecords()

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        indexes = [
            models.Index(fields=["province", "status", "category"]),
            models.Index(fields=["joined_on"], name="registry_member_joined"),
        ]

    def __str__(self):
        return f"{self.number} {self.person}"

    def province_on(self, moment: datetime.datetime):
        """The province whose DPD the member belonged to at `moment`: the one the first transfer
        after it left from, else the present one (a receipt names the DPD that issued it, also
        after a later transfer)."""
        later = (
            self.transfers.filter(recorded_at__gt=moment).order_by("recorded_at", "pk").select_related("from_province").first()
        )
        return later.from_province if later else self.province

    def arrears(self, today: datetime.date | None = None) -> int:
        """Whole rupiah in arrears (see DuesInvoiceQuerySet)."""
        return sum(DuesInvoice.objects.filter(member=self).arrears_by_year(today).values())

    def _set_status_reason(self, reason: str, category: str = ""):
        self.status_reason = reason[:255]
        self.status_category = category
        self.status_changed_at = timezone.now()
        self._change_reason = reason[:100]

    @transition(field=status, source=Status.ACTIVE, target=Status.LAPSED)
    def lapse(self, *, reason: str):
        self._set_status_reason(reason, StatusCategory.DUES_UNPAID)

    @transition(field=status, source=Status.LAPSED, target=Status.ACTIVE)
    def reactivate(self, *, reason: str):
        self._set_status_reason(reason)

    @transition(field=status, source=[Status.ACTIVE, Status.LAPSED], target=Status.SUSPENDED)
    def suspend(self, *, reason: str, category: str):
        self._set_status_reason(reason, category)

    @transition(field=status, source=Status.SUSPENDED, target=Status.ACTIVE)
    def reinstate(self, *, reason: str, category: str = ""):
        self._set_status_reason(reason)

    @transition(field=status, source=[Status.ACTIVE, Status.LAPSED, Status.SUSPENDED], target=Status.ENDED)
    def end(self, *, reason: str, category: str):
        self._set_status_reason(reason, category)


class FeeSchedule(EffectivePeriod):
    """Yearly dues per category, set by the DPP (data, not code)."""

    category = models.CharField(_("category"), max_length=10, choices=Category.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.PositiveIntegerField(_("amount (rupiah)"))
    due_month = models.PositiveSmallIntegerField(_("due by end of month"), default=3)
    grace_days = models.PositiveSmallIntegerField(_("grace period (days)"), default=90)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "category"]
        verbose_name = _("fee schedule")
        verbose_name_plural = _("fee schedules")
        constraints = [models.UniqueConstraint(fields=["category", "year", "valid_from"], name="registry_fee_unique")]

    def __str__(self):
        return f"{self.get_category_display()} {self.year}: Rp {self.amount:,}".replace(",", ".")

    def due_on(self) -> datetime.date:
        from core.dates import add_months

        return add_months(datetime.date(self.year, self.due_month, 1), 1) - datetime.timedelta(days=1)


class CardValidity(FrozenOnceInForce, EffectivePeriod):
    """How long a member card issued on a day is valid: the issuer's (IPSPI, DPP) setting, as dated
    versions. A card reads the version in force on its issue date; a version in force is never
    edited (a new one is published from a date, the previous one closed the day before)."""

    years = models.PositiveSmallIntegerField(_("card valid for (years)"), validators=[MinValueValidator(1)])
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("set by"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("member card validity")
        verbose_name_plural = _("member card validities")
        constraints = [models.UniqueConstraint(fields=["valid_from"], name="registry_card_validity_unique_start")]

    def __str__(self):
        return f"{self.years} ({self.valid_from.isoformat()})"


class DuesInvoiceQuerySet(models.QuerySet):
    """Arrears have one meaning: rupiah still owed (billed less confirmed payments) on invoices
    left unpaid past their grace period — the point at which a member lapses. The member page,
    the DPD's member record and the dashboard all read `arrears_by_year`, so they agree."""

    def in_arrears(self, today: datetime.date | None = None):
        return self.filter(status=DuesInvoice.Status.OPEN, grace_until__lt=today or timezone.localdate())

    def owed_by_year(self) -> dict[int, int]:
        """Rupiah still owed per invoice year: amounts billed less confirmed payments. One query;
        the payments are looked up per invoice through their foreign-key index."""
        paid = (
            DuesPayment.objects.filter(invoice=models.OuterRef("pk"), status=DuesPayment.Status.CONFIRMED)
            .order_by()
            .values("invoice")
            .annotate(total=models.Sum("amount"))
            .values("total")
        )
        owed = models.F("amount") - Coalesce(models.Subquery(paid), models.Value(0))
        return dict(self.order_by().values_list("year").annotate(owed=models.Sum(owed)))

    def arrears_by_year(self, today: datetime.date | None = None) -> dict[int, int]:
        return self.in_arrears(today).owed_by_year()

    def with_totals(self):
        """Each invoice with `paid_total` (confirmed payments) and `outstanding_total` (still
        owed): the sums `outstanding()` and the arrears use, read in the same query as the list."""
        paid = Coalesce(models.Subquery(_confirmed_paid(models.OuterRef("pk"))), models.Value(0))
        return self.annotate(paid_total=paid, outstanding_total=models.F("amount") - paid)


def _confirmed_paid(invoice):
    """Rupiah of confirmed payments on `invoice` (a pk or an OuterRef), as a one-value subquery."""
    return (
        DuesPayment.objects.filter(invoice=invoice, status=DuesPayment.Status.CONFIRMED)
        .order_by()
        .values("invoice")
        .annotate(total=models.Sum("amount"))
        .values("total")
    )


class DuesInvoice(NeverDeletedModel, models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("unpaid")
        PAID = "paid", _("paid")
        WAIVED = "waived", _("waived")

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="invoices", verbose_name=_("member"))
    year = models.PositiveSmallIntegerField(_("year"))
    fee_schedule = models.ForeignKey(FeeSchedule, on_delete=models.PROTECT, related_name="+", verbose_name=_("fee schedule"))
    amount = models.PositiveIntegerField(_("amount (rupiah)"))
    due_on = models.DateField(_("due on"))
    grace_until = models.DateField(_("grace period until"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = DuesInvoiceQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("dues invoice")
        verbose_name_plural = _("dues invoices")
        constraints = [models.UniqueConstraint(fields=["member", "year"], name="registry_invoice_once_a_year")]
        # The dashboard's dues by year read this index alone, never the table.
        indexes = [models.Index(fields=["year", "status", "grace_until", "amount"], name="registry_dues_by_year")]

    def __str__(self):
        return f"{self.member.number} {self.year}"

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.status == self.Status.OPEN and (today or timezone.localdate()) > self.grace_until

    def outstanding(self) -> int:
        """Rupiah still owed on this invoice (the same sum as a member's arrears)."""
        return DuesInvoice.objects.filter(pk=self.pk).owed_by_year().get(self.year, 0)

    def paid(self) -> int:
        """Rupiah of confirmed payments on this invoice."""
        return self.amount - self.outstanding()

    @property
    def period_start(self) -> datetime.date:
        """The first day of the year the invoice bills: no payment for it is dated earlier."""
        return datetime.date(self.year, 1, 1)

    @property
    def payment_reference(self) -> str:
        """What the member writes in the transfer's description, so the DPD can match it: in
        the DPD's own format when it has set one (`PaymentInstructions.reference_format`)."""
        return payment_reference(DEFAULT_REFERENCE_FORMAT, year=self.year, number=self.member.number)

    def payment_reference_for(self, instructions: "PaymentInstructions | None") -> str:
        fmt = instructions.reference_format if instructions is not None and instructions.reference_format else None
        return payment_reference(fmt or DEFAULT_REFERENCE_FORMAT, year=self.year, number=self.member.number)


RECEIPT_NUMBER = NumberFormat("receipt:{province}:{year}", "KW.IPSPI.{province}.{year}.{serial:05d}")


class DuesPaymentQuerySet(models.QuerySet):
    def with_invoice_totals(self):
        """Each payment with its invoice's `invoice_paid` (confirmed) and `invoice_outstanding`
        (still owed), as DuesInvoiceQuerySet.with_totals counts them."""
        paid = Coalesce(models.Subquery(_confirmed_paid(models.OuterRef("invoice_id"))), models.Value(0))
        return self.annotate(invoice_paid=paid, invoice_outstanding=models.F("invoice__amount") - paid)


class DuesPayment(NeverDeletedModel, models.Model):
    """A payment against an invoice: proof uploaded by the member, or recorded by an officer.
    The DPD confirms it; confirmation numbers a receipt."""

    class Method(models.TextChoices):
        PROOF = "proof", _("proof uploaded by the member")
        OFFICER = "officer", _("recorded by an officer")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("awaiting confirmation")
        CONFIRMED = "confirmed", _("confirmed")
        REJECTED = "rejected", _("rejected")
        # Confirmed by mistake (a transfer that bounced, a payment recorded twice): the receipt
        # stays numbered, and its public page says it is cancelled.
        CANCELLED = "cancelled", _("cancelled (receipt withdrawn)")

    invoice = models.ForeignKey(DuesInvoice, on_delete=models.PROTECT, related_name="payments", verbose_name=_("invoice"))
    amount = models.PositiveIntegerField(_("amount (rupiah)"))
    paid_on = models.DateField(_("paid on"))
    method = models.CharField(_("method"), max_length=8, choices=Method.choices)
    proof = models.FileField(
        _("proof of payment"), upload_to=PrivatePath("registry/dues"), validators=[validate_document], blank=True
    )
    reference = models.CharField(_("bank reference"), max_length=100, blank=True, validators=[validate_plain_text])
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    status = StateField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    receipt_number = models.CharField(_("receipt number"), max_length=40, unique=True, null=True, blank=True)
    # The receipt's QR code opens /anggota/kuitansi/cek/<id>: opaque (not the sequential receipt
    # number), so receipts cannot be collected by counting. Given at confirmation; a receipt
    # numbered before it existed (imported, generated) gets one the first time it is printed.
    public_id = models.CharField(_("verification id"), max_length=32, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = DuesPaymentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("dues payment")
        verbose_name_plural = _("dues payments")

    def __str__(self):
        return f"{self.invoice} Rp {self.amount}"

    def clean(self):
        """A payment is dated on a Jakarta calendar day within its invoice's period: not before
        the billed year starts, and not after today."""
        from core.dates import format_local, register_day

        if self.paid_on is None or not self.invoice_id:
            return
        if self.paid_on > register_day():
            raise ValidationError({"paid_on": _("The payment date cannot be in the future.")})
        start = self.invoice.period_start
        if self.paid_on < start:
            raise ValidationError(
                {"paid_on": _("The payment date is before the invoice period (%(start)s).") % {"start": format_local(start)}}
            )

    @transition(field=status, source=Status.SUBMITTED, target=Status.CONFIRMED)
    def confirm(self, *, by, receipt_number: str):
        self.decided_by = by
        self.decided_at = timezone.now()
        self.receipt_number = receipt_number
        self.public_id = self.public_id or new_public_id()
        self._change_reason = gettext_noop("confirmed")

    @transition(field=status, source=Status.CONFIRMED, target=Status.CANCELLED)
    def cancel(self, *, reason: str):
        # Who cancelled is the history's user; decided_by stays the officer who confirmed it.
        self.reason = reason[:255]
        self._change_reason = gettext_noop("receipt cancelled")

    @property
    def is_receipt_valid(self) -> bool:
        """A receipt stands while its payment stays confirmed; any other state reads as cancelled."""
        return self.status == self.Status.CONFIRMED

    def verification_id(self) -> str:
        """The receipt's verification id, given now if it has none yet (a receipt numbered before
        receipts had one). Set only where it is still empty, so two printings agree on one id."""
        if self.public_id or not self.receipt_number:
            return self.public_id or ""
        DuesPayment.objects.filter(pk=self.pk, public_id__isnull=True).update(public_id=new_public_id())
        self.public_id = DuesPayment.objects.values_list("public_id", flat=True).get(pk=self.pk)
        return self.public_id or ""

    def verification_url(self) -> str:
        """The public page the receipt's QR code opens ("" for a payment without a receipt)."""
        from django.urls import reverse

        public_id = self.verification_id()
        return f"{settings.SITE_URL}{reverse('registry:receipt_check', args=[public_id])}" if public_id else ""

    @transition(field=status, source=Status.SUBMITTED, target=Status.REJECTED)
    def reject(self, *, by, reason: str):
        self.decided_by = by
        self.decided_at = timezone.now()
        self.reason = reason[:255]
        self._change_reason = gettext_noop("rejected")


_ACCOUNT_NUMBER_SEPARATORS = re.compile(r"[\s.\-]+")
# The reference a member writes with a transfer, as the DPD's bank statement must show it:
# {nomor} (the member number) is required so the payment can be matched; {tahun} is the dues year.
DEFAULT_REFERENCE_FORMAT = "IURAN {tahun} {nomor}"
REFERENCE_PLACEHOLDERS = ("nomor", "tahun")


def reference_format_problem(fmt: str) -> str | None:
    """Why `fmt` cannot be a payment reference format (None: it can)."""
    import string

    try:
        fields = [name for _text, name, _spec, _conv in string.Formatter().parse(fmt) if name is not None]
    except ValueError:
        return gettext("Write placeholders as {nomor} and {tahun}, each in a pair of braces.")
    unknown = sorted(set(fields) - set(REFERENCE_PLACEHOLDERS))
    if unknown:
        return gettext("Only {nomor} and {tahun} can be used; not: %(fields)s.") % {"fields": ", ".join(unknown)}
    if "nomor" not in fields:
        return gettext("The reference must contain the member number: {nomor}.")
    if len(payment_reference(fmt, year=2026, number="IPSPI.32.2026.00001")) > 60:
        return gettext("The reference is too long for a bank transfer description (at most 60 characters).")
    return None


def payment_reference(fmt: str, *, year: int, number: str) -> str:
    return fmt.format(nomor=number, tahun=year)


class PaymentInstructions(models.Model):
    """Where the members of one province pay their dues: the bank account of the DPD, kept by
    its officers and shown on every member's pay page with the reference to write."""

    province = models.OneToOneField(
        "regions.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("province (DPD)")
    )
    bank_name = models.CharField(_("bank"), max_length=100, validators=[validate_plain_text])
    account_number = models.CharField(
        _("account number"), max_length=30, help_text=_("Digits only; spaces, dots and dashes are left out.")
    )
    account_holder = models.CharField(_("account holder"), max_length=150, validators=[validate_plain_text])
    note = models.TextField(
        _("note for members"),
        max_length=500,
        blank=True,
        validators=[validate_plain_text],
        help_text=_("E.g. other ways to pay, or whom to contact."),
    )
    reference_format = models.CharField(
        _("payment reference format"),
        max_length=60,
        default=DEFAULT_REFERENCE_FORMAT,
        blank=True,  # left empty: the default format
        help_text=_(
            "What members write in the transfer description: {nomor} is the member number (required), {tahun} the dues year."
        ),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("updated by")
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["province__code"]
        verbose_name = _("dues payment instructions")
        verbose_name_plural = _("dues payment instructions")

    def __str__(self):
        return f"{self.province}: {self.bank_name} {self.account_number}"

    def clean(self):
        self.account_number = _ACCOUNT_NUMBER_SEPARATORS.sub("", self.account_number or "")
        if self.account_number and not re.fullmatch(r"[0-9]{5,30}", self.account_number):
            raise ValidationError(
                {"account_number": _("The account number may contain only digits (5 to 30), without letters or signs.")}
            )
        self.reference_format = (self.reference_format or "").strip() or DEFAULT_REFERENCE_FORMAT
        problem = reference_format_problem(self.reference_format)
        if problem:
            raise ValidationError({"reference_format": problem})


class Transfer(NeverDeletedModel, models.Model):
    """Mutasi: a member moves to another province's DPD. The number stays."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="transfers", verbose_name=_("member"))
    from_province = models.ForeignKey(
        "regions.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("from province")
    )
    to_province = models.ForeignKey("regions.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("to province"))
    reason = models.CharField(_("reason"), max_length=255, validators=[validate_plain_text])
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("transfer (mutasi)")
        verbose_name_plural = _("transfers (mutasi)")

    def __str__(self):
        return f"{self.member.number}: {self.from_province} → {self.to_province}"


class ImportBatch(models.Model):
    """A legacy list uploaded by staff: previewed (dry run), then confirmed."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("previewed")
        IMPORTING = "importing", _("being imported")
        IMPORTED = "imported", _("imported")

    source = models.CharField(_("source name"), max_length=100, validators=[validate_plain_text])
    file = models.FileField(_("file"), upload_to=PrivatePath("registry/imports"))
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PREVIEWED)
    preview_report = models.JSONField(_("preview report"), default=dict, blank=True)
    report = models.JSONField(_("import report"), default=dict, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("legacy import")
        verbose_name_plural = _("legacy imports")

    def __str__(self):
        return f"{self.source} ({self.uploaded_at:%Y-%m-%d})"

    @property
    def source_kind(self) -> str:
        """What the list is (kongres, jaringan, lain), as chosen at upload: the preview ran with
        it, and the import runs with the same."""
        return self.preview_report.get("source_kind", "lain")


class ClaimRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=ClaimRequest.Status.SUBMITTED)


class ClaimRequest(NeverDeletedModel, models.Model):
    """A request to take over an imported record that has no e-mail address of its own. A NIK
    and a date of birth prove nothing (the NIK spells out the date of birth), so an officer of the
    record's DPD, or of the DPP, compares the identity document the claimant uploaded with the
    record before it becomes the claimant's."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("awaiting review")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="claim_requests", verbose_name=_("record"))
    claimant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("claimant"))
    document = models.FileField(
        _("identity document"),
        upload_to=PrivatePath("registry/claims"),
        validators=[validate_document],
        help_text=_("A photo or scan of your KTP (or another identity document showing your NIK): PDF, JPEG or PNG."),
    )
    status = StateField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = ClaimRequestQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("record claim")
        verbose_name_plural = _("record claims")
        indexes = [models.Index(fields=["status", "created_at"], name="registry_claim_queue")]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "claimant"], condition=models.Q(status="submitted"), name="registry_one_open_claim_per_claimant"
            )
        ]

    def __str__(self):
        return f"{self.person} ({self.get_status_display()})"

    @transition(field=status, source=Status.SUBMITTED, target=Status.APPROVED)
    def approve(self, *, by):
        self.decided_by = by
        self.decided_at = timezone.now()
        self._change_reason = gettext_noop("approved")

    @transition(field=status, source=Status.SUBMITTED, target=Status.REJECTED)
    def reject(self, *, by, reason: str):
        self.decided_by = by
        self.decided_at = timezone.now()
        self.reason = reason[:255]
        self._change_reason = gettext_noop("rejected")


class AssistedRegistration(NeverDeletedModel, models.Model):
    """A membership application an officer of a DPD or of the DPP entered on someone's behalf
    (who applied by e-mail or came to the office with their documents), with the consent the
    person gave, and the invitation by which the person takes over the record as their account.
    Only a hash of the invitation code is kept: the code is shown (or e-mailed) once."""

    class Consent(models.TextChoices):
        SIGNED_FORM = "signed_form", _("signed paper form (scan uploaded)")
        EMAIL = "email", _("by e-mail (the message uploaded)")
        LETTER = "letter", _("signed letter (scan uploaded)")

    person = models.OneToOneField(
        Person, on_delete=models.PROTECT, related_name="assisted_registration", verbose_name=_("person")
    )
    application = models.OneToOneField(
        MembershipApplication,
        on_delete=models.PROTECT,
        related_name="assisted_registration",
        verbose_name=_("application"),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("entered by")
    )
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now, editable=False)
    consent_given_by = models.CharField(
        _("consent given by"),
        max_length=150,
        validators=[validate_plain_text],
        help_text=_("The person's name, or the name of whoever signed for them."),
    )
    consent_given_on = models.DateField(_("consent given on"))
    consent_method = models.CharField(_("how consent was given"), max_length=12, choices=Consent.choices)
    consent_document = models.FileField(
        _("consent document"), upload_to=PrivatePath("registry/consents"), validators=[validate_document]
    )
    identity_document = models.FileField(
        _("identity document"), upload_to=PrivatePath("registry/assisted"), validators=[validate_document], blank=True
    )
    invitation_code_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    invitation_sent_to = models.EmailField(_("invitation sent to"), blank=True)
    invitation_expires_at = models.DateTimeField(_("invitation valid until"), null=True, blank=True)
    taken_over_at = models.DateTimeField(_("taken over at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-entered_at", "-pk"]
        verbose_name = _("assisted registration")
        verbose_name_plural = _("assisted registrations")

    def __str__(self):
        return f"{self.person} ({self.entered_at:%Y-%m-%d})"


# --- Continuing professional development (PKB / CPD) -------------------------------------------


class CpdCategory(models.TextChoices):
    TRAINING = "training", _("training")
    SEMINAR = "seminar", _("seminar or workshop")
    SUPERVISION = "supervision", _("supervision")
    PUBLICATION = "publication", _("publication")
    TEACHING = "teaching", _("teaching")
    PRACTICE = "practice", _("practice-based learning")


class CpdProvider(NeverDeletedModel, models.Model):
    """An organisation whose CPD activities the DPP accredits: what its accounts report
    (Role.CPD_PROVIDER held with the provider as organisation) counts without review while its
    accreditation runs."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    accredited_from = models.DateField(_("accredited from"))
    accredited_until = models.DateField(_("accredited until"), null=True, blank=True)
    decision = models.CharField(_("DPP decision"), max_length=255, help_text=_("The DPP decision that accredits the provider."))
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("CPD provider")
        verbose_name_plural = _("CPD providers")

    def __str__(self):
        return self.name

    def accredited_on(self, day: datetime.date) -> bool:
        return self.accredited_from <= day and (self.accredited_until is None or day <= self.accredited_until)


class CpdCreditRate(FrozenOnceInForce, EffectivePeriod):
    """Credits per hour of an activity category, set by the DPP as dated versions."""

    category = models.CharField(_("category"), max_length=12, choices=CpdCategory.choices)
    credits_per_hour = models.DecimalField(_("credits per hour"), max_digits=5, decimal_places=2)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("set by")
    )

    class Meta:
        ordering = ["category", "-valid_from"]
        verbose_name = _("CPD credit rate")
        verbose_name_plural = _("CPD credit rates")
        constraints = [models.UniqueConstraint(fields=["category", "valid_from"], name="registry_cpd_rate_unique_start")]

    def __str__(self):
        return f"{self.get_category_display()}: {self.credits_per_hour}"


class CpdRequirement(FrozenOnceInForce, EffectivePeriod):
    """Credits required over one STR period, set by the DPP as dated versions; a period is judged
    by the version in force on its last day."""

    credits_required = models.PositiveIntegerField(_("credits required per STR period"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("set by")
    )

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("CPD requirement")
        verbose_name_plural = _("CPD requirements")
        constraints = [models.UniqueConstraint(fields=["valid_from"], name="registry_cpd_requirement_unique_start")]

    def __str__(self):
        return f"{self.credits_required} ({self.valid_from.isoformat()})"


class CpdActivityQuerySet(models.QuerySet):
    def counted(self):
        return self.filter(status=CpdActivity.Status.ACCEPTED)

    def in_period(self, start: datetime.date, end: datetime.date):
        return self.filter(held_on__gte=start, held_on__lte=end)


class CpdActivity(NeverDeletedModel, models.Model):
    """One activity a member took part in. Recorded by the member (reviewed by the DPD of their
    province unless an accredited provider ran it) or reported by a provider's attendance list
    (accepted as it arrives)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("waiting for review")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    class Source(models.TextChoices):
        MEMBER = "member", _("recorded by the member")
        ATTENDANCE = "attendance", _("attendance list of the provider")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cpd_activities", verbose_name=_("person"))
    title = models.CharField(_("activity"), max_length=200, validators=[validate_plain_text])
    category = models.CharField(_("category"), max_length=12, choices=CpdCategory.choices)
    held_on = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0.5)])
    provider = models.ForeignKey(
        CpdProvider, null=True, blank=True, on_delete=models.PROTECT, related_name="activities", verbose_name=_("provider")
    )
    provider_name = models.CharField(_("organiser"), max_length=200, blank=True, validators=[validate_plain_text])
    evidence = models.FileField(
        _("evidence (certificate, letter)"), upload_to=PrivatePath("registry/cpd"), validators=[validate_document], blank=True
    )
    source = models.CharField(_("source"), max_length=12, choices=Source.choices, default=Source.MEMBER)
    # An attendance row's identity (provider, member, activity, date): the same list imported
    # twice adds nothing.
    import_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    status = StateField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED, protected=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    history = HistoricalRecords()

    objects = CpdActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("CPD activity")
        verbose_name_plural = _("CPD activities")
        indexes = [models.Index(fields=["person", "status", "held_on"], name="registry_cpd_person_status")]

    def __str__(self):
        return f"{self.title} ({self.held_on.isoformat()})"

    @transition(field=status, source=Status.SUBMITTED, target=Status.ACCEPTED)
    def accept(self, *, by):
        self.reviewed_by, self.reviewed_at = by, timezone.now()

    @transition(field=status, source=Status.SUBMITTED, target=Status.REJECTED)
    def reject(self, *, by, reason: str):
        self.reviewed_by, self.reviewed_at, self.reason = by, timezone.now(), reason[:255]
