"""Practice registration (STR) and practice licences.

Two regimes, chosen by the rule set in force on the application date (rules
are data): the 2009 regime of Permensos 108/HUK/2009 (the licence is granted by the Minister of
Social Affairs, applied for through the LSP, which forwards it with a recommendation; a valid
competency certificate is required) and the current regime of UU 14/2019 and Permensos 17/2020
(an STR from the professional organisation is required, and the licence — SIPPS — is granted by
the kabupaten/kota government of the practice place).

Numbers (the formats below, used by the services and by synthetic data): STR
``STR.IPSPI.<year>.<6-digit serial>``; licences ``SIPPS.<regency code>.<year>.<5-digit serial>``
per kabupaten/kota, ``LIS.KEMENSOS.<year>.<5-digit serial>`` under the 2009 regime.
"""

import datetime

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
from credentials.models import standing, standing_label, status_category_field

STR_NUMBER = NumberFormat("str:{year}", "STR.IPSPI.{year}.{serial:06d}")
LICENCE_NUMBER = NumberFormat("licence:{regency}:{year}", "SIPPS.{regency}.{year}.{serial:05d}")
NATIONAL_LICENCE_NUMBER = NumberFormat("licence:national:{year}", "LIS.KEMENSOS.{year}.{serial:05d}")


class LicensingRuleSet(FrozenOnceInForce, EffectivePeriod):
    class Regime(models.TextChoices):
        PERMENSOS_2009 = "2009", _("Permensos 108/HUK/2009: licence from the Minister through the LSP")
        UU_2019 = "2019", _("UU 14/2019 and Permensos 17/2020: STR from IPSPI, SIPPS from the kabupaten/kota")

    code = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=200)
    regime = models.CharField(_("regime"), max_length=4, choices=Regime.choices)
    str_validity_years = models.PositiveSmallIntegerField(_("STR valid for (years)"), default=5)
    licence_validity_years = models.PositiveSmallIntegerField(_("licence valid for (years)"), default=5)
    renewal_window_days = models.PositiveSmallIntegerField(_("renewal opens (days before the end)"), default=90)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("set by")
    )

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("licensing rule set")
        verbose_name_plural = _("licensing rule sets")

    def __str__(self):
        return self.name

    @property
    def requires_str(self) -> bool:
        return self.regime == self.Regime.UU_2019


class LicensingAuthority(models.Model):
    class Level(models.TextChoices):
        NATIONAL = "national", _("national (Ministry of Social Affairs)")
        REGENCY = "regency", _("kabupaten/kota government")

    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    regency = models.OneToOneField(
        "regions.Regency", null=True, blank=True, on_delete=models.PROTECT, related_name="licensing_authority"
    )

    class Meta:
        ordering = ["level", "name"]
        verbose_name = _("licensing authority")
        verbose_name_plural = _("licensing authorities")

    def __str__(self):
        return self.name


class Status(models.TextChoices):
    VALID = "valid", _("valid")
    EXPIRED = "expired", _("expired")
    SUSPENDED = "suspended", _("suspended")
    REVOKED = "revoked", _("revoked")
    RENEWED = "renewed", _("ended by renewal")


# The status changes an officer may make by hand, by the status they start from: one table for
# the buttons a page shows and for the service that makes the change. Revoked and expired are
# final (a renewal is a new record).
STATUS_ACTIONS = {
    "suspend": ({Status.VALID}, Status.SUSPENDED),
    "reinstate": ({Status.SUSPENDED}, Status.VALID),
    "revoke": ({Status.VALID, Status.SUSPENDED}, Status.REVOKED),
}


