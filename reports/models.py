"""Every report PDF made is recorded with its number, so a printed report can be checked and a
number is never given twice. A record is never deleted (NeverDeletedModel) nor changed: it is
the register of what was issued, not the report's figures (those stay in the PDF)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.integrity import NeverDeletedModel
from core.numbering import NumberFormat
from credentials.models import new_public_id

# One national series a year for every report Peksos makes, whichever body it is made for.
REPORT_NUMBER = NumberFormat("report:{year}", "LAP.PEKSOS.{year}.{serial:05d}")


class ReportDocument(NeverDeletedModel, models.Model):
    class Kind(models.TextChoices):
        ACCREDITATION = "accreditation", _("Validated accreditation results for the Minister's determination")
        MEMBERSHIP = "membership", _("Monthly membership report")
        CERTIFICATION = "certification", _("Certification report")
        ACCOUNTABILITY = "accountability", _("Board's accountability report")

    number = models.CharField(_("number"), max_length=40, unique=True, editable=False)
    # What the report's QR code opens (/laporan/cek/<id>): opaque, so reports cannot be listed
    # by counting their numbers.
    public_id = models.CharField(_("verification id"), max_length=32, unique=True, default=new_public_id, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, editable=False)
    issuer_name = models.CharField(_("issuer"), max_length=200, editable=False)
    # Whose figures, as printed on the report (provinces, LSPs); empty for the whole country.
    area = models.CharField(_("area"), max_length=500, blank=True, editable=False)
    period_start = models.DateField(_("from"), null=True, blank=True, editable=False)
    period_end = models.DateField(_("until"), null=True, blank=True, editable=False)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("made by"), editable=False
    )
    made_at = models.DateTimeField(_("made at"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-made_at", "-pk"]
        verbose_name = _("report document")
        verbose_name_plural = _("report documents")

    def __str__(self):
        return self.number

    @property
    def made_on(self):
        return timezone.localdate(self.made_at)

    @property
    def verification_url(self) -> str:
        return f"{settings.SITE_URL}{reverse('reports:report_check', args=[self.public_id])}"
