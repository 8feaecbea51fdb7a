from __future__ import annotations

import datetime
import secrets
import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.dates import register_day
from core.files import PrivatePath


def new_public_id() -> str:
    """Opaque verification id for /v/<id>: not the sequential number, so the register cannot
    be enumerated by counting."""
    return secrets.token_urlsafe(12)


def verification_url(public_id: str) -> str:
    return f"{settings.SITE_URL}/v/{public_id}"


# Issuing bodies whose name is not a stable key: the accreditation decree's issuer is written in
# the language of the officer who determined it, and IPSPI's long legal name says less than its
# acronym. Everyone else (each LSP, each licensing authority) is known by its name made a slug.
KNOWN_ISSUERS = {
    "Independen Pekerja Sosial Profesional Indonesia (IPSPI)": "ipspi",
    "Minister of Social Affairs, on the assessment of BALKS": "kemensos",
    "Menteri Sosial, atas penilaian BALKS": "kemensos",
}


def issuer_slug(issuer_name: str) -> str:
    """The stable part of an issuing body's identifier (/issuers/<slug>): the same for every
    credential the body issues, different between bodies."""
    from django.utils.text import slugify

    return KNOWN_ISSUERS.get(issuer_name) or slugify(issuer_name)[:80] or "peksos"


def issuer_url(slug: str) -> str:
    return f"{settings.SITE_URL}/issuers/{slug}"


# Public claims as the verification page labels them; a claim not listed keeps its key.
CLAIM_LABELS = {
    "category_label": _("Membership category"),
    "province": _("Province"),
    "regency": _("Regency/city"),
    "scheme": _("Scheme"),
    "level": _("Level"),
    "practice_field": _("Field of practice"),
    "field": _("Field of practice"),
    "certifier": _("Certifying body"),
    "certificate": _("Competency certificate"),
    "rule": _("Rule"),
    "grade": _("Grade"),
    "setting": _("Practice setting"),
}
# Machine codes that repeat a labelled claim (kept in the signed credential, not shown twice).
HIDDEN_CLAIMS = {"category", "province_code"}
CLAIM_VALUES = {
    "setting": {
        "institution": _("in an institution"),
        "independent": _("independent practice"),
        "community": _("in a community"),
    },
}


class StatusCategory(models.TextChoices):
    """Why a credential (or the record it rests on) stopped being valid, as the public reads it.
    The officer's own words stay in `status_reason`, for staff only: they can name people, an
    ongoing case or a debt."""

    SUSPENDED_TEMPORARILY = "suspended_temporarily", _("suspended temporarily")
    ETHICS_COUNCIL = "ethics_council", _("by decision of the ethics council")
    NOT_RENEWED = "not_renewed", _("not renewed")
    HOLDER_REQUEST = "holder_request", _("at the holder's request")
    INCORRECT_DATA = "incorrect_data", _("incorrect data")
    DUES_UNPAID = "dues_unpaid", _("membership dues unpaid")
    BASIS_NOT_VALID = "basis_not_valid", _("the certificate or STR it rests on is not valid")
    VALIDITY_ENDED = "validity_ended", _("validity period ended")
    REPLACED = "replaced", _("replaced by a newer credential")
    # Set when a successor is issued; the credential stays valid to its last day and then reads
    # as ended by renewal, never as expired (a renewed holder did not let it lapse).
    RENEWED = "renewed", _("renewed: continued by a newer credential")
    OTHER = "other", _("other reason")


# What an officer may choose when deciding by hand; the others are set by Peksos itself.
DECISION_CATEGORIES = [
    (c.value, c.label)
    for c in (
        StatusCategory.SUSPENDED_TEMPORARILY,
        StatusCategory.ETHICS_COUNCIL,
        StatusCategory.NOT_RENEWED,
        StatusCategory.HOLDER_REQUEST,
        StatusCategory.INCORRECT_DATA,
        StatusCategory.DUES_UNPAID,
        StatusCategory.BASIS_NOT_VALID,
        StatusCategory.OTHER,
    )
]


