"""Journey 5: a visitor without an account searches the register of social workers and of LKS,
verifies by number and by the QR link, asks whether a credential was valid on a date; and axe-core
finds no serious or critical accessibility violation on the main pages, public and signed in."""

import datetime
import re

import pytest
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import make_staff
from accreditation import services as accreditation
from accreditation.models import Indicator
from accreditation.tests.factories import LKSFactory, assessor, pdf, uniform_scores
from core.testing.browser import serious_accessibility_violations
from regions.models import Province, Regency
from registry import services as registry
from registry.tests.factories import EducationFactory, PersonFactory

from .conftest import main_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def verified_member(name, officer):
    person = PersonFactory(full_name=name)
    EducationFactory(person=person)
    application = registry.start_application(
        actor=person.user, person=person, channel="dpd", province=Province.objects.get(code="32")
    )
    application = registry.submit_application(actor=person.user, application=application)
    application.refresh_from_db()
    return registry.verify_application(actor=officer, application=application, version=application.version)


def pending_application(name):
    person = PersonFactory(full_name=name)
    EducationFactory(person=person)
    application = registry.start_application(
        actor=person.user, person=person, channel="dpd", province=Province.objects.get(code="32")
    )
    return registry.submit_application(actor=person.user, application=application)


def accredited(name):
    lks = LKSFactory(name=name)
    operator = make_staff(Role.LKS_OPERATOR, organisation=lks, totp=False)
    dinsos = make_staff(Role.DINSOS_OFFICER, regency=lks.regency)
    balks, ministry = make_staff(Role.BALKS_OFFICER), make_staff(Role.MINISTRY_OFFICER)
    raters = [assessor("Asesor Satu", regency_code="31.71"), assessor("Asesor Dua", regency_code="33.74")]
    application = accreditation.start_application(actor=operator, lks=lks)
    application.request_letter, application.evidence = pdf(), pdf()
    application.save()
    indicators = Indicator.objects.filter(standard__instrument=accreditation.instrument_on(timezone.localdate()))
    accreditation.submit_application(
        actor=operator, application=application, version=application.version, self_assessment={str(i.pk): 3 for i in indicators}
    )
    accreditation.recommend(actor=dinsos, application=application, version=application.version, note="Layak")
    accreditation.accept(actor=balks, application=application, version=application.version)
    accreditation.assign_assessors(actor=balks, application=application, version=application.version, assessors=raters)
    for phase in ("desk", "visit"):
        for rater in raters:
            accreditation.record_scores(
                actor=rater.user, application=application, phase=phase, values=uniform_scores(application, 3)
            )
    application.refresh_from_db()
    accreditation.validate_result(actor=balks, application=application, version=application.version)
    batch = accreditation.send_to_minister(actor=balks, applications=[application])
    [result] = accreditation.determine(actor=ministry, batch=batch, decree_number="77/HUK/2026", decree_date=timezone.localdate())
    return result


def test_a_visitor_searches_the_registers_and_verifies_and_the_main_pages_are_accessible(browser):
    officer = make_staff(Role.DPD_OFFICER, province=Province.objects.get(code="32"), name="Agus Setiawan")
    member = verified_member("Nur Aini Rahmawati", officer)
    pending_application("Wulan Sari")
    lks = accredited("Panti Sosial Tresna Werdha Budi Mulia").lks

    visitor = browser.open("pengunjung")
    visitor.goto("/")
    assert visitor.locator("html").get_attribute("lang") == "id"
    assert serious_accessibility_violations(visitor) == []

    # By name, from the home page: public fields only.
    register_search = visitor.get_by_role("region", name="Periksa pekerja sosial")
    register_search.get_by_label("Nama atau nomor anggota").fill("nur aini")
    register_search.get_by_role("button", name="Cari").click()
    visitor.wait_for_url(re.compile(r".*/register/pekerja-sosial/\?q=nur\+aini"))
    row = visitor.get_by_role("row").filter(has_text="Nur Aini Rahmawati")
    assert member.number in row.inner_text() and "Jawa Barat" in row.inner_text() and "aktif" in row.inner_text()
    assert member.person.nik not in visitor.content() and member.person.phone not in visitor.content()
    assert serious_accessibility_violations(visitor) == []

    # By member number, and nothing for a number that does not exist.
    visitor.locator("#q").fill("IPSPI.32.2020.99999")
    visitor.get_by_role("button", name="Cari").click()
    assert "Tidak ada pekerja sosial terdaftar" in visitor.get_by_role("status").inner_text()
    visitor.locator("#q").fill(member.number)
    visitor.get_by_role("button", name="Cari").click()
    assert visitor.get_by_role("row").count() == 2  # header and the one member

    # The register carries no verification address (counting numbers must not collect them).
    assert not visitor.get_by_role("link", name=re.compile(re.escape(member.number))).count()
    # The card's verification page, opened from its QR code, and "was it valid on a date?".
    visitor.goto(f"/v/{member.credential.public_id}")
    assert visitor.get_by_role("status").first.inner_text().strip() == "SAH / BERLAKU"
    assert serious_accessibility_violations(visitor) == []
    visitor.get_by_label("Tanggal").fill((member.joined_on - datetime.timedelta(days=1)).isoformat())
    visitor.get_by_role("button", name="Periksa").click()
    assert "belum diterbitkan" in visitor.get_by_role("status").last.inner_text()
    # Reading set no cookie; the language switch works on the page and comes back to it.
    assert visitor.context.cookies() == []
    visitor.get_by_role("button", name=re.compile("^EN")).click()
    visitor.wait_for_url(re.compile(rf".*/v/{member.credential.public_id}\?tanggal="))
    assert visitor.locator("html").get_attribute("lang") == "en"
    assert visitor.get_by_role("status").first.inner_text().strip() == "VALID"
    visitor.get_by_role("button", name=re.compile("^ID")).click()
    assert visitor.get_by_role("status").first.inner_text().strip() == "SAH / BERLAKU"
    assert visitor.goto("/v/bukan-kode-yang-ada").status == 404
    assert "tidak ditemukan" in main_text(visitor).lower()

    # The LKS register: by regency, with grade and validity.
    visitor.get_by_role("navigation").get_by_role("link", name="Register LKS").click()
    visitor.get_by_label("Provinsi").select_option("32")  # the regency list follows the province
    visitor.locator("#kabupaten:not([disabled])").wait_for()
    visitor.get_by_label("Kabupaten/kota").select_option(Regency.objects.get(code="32.73").code)
    visitor.get_by_role("button", name="Cari").click()
    row = visitor.get_by_role("row").filter(has_text=lks.name)
    assert re.search(r"\bB\b", row.inner_text()) and "berlaku" in row.inner_text()
    assert serious_accessibility_violations(visitor) == []

    # Signed in: the member's dashboard and a staff queue.
    own = browser.sign_in("anggota", member.person.user)
    assert serious_accessibility_violations(own) == []
    own.get_by_role("link", name="Keanggotaan IPSPI saya").first.click()
    assert member.number in main_text(own)
    assert serious_accessibility_violations(own) == []
    staff = browser.sign_in("dpd", officer, staff=True)
    staff.get_by_role("link", name="Permohonan keanggotaan").first.click()
    assert "Wulan Sari" in main_text(staff)
    assert serious_accessibility_violations(staff) == []
