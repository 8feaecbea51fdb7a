"""Every official document carries its issuer's letterhead, its title and number, the signatory
in office on its date, the QR code to its verification page with the short address beneath it,
and renders to a PDF, in Indonesian and in English.

No PDF text extractor is in the lock, so the HTML handed to WeasyPrint is checked, and the PDF
is rendered from that same context."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.roles import Role
from accounts.tests.factories import make_staff, sign_in_with_second_factor
from core import dates, letterheads, pdf, qr
from core.errors import DomainError
from core.models import IssuerProfile, Signatory

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.date(2000, 1, 1)


def _sign(key: str, name: str, position: str, since=LONG_AGO):
    return Signatory.objects.create(issuer=key, name=name, position=position, valid_from=since)


def _letterhead(key: str, name: str):
    return IssuerProfile.objects.create(issuer=key, name=name, place="Bandung", address="Jl. Contoh 1")


def _assert_official(template: str, context: dict, *, issuer: str, number: str, signatory: str, url: str):
    for language in ("id", "en"):
        with translation.override(language):
            html = render_to_string(template, context)
            body = pdf.render_pdf(template, context)
        assert issuer in html
        assert number in html
        assert signatory in html
        assert body.startswith(b"%PDF") and len(body) > 2000
        if url:
            assert url.split("://", 1)[1] in html  # the short address printed under the QR code
            assert qr.qr_svg(url) in html


def _certificate_with_units():
    from certification import services
    from certification.tests.factories import (
        SchemeFactory,
        assessor_for,
        event_for,
        lsp_officer,
        scheduled_application,
    )

    scheme = SchemeFactory(units=2)
    officer = lsp_officer(scheme.lsp)
    application, assessment = scheduled_application(scheme, officer, event_for(scheme.lsp), assessor_for(scheme.lsp))
    for unit in assessment.units.all():
        services.record_unit_result(actor=assessment.assessor.user, assessment=assessment, unit=unit, result="K")
    services.record_recommendation(actor=assessment.assessor.user, assessment=assessment, recommendation="competent")
    application.refresh_from_db()
    return services.decide(actor=officer, application=application, competent=True)


def test_the_competency_certificate_names_its_lsp_signatory_and_every_unit_found_competent():
    from certification import documents

    certificate = _certificate_with_units()
    key = f"lsp:{certificate.lsp_id}"
    _letterhead(key, "LSP Pekerjaan Sosial Contoh")
    _sign(key, "Dra. Ketua Lsp", "Ketua LSP")
    context = documents.certificate_context(certificate)
    _assert_official(
        "certification/certificate_pdf.html",
        context,
        issuer="LSP Pekerjaan Sosial Contoh",
        number=certificate.number,
        signatory="Dra. Ketua Lsp",
        url=certificate.credential.verification_url,
    )
    html = render_to_string("certification/certificate_pdf.html", context)
    assert "PKS.01 Unit kompetensi 1" in html and "PKS.02 Unit kompetensi 2" in html
    assert certificate.rule_set.source in html  # the legal basis it was judged under


def test_a_document_is_signed_by_whoever_held_the_post_on_its_date():
    _sign("ipspi", "Ketua Lama", "Ketua Umum", since=datetime.date(2015, 1, 1))
    officer = make_staff(Role.DPP_OFFICER)
    letterheads.appoint_signatory(
        actor=officer, key="ipspi", name="Ketua Baru", position="Ketua Umum", identifier="", valid_from=datetime.date(2024, 1, 1)
    )
    assert letterheads.issuer_block("ipspi", on=datetime.date(2023, 12, 31))["signatory"].name == "Ketua Lama"
    assert letterheads.issuer_block("ipspi", on=datetime.date(2024, 1, 1))["signatory"].name == "Ketua Baru"
    assert Signatory.objects.get(name="Ketua Lama").valid_until == datetime.date(2023, 12, 31)
    with pytest.raises(DomainError):
        letterheads.appoint_signatory(
            actor=officer, key="ipspi", name="Terlambat", position="x", identifier="", valid_from=datetime.date(2023, 6, 1)
        )


def test_only_the_bodys_own_officers_keep_its_letterhead():
    from certification.tests.factories import LSPFactory, lsp_officer

    lsp, other = LSPFactory(), LSPFactory()
    with pytest.raises(DomainError):
        letterheads.keep_letterhead(
            actor=lsp_officer(other), key=f"lsp:{lsp.pk}", name="x", parent_name="", address="", contact="", place="Jakarta"
        )
    letterheads.keep_letterhead(
        actor=lsp_officer(lsp), key=f"lsp:{lsp.pk}", name="LSP Sendiri", parent_name="", address="", contact="", place="Jakarta"
    )
    assert IssuerProfile.objects.get(issuer=f"lsp:{lsp.pk}").name == "LSP Sendiri"
    assert [b.key for b in letterheads.kept_by(lsp_officer(lsp))] == [f"lsp:{lsp.pk}"]


def test_an_officer_records_the_letterhead_and_a_signatory_on_their_page(client):
    officer = make_staff(Role.DPP_OFFICER)
    sign_in_with_second_factor(client, officer)
    url = reverse("core:letterhead_edit", args=["ipspi"])
    assert "Independen Pekerja Sosial" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "what": "letterhead",
            "name": "IPSPI Pusat",
            "parent_name": "DPP",
            "address": "Jakarta",
            "contact": "",
            "place": "Jakarta",
        },
    )
    assert response.status_code == 302
    response = client.post(
        url, {"what": "signatory", "name": "Ketua Umum Baru", "position": "Ketua Umum", "valid_from": "2025-01-01"}
    )
    assert response.status_code == 302
    assert letterheads.issuer_block("ipspi", on=datetime.date(2025, 2, 1))["signatory"].name == "Ketua Umum Baru"
    bad = client.post(url, {"what": "signatory", "name": "", "position": "", "valid_from": "kemarin"})
    assert bad.status_code == 200 and Signatory.objects.filter(issuer="ipspi").count() == 1


def _str_and_licence():
    from licensing import services
    from licensing.tests.factories import certified_person
    from licensing.tests.factories import pdf as pdf_upload
    from regions.models import Regency

    person, certificate = certified_person(name="Pemegang Dokumen")
    application = services.apply_for_str(
        actor=person.user, certificate=certificate, health_statement=pdf_upload(), oath_taken=True, code_of_ethics=True
    )
    dpp = make_staff(Role.DPP_OFFICER)
    str_record = services.decide_str(actor=dpp, application=application, version=application.version, approve=True)
    regency = Regency.objects.get(code="32.73")
    authority = regency.licensing_authority
    officer = make_staff(Role.LICENSING_OFFICER, organisation=authority)
    waiting = services.apply_for_licence(
        actor=person.user,
        certificate=certificate,
        str_record=str_record,
        setting="institution",
        place="LKS Contoh",
        regency=regency,
        field="anak",
    )
    licence = services.decide_licence(
        actor=officer,
        application=waiting,
        version=waiting.version,
        grant=True,
        decree_number="503/DOK/2026",
        decree_date=timezone.localdate(),
        valid_until=timezone.localdate() + datetime.timedelta(days=365),
    )
    return person, str_record, licence


def test_the_str_and_the_sipps_carry_their_issuers_letterhead_signatory_and_qr(client, django_capture_on_commit_callbacks):
    from licensing import documents

    _letterhead("ipspi", "IPSPI Dewan Pengurus Pusat")
    _sign("ipspi", "Ketua Umum Ipspi", "Ketua Umum DPP IPSPI")
    with django_capture_on_commit_callbacks(execute=True):
        person, str_record, licence = _str_and_licence()
    key = documents.authority_key(licence.authority)
    _letterhead(key, "Dinas Sosial Kota Contoh")
    _sign(key, "Kepala Dinas Contoh", "Kepala Dinas Sosial")
    _assert_official(
        "licensing/str_pdf.html",
        documents.str_context(str_record),
        issuer="IPSPI Dewan Pengurus Pusat",
        number=str_record.number,
        signatory="Ketua Umum Ipspi",
        url=str_record.credential.verification_url,
    )
    _assert_official(
        "licensing/licence_pdf.html",
        documents.licence_context(licence),
        issuer="Dinas Sosial Kota Contoh",
        number=licence.number,
        signatory="Kepala Dinas Contoh",
        url=licence.credential.verification_url,
    )
    str_record.refresh_from_db()
    assert str_record.pdf  # rendered after the issuing transaction committed
    sign_in_with_second_factor(client, person.user)
    assert (
        str(reverse("licensing:str_pdf", args=[str_record.pk]))
        in client.get(reverse("licensing:my_credentials")).content.decode()
    )
    response = client.get(reverse("licensing:str_pdf", args=[str_record.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_member_card_and_the_dues_receipt_share_the_layout_with_rupiah_amounts():
    from registry import documents, services
    from registry.tests.factories import submitted_application

    _letterhead("ipspi", "IPSPI Dewan Pengurus Pusat")
    _sign("ipspi", "Ketua Umum Ipspi", "Ketua Umum DPP IPSPI")
    application = submitted_application()
    dpd = make_staff(Role.DPD_OFFICER, province=application.province)
    member = services.verify_application(actor=dpd, application=application, version=application.version)
    _assert_official(
        "registry/pdf/member_card.html",
        documents.member_card_context(member),
        issuer="IPSPI Dewan Pengurus Pusat",
        number=member.number,
        signatory="Ketua Umum Ipspi",
        url=member.credential.verification_url,
    )
    invoice = member.invoices.get()
    payment = services.record_payment(actor=dpd, invoice=invoice, amount=invoice.amount, paid_on=datetime.date.today())
    context = documents.receipt_context(payment)
    _assert_official(
        "registry/pdf/receipt.html",
        context,
        issuer="IPSPI Dewan Pengurus Pusat",
        number=payment.receipt_number,
        signatory="Ketua Umum Ipspi",
        url=payment.verification_url(),
    )
    assert context["verification_url"] == payment.verification_url() != ""
    assert f"Rp {invoice.amount:,}".replace(",", ".") in render_to_string("registry/pdf/receipt.html", context)


def test_the_accreditation_certificate_shows_grade_standard_scores_and_decree():
    from accreditation import documents, services
    from accreditation.models import Accreditation
    from accreditation.tests.factories import LKSFactory, assessor
    from accreditation.tests.test_accreditation_journey import scored
    from regions.models import Regency

    lks = LKSFactory(name="LKS Dokumen Contoh")
    world = {
        "lks": lks,
        "operator": make_staff(Role.LKS_OPERATOR, organisation=lks, totp=False),
        "dinsos": make_staff(Role.DINSOS_OFFICER, regency=Regency.objects.get(code="32.73")),
        "balks": make_staff(Role.BALKS_OFFICER),
        "ministry": make_staff(Role.MINISTRY_OFFICER),
        "a1": assessor("Asesor Satu", regency_code="31.71"),
        "a2": assessor("Asesor Dua", regency_code="33.74"),
    }
    application = scored(world)
    services.validate_result(actor=world["balks"], application=application, version=application.version)
    batch = services.send_to_minister(actor=world["balks"], applications=[application])
    services.determine(actor=world["ministry"], batch=batch, decree_number="77/HUK/2026", decree_date=timezone.localdate())
    accreditation = Accreditation.objects.get(lks=lks)
    _letterhead("balks", "BALKS Contoh")
    _sign("balks", "Ketua Balks Contoh", "Ketua BALKS")
    context = documents.certificate_context(accreditation)
    _assert_official(
        "accreditation/certificate_pdf.html",
        context,
        issuer="BALKS Contoh",
        number=accreditation.certificate_number,
        signatory="Ketua Balks Contoh",
        url=accreditation.credential.verification_url,
    )
    html = render_to_string("accreditation/certificate_pdf.html", context)
    assert "77/HUK/2026" in html
    assert len(context["standards"]) == application.instrument.standards.count()
    for standard in application.instrument.standards.all():
        assert f"{standard.code}. {standard.name}" in html
    assert f"{accreditation.score:.2f}".replace(".", ",") in html
    with translation.override("id"):
        period_id = render_to_string("accreditation/certificate_pdf.html", context)
    start, end = accreditation.valid_from, accreditation.valid_until
    with translation.override("en"):
        period_en = render_to_string("accreditation/certificate_pdf.html", context)
        english = f"<td>{dates.format_local(start)} until {dates.format_local(end)}</td>"
    # The row's label says "valid" once: its value is the period, not "Berlaku … sampai …" again.
    assert f"<td>{dates.format_id(start)} " in period_id and f" {dates.format_id(end)}</td>" in period_id
    assert "<td>Berlaku " not in period_id
    assert english in period_en


def test_a_document_without_a_signatory_says_it_is_unsigned():
    context = pdf.document_context(issuer=letterheads.issuer_block("ipspi", name="IPSPI"), title="Kuitansi", number="K-1")
    with translation.override("id"):
        html = render_to_string("core/pdf/document.html", context)
    assert "K-1" in html and "tidak ditandatangani" in html
    _sign("ipspi", "Penanda Tangan", "Ketua Umum")
    context["issuer"] = letterheads.issuer_block("ipspi", name="IPSPI")
    with translation.override("id"):
        html = render_to_string("core/pdf/document.html", context)
    assert "Penanda Tangan" in html and "tidak ditandatangani" not in html


def test_the_personal_data_download_reads_as_a_document_with_labels_and_display_values(client):
    from registry.tests.factories import complete_person

    person = complete_person()
    sign_in_with_second_factor(client, person.user)
    for url_name in ("registry:my_data_pdf", "accounts:my_data_pdf"):
        response = client.get(reverse(url_name))
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
    from core import readable
    from registry import selectors

    with translation.override("id"):
        rows = readable.readable(selectors.person_export(person))
    profile = {row["label"]: row.get("value") for row in rows[0]["rows"]}
    assert rows[0]["label"] == "Profil"
    assert profile["NIK"] == person.nik and profile["Nama lengkap"] == person.full_name
    assert profile["Tanggal lahir"] == dates.format_id(person.birth_date)
    assert "False" not in repr(rows) and "True" not in repr(rows)


def test_money_months_and_numbers_print_the_indonesian_way():
    from django.template import Context, Template

    with translation.override("id"):
        out = Template("{% load peksos %}{{ a|rupiah }}|{{ m|bulan }}|{{ n|angka }}|{{ d|angka:2 }}|{{ big|angka }}").render(
            Context({"a": 540000, "m": "2026-01", "n": 1234567, "d": "87.5", "big": 540000})
        )
    assert out == "Rp 540.000|Januari 2026|1.234.567|87,50|540.000"


def test_the_legal_basis_cites_each_act_once_even_when_a_rule_cites_it_again_with_its_articles():
    statute = "Undang-Undang Nomor 14 Tahun 2019 tentang Pekerja Sosial"
    context = pdf.document_context(
        issuer=letterheads.issuer_block("ipspi", name="IPSPI"),
        title="SIPPS",
        legal_basis=[statute, f"{statute} Pasal 28-29; Permensos 17/2020", "", "Keputusan 1/2026", "Keputusan 1/2026"],
    )
    assert context["legal_basis"] == [f"{statute} Pasal 28-29; Permensos 17/2020", "Keputusan 1/2026"]


def test_an_english_practice_licence_prints_its_decree_date_with_an_english_month():
    from licensing import documents
    from licensing.models import Licence

    _person, _str_record, licence = _str_and_licence()
    Licence.objects.filter(pk=licence.pk).update(decree_date=datetime.date(2026, 12, 1))
    licence.refresh_from_db()
    with translation.override("en"):
        basis = documents.licence_context(licence)["legal_basis"]
    with translation.override("id"):
        basis_id = documents.licence_context(licence)["legal_basis"]
    assert any("1 December 2026" in citation for citation in basis)
    assert not any("Desember" in citation for citation in basis)
    assert any("1 Desember 2026" in citation for citation in basis_id)
    assert len(basis) == len(set(basis))