# Not a status anyone records: what a valid credential (or the record it is the credential of)
# reads as before its first day of validity. Ending is read the same way, from the date alone:
# a valid credential past its last day reads as expired before the nightly job records it.
NOT_YET_VALID = "not_yet_valid"
STANDING_LABELS = {NOT_YET_VALID: _("not yet valid")}


def standing(
    status: str, valid_from: datetime.date | None, valid_until: datetime.date | None, today=None, category: str = ""
) -> str:
    """The status as it stands on `today` (a Jakarta calendar day, today's by default): the one
    rule every page, answer and register reads a credential's or a licence's status by. Past its
    last day a valid credential reads as expired, or as renewed when a successor continues it."""
    today = today or register_day()
    if status == Credential.Status.VALID:
        if valid_from and today < valid_from:
            return NOT_YET_VALID
        if valid_until and valid_until < today:
            return Credential.Status.RENEWED if category == StatusCategory.RENEWED else Credential.Status.EXPIRED
    return status


def standing_label(value: str) -> str:
    """`standing`'s answer in the reader's language."""
    if value in STANDING_LABELS:
        return str(STANDING_LABELS[value])
    return str(Credential.Status(value).label)


def status_category_field():
    """The category column every record with a public status carries (credentials and the
    domain records they rest on)."""
    return models.CharField(_("reason category (public)"), max_length=24, choices=StatusCategory.choices, blank=True)


class CredentialQuerySet(models.QuerySet):
    def for_subject(self, obj):
        return self.filter(subject_type=ContentType.objects.get_for_model(obj), subject_id=obj.pk)

    def held_by(self, model: type[models.Model], ids):
        """Every credential held by these people (or institutions), in one query."""
        return self.filter(holder_type=ContentType.objects.get_for_model(model), holder_id__in=ids)