class StrApplication(VersionedModel):
    """The four requirements of UU 14/2019 Pasal 29."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        ISSUED = "issued", _("issued")
        REJECTED = "rejected", _("rejected")

    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="str_applications")
    certificate = models.ForeignKey(
        "certification.Certificate", on_delete=models.PROTECT, related_name="+", verbose_name=_("competency certificate")
    )
    health_statement = models.FileField(
        _("physical and mental health statement"),
        upload_to=PrivatePath("licensing/health"),
        validators=[validate_document],
        help_text=_("Specific personal data: only you and the deciding DPP officer can open it."),
    )
    oath_taken = models.BooleanField(_("I have sworn the social worker's oath"))
    code_of_ethics = models.BooleanField(_("I will comply with the social workers' code of ethics"))
    rule_set = models.ForeignKey(LicensingRuleSet, on_delete=models.PROTECT)
    renewal_of = models.ForeignKey(
        "Str", null=True, blank=True, on_delete=models.PROTECT, related_name="renewals", verbose_name=_("renews STR")
    )
    status = StateField(_("status"), max_length=10, choices=State.choices, default=State.SUBMITTED, protected=False)
    submitted_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("STR application")
        verbose_name_plural = _("STR applications")
        constraints = [
            # One STR application waiting per person, also when two arrive at once.
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(status="submitted"), name="one_waiting_str_application_per_person"
            ),
        ]

    def __str__(self):
        return f"STR — {self.person}"

    def decisions(self) -> list[str]:
        """The decisions its state allows (the transitions' names), for pages to offer."""
        return [t.name for t in self.get_available_status_transitions()]

    @transition(field=status, source=State.SUBMITTED, target=State.ISSUED)
    def issue(self, *, by):
        self.decided_by, self.decided_at = by, timezone.now()

    @transition(field=status, source=State.SUBMITTED, target=State.REJECTED)
    def reject(self, *, by, reason: str):
        self.decided_by, self.decided_at, self.reason = by, timezone.now(), reason


class CredentialStatusMixin(models.Model):
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.VALID)
    # The officer's words (staff only); the public reads the category (credentials.StatusCategory).
    status_reason = models.CharField(_("reason for status (internal)"), max_length=255, blank=True)
    status_category = status_category_field()
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))

    class Meta:
        abstract = True

    def current_status(self, today: datetime.date | None = None) -> str:
        """As its credential reads (credentials.models.standing): not yet valid before its
        first day, expired after its last."""
        return standing(self.status, self.valid_from, self.valid_until, today, self.status_category)

    def current_status_display(self) -> str:
        return standing_label(self.current_status())

    def status_actions(self) -> list[str]:
        """The status changes an officer may make from its status (STATUS_ACTIONS)."""
        return [action for action, (sources, _target) in STATUS_ACTIONS.items() if self.status in sources]

    def is_valid_on(self, day: datetime.date) -> bool:
        return self.status == Status.VALID and self.valid_from <= day <= self.valid_until


class StrQuerySet(models.QuerySet):
    def valid(self, on: datetime.date | None = None):
        on = on or register_day()
        return self.filter(status=Status.VALID, valid_from__lte=on, valid_until__gte=on)


