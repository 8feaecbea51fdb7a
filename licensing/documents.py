"""The documents of licensing: the STR (issued by IPSPI's DPP) and the practice licence (SIPPS,
issued by a kabupaten/kota; or the Minister's licence under the 2009 rules), each under its
issuer's letterhead and signatory (core.letterheads), in the shared layout. Rendered outside any
database transaction: the STR after its issuing transaction commits, a licence in a GET view."""

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import letterheads, pdf
from core.files import store_generated

NATIONAL_PARENT = "Kementerian Sosial Republik Indonesia"
PRACTICE_STATUTE = "Undang-Undang Nomor 14 Tahun 2019 tentang Pekerja Sosial"


def authority_key(authority) -> str:
    return f"authority:{authority.pk}"


def _parent_of(authority) -> str:
    if authority.level == "national" or authority.regency_id is None:
        return NATIONAL_PARENT
    return _("Government of %(regency)s") % {"regency": authority.regency.name}


def issuing_bodies():
    from .models import LicensingAuthority

    return [
        letterheads.IssuingBody(
            key=authority_key(authority),
            name=authority.name,
            perm="licensing.keep_letterhead",
            obj=authority,
            parent_name=_parent_of(authority),
            place=authority.regency.name if authority.regency_id else "Jakarta",
        )
        for authority in LicensingAuthority.objects.select_related("regency")
    ]


def licence_context(licence) -> dict:
    authority = licence.authority
    application = licence.application
    national = authority.level == "national"
    url = licence.credential.verification_url if licence.credential_id else ""
    return pdf.document_context(
        issuer=letterheads.issuer_block(
            authority_key(authority), on=licence.decree_date, name=authority.name, parent_name=_parent_of(authority)
        ),
        title=_("Social Work Practice Licence") if national else _("Social Worker Practice Permit (SIPPS)"),
        number=licence.number,
        legal_basis=[
            PRACTICE_STATUTE if not (application and application.needs_lsp_recommendation) else "",
            application.rule_set.source if application else "",
            _("Decree %(number)s of %(day)s") % {"number": licence.decree_number, "day": _format(licence.decree_date)},
        ],
        verification_url=url,
        licence=licence,
        application=application,
    )


def _format(day) -> str:
    from core.dates import format_local

    return format_local(day)


def licence_pdf_bytes(licence, language: str = "id") -> bytes:
    with translation.override(language):
        return pdf.render_pdf("licensing/licence_pdf.html", licence_context(licence))


def str_context(str_record) -> dict:
    from registry.documents import ipspi

    application = str_record.application
    url = str_record.credential.verification_url if str_record.credential_id else ""
    return pdf.document_context(
        issuer=ipspi(on=_decided_on(application) or str_record.valid_from),
        title=_("Registration certificate (STR)"),
        number=str_record.number,
        legal_basis=[
            _("%(statute)s, Article 29") % {"statute": PRACTICE_STATUTE},
            application.rule_set.source if application else "",
        ],
        verification_url=url,
        str_record=str_record,
        person=str_record.person,
    )


def _decided_on(application):
    if application is None or application.decided_at is None:
        return None
    return timezone.localdate(application.decided_at)


def str_pdf_bytes(str_record, language: str = "id") -> bytes:
    with translation.override(language):
        return pdf.render_pdf("licensing/str_pdf.html", str_context(str_record))


def store_str_pdf(str_pk: int):
    """Render and keep the STR document (idempotent: a second call replaces the file)."""
    from .models import Str

    str_record = Str.objects.select_related(
        "person", "certificate__lsp", "credential", "application__rule_set", "application__decided_by"
    ).get(pk=str_pk)
    store_generated(str_record, "pdf", str_pdf_bytes(str_record))
    return str_record