class Credential(models.Model):
    """Something Peksos issued that anyone may verify: a member card, an STR, a competency
    certificate, a practice licence or an accreditation certificate. Holds only public fields;
    the domain record (`subject`) holds the rest."""

    class Kind(models.TextChoices):
        MEMBER_CARD = "member_card", _("IPSPI member card (KTA)")
        STR = "str", _("registration certificate (STR)")
        CERTIFICATE = "certificate", _("competency certificate")
        LICENCE = "licence", _("practice licence")
        ACCREDITATION = "accreditation", _("accreditation certificate")

    class Status(models.TextChoices):
        VALID = "valid", _("valid")
        EXPIRED = "expired", _("expired")
        SUSPENDED = "suspended", _("suspended")
        REVOKED = "revoked", _("revoked")
        RENEWED = "renewed", _("ended by renewal")

    StatusCategory = StatusCategory

    public_id = models.CharField(_("verification id"), max_length=32, unique=True, default=new_public_id, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=80, db_index=True)
    holder_name = models.CharField(_("holder"), max_length=200)
    issuer_name = models.CharField(_("issuer"), max_length=200)
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    # Whose it is (a person, an LKS), so that a register reads all of a holder's credentials in
    # one query instead of one query per kind of domain record.
    holder_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    holder_id = models.PositiveBigIntegerField(null=True, blank=True)
    holder = GenericForeignKey("holder_type", "holder_id")
    # The holder's identifier in the signed form (credentialSubject.id): the same across all of
    # a person's (or an LKS's) credentials, opaque (never the NIK). Copied from HolderIdentifier
    # so that the signed form is made from this row's columns alone.
    holder_uid = models.UUIDField(_("holder identifier"), null=True, blank=True, editable=False)
    # Which issuing body (IPSPI, an LSP, a licensing authority, Kemensos): /issuers/<slug>.
    issuer_slug = models.CharField(_("issuer identifier"), max_length=80, blank=True, db_index=True)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.VALID)
    # The officer's words: staff only, never read by a public page, API or the signed form.
    status_reason = models.CharField(_("reason for status (internal)"), max_length=255, blank=True)
    status_category = status_category_field()
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    claims = models.JSONField(_("public claims"), default=dict, blank=True)
    # Which status list (of each purpose) the credential is on, and its position there.
    status_list_number = models.PositiveIntegerField(_("status list"), null=True, blank=True)
    status_list_index = models.PositiveIntegerField(_("status list index"), null=True, blank=True)
    jwt = models.TextField(_("signed credential (vc+jwt)"), blank=True)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    objects = CredentialQuerySet.as_manager()

    class Meta:
        verbose_name = _("credential")
        verbose_name_plural = _("credentials")
        indexes = [
            models.Index(fields=["subject_type", "subject_id"]),
            models.Index(fields=["kind", "number"]),
            models.Index(fields=["holder_type", "holder_id"]),
        ]
        constraints = [
            # The last guard against two issuers taking one position (see signing.on_issue).
            models.UniqueConstraint(
                fields=["status_list_number", "status_list_index"], name="one_credential_per_status_position"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"

    @property
    def verification_url(self) -> str:
        return verification_url(self.public_id)

    def labelled_claims(self) -> list[tuple[str, object]]:
        """The public claims for people to read: labelled in the reader's language."""
        return [
            (CLAIM_LABELS.get(key, key), CLAIM_VALUES.get(key, {}).get(value, value) if isinstance(value, str) else value)
            for key, value in self.claims.items()
            if key not in HIDDEN_CLAIMS
        ]

    NOT_YET_VALID = NOT_YET_VALID

    def current_status(self, today=None) -> str:
        """See `standing`: not yet valid before its first day, expired after its last."""
        return standing(self.status, self.valid_from, self.valid_until, today, self.status_category)

    def current_status_display(self, today=None) -> str:
        return standing_label(self.current_status(today))

    def status_on(self, day: datetime.date) -> str | None:
        """What the status was at the end of `day`, from the change history; None if the
        credential had not been issued yet, not yet valid if it had been issued but its validity
        had not begun."""
        if day < self.valid_from:
            issued_on = timezone.localtime(self.issued_at, timezone.get_default_timezone()).date()
            return NOT_YET_VALID if issued_on <= day else None
        end_of_day = timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))
        record = self.history.filter(history_date__lte=end_of_day).order_by("-history_date").first()
        if record is None:
            # Issued after the fact (a back-dated decree, a legacy import): on days from valid_from
            # until it was recorded, it stood as it was issued.
            record = self.history.order_by("history_date").first()
            if record is None:
                return None
        if record.status == self.Status.VALID and self.valid_until and day > self.valid_until:
            renewed = self.status_category == StatusCategory.RENEWED
            return self.Status.RENEWED if renewed else self.Status.EXPIRED
        return record.status

    def public_reason(self, today=None) -> str:
        """The translated category of a status other than valid, as the public reads it; empty
        for a valid credential or one without a category."""
        if self.current_status(today) == self.Status.VALID or not self.status_category:
            return ""
        return str(dict(StatusCategory.choices).get(self.status_category, ""))


class HolderIdentifier(models.Model):
    """One opaque identifier per holder (a person, an LKS), made when their first credential is
    issued: `urn:uuid:<uid>` in every credential they hold, so a verifier sees that two
    credentials belong to one holder without learning anything about them."""

    holder_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    holder_id = models.PositiveBigIntegerField()
    uid = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)

    class Meta:
        verbose_name = _("holder identifier")
        verbose_name_plural = _("holder identifiers")
        constraints = [models.UniqueConstraint(fields=["holder_type", "holder_id"], name="one_identifier_per_holder")]

    def __str__(self):
        return f"urn:uuid:{self.uid}"


