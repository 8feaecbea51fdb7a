"""PDF documents of the register: the member card (KTA), dues receipts, a member's own data.
All in the shared layout (core/pdf/document.html) under IPSPI's letterhead and signatory, kept
by the DPP. Rendered outside any database transaction (after commit, in a task or in a GET view)."""

import base64

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import files, letterheads, pdf, qr

from .models import DuesPayment, Member

IPSPI = "ipspi"  # the issuing body's key in core.letterheads
IPSPI_NAME = "Independen Pekerja Sosial Profesional Indonesia (IPSPI)"
IPSPI_PARENT = "Dewan Pengurus Pusat"
# What a membership rests on: the statute that names the professional organisation, and the
# organisation's own articles (kept here as the citation text printed on its documents).
MEMBERSHIP_BASIS = (
    "Undang-Undang Nomor 14 Tahun 2019 tentang Pekerja Sosial",
    "Anggaran Dasar dan Anggaran Rumah Tangga IPSPI",
)


def issuing_bodies():
    return [letterheads.IssuingBody(key=IPSPI, name=IPSPI_NAME, perm="registry.keep_letterhead", parent_name=IPSPI_PARENT)]


def ipspi(on=None) -> dict:
    return letterheads.issuer_block(IPSPI, on=on, name=IPSPI_NAME, parent_name=IPSPI_PARENT)


def _photo_data_uri(person) -> str:
    if not person.photo:
        return ""
    try:
        with person.photo.open("rb") as handle:
            kind = files.content_type(handle)  # migrated photos' names say nothing reliable
            content = handle.read()
    except (FileNotFoundError, OSError):
        return ""
    if not kind.startswith("image/"):
        return ""
    return f"data:{kind};base64,{base64.b64encode(content).decode()}"


def member_card_context(member: Member) -> dict:
    member = Member.objects.select_related("person", "province", "credential").get(pk=member.pk)
    verification_url = member.credential.verification_url if member.credential_id else ""
    return pdf.document_context(
        issuer=ipspi(),  # signed on the day the card is printed (first issue or renewal)
        title=_("IPSPI member card (KTA)"),
        number=member.number,
        legal_basis=MEMBERSHIP_BASIS,
        verification_url=verification_url,
        member=member,
        person=member.person,
        photo=_photo_data_uri(member.person),
        card_qr=qr.qr_svg(verification_url, scale=3) if verification_url else "",
        generated_at=timezone.now(),
    )


def member_card_pdf(member: Member, language: str = "id") -> bytes:
    with translation.override(language):
        return pdf.render_pdf("registry/pdf/member_card.html", member_card_context(member))


def store_member_card(member: Member) -> None:
    files.store_generated(member, "card_pdf", member_card_pdf(member))


def receipt_context(payment: DuesPayment) -> dict:
    payment = DuesPayment.objects.select_related(
        "invoice__member__person", "invoice__member__province", "invoice__fee_schedule", "decided_by"
    ).get(pk=payment.pk)
    decided_on = timezone.localdate(payment.decided_at) if payment.decided_at else payment.paid_on
    return pdf.document_context(
        issuer=ipspi(on=decided_on),
        title=_("Dues receipt"),
        number=payment.receipt_number or "",
        legal_basis=[MEMBERSHIP_BASIS[1], payment.invoice.fee_schedule.source],
        # A receipt is no credential (nothing to sign or suspend), but anyone holding it can check
        # that it stands: its QR code opens the receipt's own public page.
        verification_url=payment.verification_url(),
        payment=payment,
        invoice=payment.invoice,
        member=payment.invoice.member,
        province=payment.invoice.member.province_on(payment.decided_at or timezone.now()),
    )


def receipt_pdf(payment: DuesPayment, language: str = "id") -> bytes:
    with translation.override(language):
        return pdf.render_pdf("registry/pdf/receipt.html", receipt_context(payment))


def my_data_pdf(person) -> bytes:
    """A member's own register data as a document for them: labels and values in their words."""
    from core import readable

    from . import selectors

    return pdf.render_pdf(
        "core/pdf/personal_data.html",
        pdf.document_context(
            issuer=ipspi(),
            title=_("My data in the IPSPI register"),
            sections=readable.readable(selectors.person_export(person)),
            holder=person.full_name,
            generated_at=timezone.now(),
        ),
    )
