"""PDF documents of the register: the member card (KTA), dues receipts, a member's own data.
Rendered outside any database transaction (after commit, in a task or in a GET view)."""

import base64

from django.core.files.base import ContentFile
from django.utils import timezone, translation

from core import files, pdf, qr

from .models import DuesPayment, Member


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


def member_card_pdf(member: Member) -> bytes:
    member = Member.objects.select_related("person", "province", "credential").get(pk=member.pk)
    verification_url = member.credential.verification_url if member.credential_id else ""
    with translation.override("id"):
        return pdf.render_pdf(
            "registry/pdf/member_card.html",
            {
                "member": member,
                "person": member.person,
                "photo": _photo_data_uri(member.person),
                "qr": qr.qr_svg(verification_url, scale=3) if verification_url else "",
                "verification_url": verification_url,
                "generated_at": timezone.now(),
            },
        )


def store_member_card(member: Member) -> None:
    content = member_card_pdf(member)
    member = Member.objects.get(pk=member.pk)
    if member.card_pdf:
        member.card_pdf.delete(save=False)
    member.card_pdf.save(f"{member.number}.pdf", ContentFile(content), save=False)
    Member.objects.filter(pk=member.pk).update(card_pdf=member.card_pdf.name)


def receipt_pdf(payment: DuesPayment) -> bytes:
    payment = DuesPayment.objects.select_related("invoice__member__person", "invoice__member__province", "decided_by").get(
        pk=payment.pk
    )
    with translation.override("id"):
        return pdf.render_pdf(
            "registry/pdf/receipt.html", {"payment": payment, "invoice": payment.invoice, "member": payment.invoice.member}
        )
