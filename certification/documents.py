"""The certificate PDF: number, holder, scheme, level, field, certifier, validity, and a QR code
opening the public verification page. Rendered outside any database transaction."""

from django.core.files.base import ContentFile
from django.utils import translation

from core import pdf, qr


def certificate_pdf_bytes(certificate) -> bytes:
    with translation.override("id"):
        url = certificate.credential.verification_url if certificate.credential_id else ""
        context = {"certificate": certificate, "verification_url": url, "qr": qr.qr_svg(url) if url else ""}
        return pdf.render_pdf("certification/certificate_pdf.html", context)


def store_certificate_pdf(certificate_pk: int):
    """Render and keep the PDF (idempotent: a second call replaces the file)."""
    from .models import Certificate

    certificate = Certificate.objects.with_related().get(pk=certificate_pk)
    body = certificate_pdf_bytes(certificate)
    certificate.pdf.save(f"{certificate.number}.pdf", ContentFile(body), save=False)
    Certificate.objects.filter(pk=certificate.pk).update(pdf=certificate.pdf.name)
    return certificate