class SigningKey(models.Model):
    """An Ed25519 key that signs credentials. The private half is stored encrypted with a key
    derived from PEKSOS_SIGNING_SECRET, never from SECRET_KEY (see credentials/signing.py); the
    public half is published in the JWKS for as long as any credential it signed may be checked,
    i.e. forever.

    Each issuing body has its own keys, so that a verifier can trust one body and not another; a
    key with no issuer is the platform's, which signs the status lists (and signed every
    credential before the bodies had keys of their own). At most one key of each owner signs at a
    time; a retired key stays published and never signs again."""

    kid = models.CharField(max_length=64, unique=True)
    # The issuing body whose credentials this key signs (/issuers/<slug>); empty for the platform.
    issuer_slug = models.CharField(_("issuer identifier"), max_length=80, blank=True, default="", db_index=True)
    # Platform keys only: the bodies whose credentials the key signed before each had its own
    # keys. Their metadata keeps naming it, so those credentials verify against their own issuer.
    signed_for = models.JSONField(_("signed for issuers"), default=list, blank=True)
    public_jwk = models.JSONField()
    private_key_encrypted = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")
        constraints = [
            # Two first issues of a new body at once make one key, not two (see signing.current_key).
            models.UniqueConstraint(
                fields=["issuer_slug"], condition=models.Q(retired_at__isnull=True), name="one_signing_key_in_use_per_issuer"
            ),
        ]

    def __str__(self):
        return self.kid


class StatusList(models.Model):
    """A W3C Bitstring Status List: one bit per credential index, per purpose. Lists are numbered
    from 1; list n of each purpose covers the same credentials (a credential has one position,
    read in the revocation list and in the suspension list of its number)."""

    class Purpose(models.TextChoices):
        REVOCATION = "revocation", _("revocation")
        SUSPENSION = "suspension", _("suspension")

    SIZE = 131072  # bits: the W3C minimum length, so a list does not reveal how many we issued

    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    number = models.PositiveIntegerField(default=1)
    bits = models.BinaryField()
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("status list")
        verbose_name_plural = _("status lists")
        constraints = [models.UniqueConstraint(fields=["purpose", "number"], name="one_status_list_per_purpose_and_number")]

    def __str__(self):
        return f"{self.purpose} {self.number}"

    @classmethod
    def capacity(cls) -> int:
        """How many credentials a list takes before the next one is opened: seven in eight of its
        positions. Positions are drawn at random, and with an eighth still free a few draws always
        find one; the free eighth reads as valid, like every position not yet drawn."""
        return cls.SIZE - cls.SIZE // 8

    @classmethod
    def empty(cls, purpose: str, number: int) -> StatusList:
        return cls(purpose=purpose, number=number, bits=bytes(cls.SIZE // 8))

    def get(self, index: int) -> bool:
        data = bytes(self.bits)
        return bool(data[index // 8] & (0x80 >> (index % 8)))

    def set(self, index: int, value: bool) -> None:
        data = bytearray(bytes(self.bits))
        mask = 0x80 >> (index % 8)
        data[index // 8] = (data[index // 8] | mask) if value else (data[index // 8] & ~mask)
        self.bits = bytes(data)


class ImportedList(models.Model):
    """A list of credentials issued before Peksos, uploaded by the officers who own its kind:
    previewed (a dry run), then confirmed once. The file is kept privately between the two, and
    afterwards as the record of what was loaded."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("previewed")
        IMPORTING = "importing", _("being imported")
        IMPORTED = "imported", _("imported")

    kind = models.CharField(_("kind"), max_length=20, choices=Credential.Kind.choices)
    source = models.CharField(_("source name"), max_length=100)
    file = models.FileField(_("file"), upload_to=PrivatePath("credentials/imports"))
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
        verbose_name = _("imported credential list")
        verbose_name_plural = _("imported credential lists")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.source} ({self.uploaded_at:%Y-%m-%d})"