class Str(CredentialStatusMixin, NeverDeletedModel):
    """Surat Tanda Registrasi: proof of registration with the professional organisation."""

    number = models.CharField(_("STR number"), max_length=40, unique=True)
    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="strs")
    # Both empty only for an STR brought in from before Peksos (its history names the source):
    # it was applied for outside Peksos, and its certificate may not be in the register.
    certificate = models.ForeignKey(
        "certification.Certificate", null=True, blank=True, on_delete=models.PROTECT, related_name="strs"
    )
    application = models.OneToOneField(StrApplication, null=True, blank=True, on_delete=models.PROTECT, related_name="str_issued")
    credential = models.OneToOneField("credentials.Credential", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # Rendered after the issuing transaction commits (licensing.tasks), like certificate PDFs.
    pdf = models.FileField(_("STR document (PDF)"), upload_to=PrivatePath("licensing/str"), blank=True)
    history = HistoricalRecords()

    objects = StrQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("STR")
        verbose_name_plural = _("STRs")

    def __str__(self):
        return self.number


def licence_claims(*, field: str, setting: str, regency: str) -> dict:
    """What a licence publishes about where its holder practises: the kabupaten/kota (whose
    government grants the SIPPS) and the setting, never the practice place as the applicant
    wrote it, which for independent or community practice is often a home address."""
    return {"field": field, "setting": setting, "regency": regency}


def _recommendation_required(application) -> bool:
    return application.needs_lsp_recommendation


def _recommended_if_required(application) -> bool:
    """Under Permensos 108/HUK/2009 a licence is granted only on the LSP's recommendation."""
    return not application.needs_lsp_recommendation or application.status == LicenceApplication.State.RECOMMENDED


class LicenceApplication(VersionedModel):
    class Setting(models.TextChoices):
        INSTITUTION = "institution", _("in an institution")
        INDEPENDENT = "independent", _("independent practice")
        COMMUNITY = "community", _("in a community")

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        RECOMMENDED = "recommended", _("recommended by the LSP")
        GRANTED = "granted", _("granted")
        REFUSED = "refused", _("refused")

    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="licence_applications")
    rule_set = models.ForeignKey(LicensingRuleSet, on_delete=models.PROTECT, verbose_name=_("rule set"))
    certificate = models.ForeignKey(
        "certification.Certificate", on_delete=models.PROTECT, related_name="+", verbose_name=_("competency certificate")
    )
    str_record = models.ForeignKey(Str, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("STR"))
    setting = models.CharField(_("practice setting"), max_length=12, choices=Setting.choices)
    # As the applicant wrote it, possibly a home address: for the licensing authority, never public.
    place = models.CharField(_("practice place"), max_length=200)
    regency = models.ForeignKey(
        "regions.Regency", on_delete=models.PROTECT, related_name="+", verbose_name=_("regency/city of the practice place")
    )
    field = models.CharField(_("field of practice"), max_length=60)
    authority = models.ForeignKey(
        LicensingAuthority, on_delete=models.PROTECT, related_name="applications", verbose_name=_("licensing authority")
    )
    renewal_of = models.ForeignKey(
        "Licence", null=True, blank=True, on_delete=models.PROTECT, related_name="renewals", verbose_name=_("renews licence")
    )
    status = StateField(_("status"), max_length=12, choices=State.choices, default=State.SUBMITTED, protected=False)
    submitted_at = models.DateTimeField(default=timezone.now)
    recommended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recommendation = models.TextField(_("LSP recommendation"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("licence application")
        verbose_name_plural = _("licence applications")
        indexes = [models.Index(fields=["authority", "status"])]
        constraints = [
            # One application waiting per person and licensing authority, also when two arrive at
            # once (migration 0008 closed any earlier duplicates).
            models.UniqueConstraint(
                fields=["person", "authority"],
                condition=models.Q(status__in=["submitted", "recommended"]),
                name="one_waiting_licence_application_per_person_and_authority",
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.place}"

    @property
    def needs_lsp_recommendation(self) -> bool:
        return self.rule_set.regime == LicensingRuleSet.Regime.PERMENSOS_2009

    def decisions(self) -> list[str]:
        """The decisions its state allows (the transitions' names), for pages to offer."""
        return [t.name for t in self.get_available_status_transitions()]

    def grant_waits_for_recommendation(self) -> bool:
        return self.status == self.State.SUBMITTED and not _recommended_if_required(self)

    @transition(field=status, source=State.SUBMITTED, target=State.RECOMMENDED, conditions=[_recommendation_required])
    def recommend(self, *, by, text: str):
        self.recommended_by, self.recommendation = by, text

    @transition(
        field=status,
        source=[State.SUBMITTED, State.RECOMMENDED],
        target=State.GRANTED,
        conditions=[_recommended_if_required],
    )
    def grant(self, *, by):
        self.decided_by, self.decided_at = by, timezone.now()

    @transition(field=status, source=[State.SUBMITTED, State.RECOMMENDED], target=State.REFUSED)
    def refuse(self, *, by, reason: str):
        self.decided_by, self.decided_at, self.reason = by, timezone.now(), reason


class LicenceQuerySet(models.QuerySet):
    def depending_on_certificate(self, certificate):
        return self.filter(
            models.Q(application__certificate=certificate) | models.Q(application__str_record__certificate=certificate)
        )


class Licence(CredentialStatusMixin, NeverDeletedModel):
    number = models.CharField(_("licence number"), max_length=40, unique=True)
    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="licences")
    # Empty only for a licence brought in from before Peksos (its history names the source).
    application = models.OneToOneField(
        LicenceApplication, null=True, blank=True, on_delete=models.PROTECT, related_name="licence"
    )
    authority = models.ForeignKey(LicensingAuthority, on_delete=models.PROTECT, related_name="licences")
    # The practice place of an imported licence as the source gives it (possibly a home address:
    # staff only); a licence issued in Peksos reads it from its application.
    practice_place = models.CharField(_("practice place"), max_length=200, blank=True)
    # On the licence letter beside its number: verifiers search and follow it (verifiers.numbers).
    decree_number = models.CharField(_("decree number"), max_length=100, db_index=True)
    decree_date = models.DateField(_("decree date"))
    credential = models.OneToOneField("credentials.Credential", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    objects = LicenceQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("practice licence")
        verbose_name_plural = _("practice licences")

    def __str__(self):
        return self.number
