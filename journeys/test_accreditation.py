"""Journey 4: an LKS operator applies for accreditation with documents and a self-assessment; the
Dinas Sosial recommends it; BALKS accepts and assigns two assessors, who score the desk review and
the visit; BALKS validates and sends the result to the Minister; the ministry determines it by
decree; the LKS appears with its grade in the public register."""

import datetime
import re

import pytest

from accounts.roles import Role
from accounts.tests.factories import make_staff
from accreditation.models import Accreditation, AccreditationApplication
from accreditation.tests.factories import LKSFactory, assessor
from regions.models import Regency
from registry.tests.factories import pdf_bytes

from .conftest import definition, main_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def score_every_indicator(page, value: str) -> None:
    selects = page.locator("main select[name^=ind_]")
    assert selects.count() > 10
    for index in range(selects.count()):
        selects.nth(index).select_option(value)


def open_in_workspace(page, lks_name: str) -> None:
    page.get_by_role("link", name="Akreditasi", exact=True).first.click()
    page.get_by_role("link", name=lks_name).first.click()


def test_an_lks_is_accredited_by_decree_and_listed_with_its_grade_in_the_public_register(browser, tmp_path):
    lks = LKSFactory(name="LKS Anak Harapan Bangsa", legal_entity="Yayasan Harapan Bangsa")
    operator = make_staff(Role.LKS_OPERATOR, organisation=lks, totp=False, name="Dedi Kurniawan")
    dinsos = make_staff(Role.DINSOS_OFFICER, regency=Regency.objects.get(code="32.73"), name="Lilis Suryani")
    balks = make_staff(Role.BALKS_OFFICER, name="Bambang Prasetyo")
    ministry = make_staff(Role.MINISTRY_OFFICER, name="Ratna Dewi")
    assessors = [assessor("Asesor Sulastri", regency_code="31.71"), assessor("Asesor Haryanto", regency_code="33.74")]
    letter = tmp_path / "surat-permohonan.pdf"
    letter.write_bytes(pdf_bytes())

    # The operator applies: request letter, Formulir B evidence and the self-assessment.
    lks_page = browser.sign_in("operator-lks", operator)
    open_in_workspace(lks_page, "LKS Anak Harapan Bangsa")
    lks_page.get_by_role("button", name="Ajukan akreditasi").click()
    lks_page.wait_for_url(re.compile(r".*/akreditasi/permohonan/\d+/$"))
    lks_page.locator("#id_request_letter").set_input_files(str(letter))
    lks_page.locator("#id_evidence").set_input_files(str(letter))
    score_every_indicator(lks_page, "3")
    lks_page.get_by_role("button", name="Ajukan ke Dinas Sosial").click()
    lks_page.wait_for_load_state()
    application = AccreditationApplication.objects.get(lks=lks)
    assert application.status == "submitted" and application.request_letter and application.evidence

    # The Dinas Sosial of Kota Bandung recommends it to BALKS.
    dinas = browser.sign_in("dinas-sosial", dinsos, staff=True)
    open_in_workspace(dinas, "LKS Anak Harapan Bangsa")
    dinas.get_by_label("Rekomendasi, atau apa yang harus diperbaiki").fill("Lembaga aktif dan terdaftar; layak direkomendasikan.")
    dinas.get_by_role("button", name="Rekomendasikan ke BALKS").click()
    dinas.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == "recommended"

    # BALKS accepts it and assigns the two proposed assessors.
    office = browser.sign_in("balks", balks, staff=True)
    open_in_workspace(office, "LKS Anak Harapan Bangsa")
    office.get_by_role("button", name="Terima permohonan (BALKS)").click()
    office.wait_for_load_state()
    for person in assessors:
        office.get_by_label(re.compile(person.name)).check()
    office.get_by_role("button", name="Tugaskan").click()
    office.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == "assigned" and application.assignments.count() == 2

    # Both assessors score the desk review; then both score the visit.
    raters = [browser.sign_in(f"asesor-{n}", person.user, staff=True) for n, person in enumerate(assessors, 1)]
    for phase in ("Nilai dokumen (Formulir C)", "Nilai visitasi"):
        for rater in raters:
            open_in_workspace(rater, "LKS Anak Harapan Bangsa")
            rater.get_by_role("link", name=phase).click()
            score_every_indicator(rater, "4")
            rater.get_by_role("button", name="Simpan nilai").click()
            rater.wait_for_url(re.compile(r".*/akreditasi/permohonan/\d+/$"))
    application.refresh_from_db()
    assert application.status == "scored"

    # BALKS validates the result and sends it to the Minister.
    office.reload()
    assert "100" in main_text(office)
    office.get_by_role("button", name="Validasi").click()
    office.wait_for_load_state()
    office.get_by_role("link", name="Penetapan oleh Menteri").first.click()
    office.get_by_label(re.compile("LKS Anak Harapan Bangsa")).check()
    office.get_by_role("button", name="Kirim kepada Menteri").click()
    office.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == "submitted_to_minister"

    # The ministry determines the batch with a decree.
    minister = browser.sign_in("kemensos", ministry, staff=True)
    minister.get_by_role("link", name="Penetapan oleh Menteri").first.click()
    minister.get_by_label("Nomor surat keputusan").fill("123/HUK/2026")
    minister.get_by_label("Tanggal surat keputusan").fill(datetime.date.today().isoformat())
    minister.get_by_role("button", name="Tetapkan").click()
    minister.wait_for_load_state()
    accreditation = Accreditation.objects.get(lks=lks)
    assert accreditation.grade == "A" and accreditation.decree_number == "123/HUK/2026"
    assert "123/HUK/2026" in main_text(minister)

    # The public finds it in the LKS register, with grade A, valid; its certificate verifies.
    visitor = browser.open("pengunjung")
    visitor.goto("/")
    visitor.get_by_role("navigation").get_by_role("link", name="Register LKS").click()
    visitor.get_by_label("Nama lembaga").fill("Harapan Bangsa")
    visitor.get_by_role("button", name="Cari").click()
    row = visitor.get_by_role("row").filter(has_text="LKS Anak Harapan Bangsa")
    row.wait_for()  # the results page has loaded: reading the cells does not wait for it
    cells = [cell.strip() for cell in row.locator("td").all_inner_texts()]
    assert cells[1] == "Kota Bandung" and cells[3] == "A" and cells[5] == "berlaku"
    row.get_by_role("link", name="A", exact=True).click()
    assert visitor.get_by_role("status").first.inner_text().strip() == "SAH / BERLAKU"
    assert definition(visitor, "Pemegang") == "LKS Anak Harapan Bangsa" and definition(visitor, "Peringkat") == "A"
