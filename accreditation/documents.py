"""The accreditation certificate: BALKS's letterhead and signatory (kept by BALKS and the
ministry), the LKS, its grade, the score of each standard of the instrument it was judged by, the
Minister's decree, validity and a QR code opening the public verification page."""

from decimal import Decimal, InvalidOperation

from django.utils import translation
from django.utils.translation import gettext as _

from core import letterheads, pdf

BALKS = "balks"
BALKS_NAME = "Badan Akreditasi Lembaga Kesejahteraan Sosial (BALKS)"
BALKS_PARENT = "Kementerian Sosial Republik Indonesia"


def issuing_bodies():
    return [
        letterheads.IssuingBody(
            key=BALKS, name=BALKS_NAME, perm="accreditation.keep_letterhead", parent_name=BALKS_PARENT, place="Jakarta"
        )
    ]


def standard_scores(accreditation) -> list[dict]:
    """The instrument's standards with their weight and score, in the instrument's order."""
    application = accreditation.application
    if application is None or not application.standard_scores:
        return []
    order = {}
    if application.instrument_id:
        order = {s.code: s.order for s in application.instrument.standards.all()}
    rows = []
    for code, entry in application.standard_scores.items():
        try:
            score = Decimal(str(entry.get("score")))
        except (InvalidOperation, TypeError):
            score = None
        rows.append({"code": code, "name": entry.get("name", ""), "weight": entry.get("weight"), "score": score})
    return sorted(rows, key=lambda row: (order.get(row["code"], 999), row["code"]))


def certificate_context(accreditation) -> dict:
    from core.dates import format_local

    application = accreditation.application
    instrument = application.instrument if application and application.instrument_id else None
    url = accreditation.credential.verification_url if accreditation.credential_id else ""
    return pdf.document_context(
        issuer=letterheads.issuer_block(BALKS, on=accreditation.decree_date, name=BALKS_NAME, parent_name=BALKS_PARENT),
        title=_("Accreditation certificate"),
        number=accreditation.certificate_number or "",
        legal_basis=[
            instrument.source if instrument else "",
            _("Decree of the Minister of Social Affairs number %(number)s of %(day)s")
            % {"number": accreditation.decree_number, "day": format_local(accreditation.decree_date)},
        ],
        verification_url=url,
        a=accreditation,
        instrument=instrument,
        standards=standard_scores(accreditation),
    )


def certificate_pdf_bytes(accreditation, language: str = "id") -> bytes:
    with translation.override(language):
        return pdf.render_pdf("accreditation/certificate_pdf.html", certificate_context(accreditation))
