"""The certificate PDF: the LSP's letterhead and signatory, number, holder, scheme, the competency
units found competent, validity, the legal basis and a QR code opening the public verification
page. Rendered outside any database transaction."""

from django.utils import translation
from django.utils.translation import gettext as _

from core import letterheads, pdf
from core.files import store_generated

# The statute every LSP certificate rests on; the scheme's own rule set is cited after it.
CERTIFICATION_STATUTE = "Undang-Undang Nomor 14 Tahun 2019 tentang Pekerja Sosial"


def issuing_bodies():
    from .models import LSP

    return [
        letterheads.IssuingBody(
            key=f"lsp:{lsp.pk}",
            name=lsp.name,
            perm="certification.keep_letterhead",
            obj=lsp,
            parent_name=(_("BNSP licence %(licence)s") % {"licence": lsp.bnsp_licence}) if lsp.bnsp_licence else "",
        )
        for lsp in LSP.objects.all()
    ]


def units_found_competent(certificate) -> list:
    """The units the holder was found competent in, across attempts (a re-assessment covers
    only the units still open), in the scheme's order."""
    from .models import UnitResult

    if certificate.application_id is None:
        return []
    results = (
        UnitResult.objects.filter(assessment__application_id=certificate.application_id, result=UnitResult.Result.K)
        .select_related("unit", "assessment")
        .order_by("unit__order", "unit__code", "assessment__attempt")
    )
    units = {}
    for result in results:
        units.setdefault(result.unit_id, (result.unit, result.assessment.held_on))
    return list(units.values())


def _legal_basis(source: str) -> list[str]:
    """The statute, then the eligibility rules' own citation; the statute once, even where the
    rules cite it in its short form ("UU 14/2019")."""
    cites_statute = "14/2019" in source or "Nomor 14 Tahun 2019" in source
    return [source] if cites_statute else [CERTIFICATION_STATUTE, source]


def certificate_context(certificate) -> dict:
    url = certificate.credential.verification_url if certificate.credential_id else ""
    issuer = letterheads.issuer_block(f"lsp:{certificate.lsp_id}", on=certificate.issued_on, name=certificate.lsp.name)
    return pdf.document_context(
        issuer=issuer,
        title=_("Competency certificate"),
        number=certificate.number,
        legal_basis=_legal_basis(certificate.rule_set.source if certificate.rule_set_id else ""),
        verification_url=url,
        certificate=certificate,
        units=units_found_competent(certificate),
    )


def certificate_pdf_bytes(certificate, language: str = "id") -> bytes:
    with translation.override(language):
        return pdf.render_pdf("certification/certificate_pdf.html", certificate_context(certificate))


def store_certificate_pdf(certificate_pk: int):
    """Render and keep the PDF (idempotent: a second call replaces the file, and a render
    retried after a killed worker leaves one file: `core.files.store_generated`)."""
    from .models import Certificate

    certificate = Certificate.objects.with_related().get(pk=certificate_pk)
    store_generated(certificate, "pdf", certificate_pdf_bytes(certificate))
    return certificate
