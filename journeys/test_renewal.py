"""Journey 6 (issue 24): the life of a registration after it is issued. A member whose STR nears
its end reads the missing CPD credits, records them, has them accepted by the DPD, renews, and the
new STR continues the old one from the next day with no gap on the public pages; a paid-up
member's card renews itself in the nightly run; a suspension by the ethics council shows publicly
for exactly its publication period and then leaves the public register while the council's
history keeps it; the nightly run run twice sends each reminder once.

The live server runs in this process: to live a later day, `live_on` moves Django's clock
(`django.utils.timezone.now`, which `core.dates.register_day` reads) and a fresh browser context
looks, so that no page the browser kept from an earlier day is shown again."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import make_staff
from core.dates import add_months, format_id, register_day
from credentials.models import Credential
from ethics.models import Complaint, Outcome, PublicationRule, Sanction
from licensing import services as licensing
from licensing.models import Str, StrApplication
from licensing.tests.factories import certified_person, pdf
from regions.models import Province
from registry import services as registry
from registry.models import CpdRequirement, Member
from registry.tests.factories import complete_person, pdf_bytes, submitted_application

from .conftest import apply_for_str, definition, main_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

_REAL_NOW = timezone.now


def live_on(monkeypatch, day: datetime.date) -> None:
    """From now on the whole process (the live server too) lives `day`, in Jakarta, the clock
    still running from nine in the morning."""
    target = datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=timezone.get_default_timezone())
    offset = target - _REAL_NOW()
    monkeypatch.setattr(timezone, "now", lambda: _REAL_NOW() + offset)
    assert register_day() == day


def dpd_jawa_barat(name: str):
    return make_staff(Role.DPD_OFFICER, province=Province.objects.get(code="32"), name=name)


def member_of_jawa_barat(dpd, person=None) -> Member:
    application = submitted_application(person, province_code="32")
    member = registry.verify_application(actor=dpd, application=application, version=application.version)
    return Member.objects.select_related("credential", "person__user").get(pk=member.pk)


def with_card_ending(member: Member, end: datetime.date) -> Member:
    """The member's card as it stands five years after it was issued: ending on `end`."""
    Member.objects.filter(pk=member.pk).update(card_valid_until=end)
    Credential.objects.filter(pk=member.credential_id).update(valid_from=end - datetime.timedelta(days=365 * 5), valid_until=end)
    return Member.objects.select_related("credential", "person__user").get(pk=member.pk)


def register_row(browser, name: str, number: str, visitor_name: str):
    """A visitor without an account looks the member up in the public register."""
    visitor = browser.open(visitor_name)
    visitor.goto("/register/pekerja-sosial/")
    visitor.get_by_label("Nama atau nomor anggota").fill(number)
    visitor.get_by_role("button", name="Cari").click()
    visitor.wait_for_url(re.compile(r".*/register/pekerja-sosial/\?q="))
    return visitor, visitor.get_by_role("row").filter(has_text=name)


def inbox_subjects(page) -> list[str]:
    page.goto("/staf/")
    page.get_by_role("link", name="Kotak masuk").first.click()
    page.wait_for_url(re.compile(r".*/akun/kotak-masuk/$"))
    return [s.strip() for s in page.locator("main .list-group-item span[lang]").all_inner_texts()]


def test_an_str_renewed_with_the_cpd_credits_the_member_recorded_continues_without_a_gap(browser, tmp_path, monkeypatch):
    today = register_day()
    dpd_officer = dpd_jawa_barat("Rina Marlina")
    dpp_officer = make_staff(Role.DPP_OFFICER, name="Hendra Wijaya")
    # Set-up: a member of Jawa Barat whose STR, issued five years ago, ends in 40 days; the
    # certificate it rests on runs for years yet.
    person, certificate = certified_person(
        issued_on=today - datetime.timedelta(days=400), valid_until=today + datetime.timedelta(days=365 * 8), name="Dewi Lestari"
    )
    member = member_of_jawa_barat(dpd_officer, person)
    first_application = licensing.apply_for_str(
        actor=person.user, certificate=certificate, health_statement=pdf(), oath_taken=True, code_of_ethics=True
    )
    old = licensing.decide_str(actor=dpp_officer, application=first_application, version=first_application.version, approve=True)
    start, end = today - datetime.timedelta(days=365 * 5 - 40), today + datetime.timedelta(days=40)
    Str.objects.filter(pk=old.pk).update(valid_from=start, valid_until=end)
    Credential.objects.filter(pk=old.credential_id).update(valid_from=start, valid_until=end)
    old.refresh_from_db()
    required = CpdRequirement.objects.in_force(old.valid_until).get().credits_required
    evidence = tmp_path / "sertifikat-pelatihan.pdf"
    evidence.write_bytes(pdf_bytes())
    health = tmp_path / "surat-keterangan-sehat.pdf"
    health.write_bytes(pdf_bytes())

    # The member opens their credentials: the STR's renewal checklist names the credits missing.
    worker = browser.sign_in("anggota", person.user)
    worker.get_by_role("link", name="Kredensial saya").first.click()
    renewal = worker.locator(f"#str-renewal-{old.pk}")
    assert f"Perpanjangan STR {old.number} (berlaku sampai {format_id(end)})" in renewal.inner_text()
    credits_item = renewal.get_by_role("listitem").filter(has_text="Kredit PKB periode ini")
    assert credits_item.inner_text().strip() == f"✗ Kredit PKB periode ini: 0 dari {required} kredit: kurang {required}"

    # From the checklist to the CPD record, where the member records the activity with evidence.
    renewal.get_by_role("link", name="PKB saya").click()
    worker.wait_for_url(re.compile(r".*/anggota/saya/pkb/$"))
    assert f"kurang {required}" in main_text(worker)
    worker.locator("#id_title").fill("Pelatihan supervisi klinis pekerjaan sosial")
    worker.locator("#id_category").select_option("training")
    worker.locator("#id_held_on").fill((today - datetime.timedelta(days=60)).isoformat())
    worker.locator("#id_hours").fill(str(required))
    worker.locator("#id_provider_name").fill("Poltekesos Bandung")
    worker.locator("#id_evidence").set_input_files(str(evidence))
    worker.locator("main form button[type=submit]").click()
    worker.get_by_text("Kegiatan telah dicatat").wait_for()
    assert "Kegiatan telah dicatat" in main_text(worker)
    assert "Pelatihan supervisi klinis pekerjaan sosial" in main_text(worker)

    # The DPD officer of Jawa Barat reads the evidence and accepts the activity.
    dpd = browser.sign_in("dpd", dpd_officer, staff=True)
    dpd.get_by_role("link", name="Kegiatan PKB untuk ditinjau").first.click()
    row = dpd.get_by_role("row").filter(has_text="Dewi Lestari")
    assert member.number in row.inner_text() and "Pelatihan supervisi klinis" in row.inner_text()
    proof = dpd.request.get(row.get_by_role("link", name="lihat").get_attribute("href"))
    assert proof.status == 200 and proof.body()[:4] == b"%PDF"
    row.get_by_role("button", name="Terima").click()
    dpd.get_by_text("Kegiatan diterima.").wait_for()
    assert "Kegiatan diterima." in main_text(dpd)

    # The member's checklist now has the credits: only the application's own items remain.
    worker.goto("/lisensi/")
    renewal = worker.locator(f"#str-renewal-{old.pk}")
    credits_item = renewal.get_by_role("listitem").filter(has_text="Kredit PKB periode ini")
    assert credits_item.inner_text().strip().startswith("✓ Kredit PKB periode ini:")
    assert f"dari {required} kredit" in credits_item.inner_text() and "kurang" not in credits_item.inner_text()

    # The member applies for the renewal with a new health statement and both statements.
    apply_for_str(worker, certificate, health)
    application = StrApplication.objects.get(person=person, renewal_of=old)
    assert application.status == StrApplication.State.SUBMITTED

    # The DPP officer reads the complete checklist beside the decision and issues the STR.
    dpp = browser.sign_in("dpp", dpp_officer, staff=True)
    dpp.get_by_role("link", name="Permohonan STR").first.click()
    dpp.get_by_role("link", name="Dewi Lestari").click()
    checklist = dpp.locator("#renewal-checklist").inner_text()
    assert "Kredit PKB periode ini" in checklist and "✗" not in checklist
    dpp.get_by_role("button", name="Terbitkan STR").click()
    dpp.get_by_role("button", name="Terbitkan STR").wait_for(state="detached")
    new = Str.objects.get(application=application)
    assert new.number in main_text(dpp)

    # The new STR starts the day after the old one ends; the old one runs to its end as renewed.
    old.refresh_from_db()
    assert new.valid_from == old.valid_until + datetime.timedelta(days=1)
    assert new.credential.valid_from == new.valid_from and new.number != old.number
    assert old.status_category == "renewed" and old.credential.status_category == "renewed"
    worker.goto("/lisensi/")
    old_row = worker.get_by_role("row").filter(has_text=old.number)
    assert f"berlaku — Diperpanjang dengan {new.number}." in old_row.inner_text()

    # The public today: the old STR valid, the new one not yet (it starts the day after).
    visitor, row = register_row(browser, "Dewi Lestari", member.number, "pengunjung")
    assert re.search(rf"{re.escape(old.number)}\s*—\s*berlaku, sampai {format_id(old.valid_until)}", row.inner_text())
    assert re.search(rf"{re.escape(new.number)}\s*—\s*belum berlaku", row.inner_text())
    # An employer holding the old STR asks about its last day, and about the new one's first day.
    visitor.goto(f"/v/{old.credential.public_id}")
    visitor.get_by_label("Tanggal").fill(old.valid_until.isoformat())
    visitor.get_by_role("button", name="Periksa").click()
    assert "kredensial ini berlaku" in visitor.get_by_role("status").last.inner_text()
    visitor.goto(f"/v/{new.credential.public_id}")
    assert definition(visitor, "Berlaku sejak") == format_id(old.valid_until + datetime.timedelta(days=1))
    visitor.get_by_label("Tanggal").fill(new.valid_from.isoformat())
    visitor.get_by_role("button", name="Periksa").click()
    assert "kredensial ini berlaku" in visitor.get_by_role("status").last.inner_text()

    # The day after the old STR's last day: the new one is valid, the old one reads renewed.
    live_on(monkeypatch, old.valid_until + datetime.timedelta(days=1))
    visitor, row = register_row(browser, "Dewi Lestari", member.number, "pengunjung-esok")
    assert re.search(rf"{re.escape(new.number)}\s*—\s*berlaku", row.inner_text())
    assert re.search(rf"{re.escape(old.number)}\s*—\s*berakhir karena diperpanjang", row.inner_text())
    assert "kedaluwarsa" not in row.inner_text() and "dicabut" not in row.inner_text()
    visitor.goto(f"/v/{old.credential.public_id}")
    assert visitor.get_by_role("status").first.inner_text().strip() == "BERAKHIR KARENA DIPERPANJANG"
    assert "KEDALUWARSA" not in main_text(visitor)
    visitor.goto(f"/v/{new.credential.public_id}")
    assert visitor.get_by_role("status").first.inner_text().strip() == "SAH / BERLAKU"


def test_the_card_of_a_paid_up_member_renews_itself_in_the_nightly_run(browser):
    today = register_day()
    dpd_officer = dpd_jawa_barat("Rina Marlina")
    member = with_card_ending(
        member_of_jawa_barat(dpd_officer, complete_person(full_name="Agus Setiawan")), today + datetime.timedelta(days=10)
    )
    old = member.credential
    assert member.invoices.filter(status="open", due_on__lt=today).count() == 0  # paid up

    # The member reads that the card will renew itself: nothing is missing.
    worker = browser.sign_in("anggota", member.person.user)
    worker.goto("/anggota/saya/")
    assert definition(worker, "Kartu berlaku sampai") == format_id(old.valid_until)
    assert "akan diperpanjang otomatis" in worker.locator("#card-renewal").inner_text()

    call_command("run_scheduled", verbosity=0)

    member.refresh_from_db()
    new = member.credential
    assert new.pk != old.pk and new.valid_from == old.valid_until + datetime.timedelta(days=1)
    # The member sees the new card: its validity, its public page, the message in the inbox.
    worker.goto("/anggota/saya/")
    assert definition(worker, "Kartu berlaku sampai") == format_id(new.valid_until)
    assert new.valid_until > old.valid_until
    # The link is the card's public address (SITE_URL, as on the QR code): opened here on this server.
    address = worker.get_by_role("link", name="Halaman verifikasi publik").get_attribute("href")
    assert address.endswith(f"/v/{new.public_id}")
    worker.goto(f"/v/{new.public_id}")
    assert definition(worker, "Berlaku sejak") == format_id(old.valid_until + datetime.timedelta(days=1))
    assert definition(worker, "Berlaku sampai") == format_id(new.valid_until)
    assert inbox_subjects(worker).count("Kartu anggota Anda telah diperpanjang") == 1

    # The old card's own page: still valid to its last day, then ended by renewal, never expired.
    visitor = browser.open("pengunjung")
    visitor.goto(f"/v/{old.public_id}")
    assert visitor.get_by_role("status").first.inner_text().strip() == "SAH / BERLAKU"
    visitor.get_by_label("Tanggal").fill((old.valid_until + datetime.timedelta(days=1)).isoformat())
    visitor.get_by_role("button", name="Periksa").click()
    assert "kredensial ini tidak berlaku" in visitor.get_by_role("status").last.inner_text()
    old.refresh_from_db()
    assert old.current_status(old.valid_until + datetime.timedelta(days=1)) == Credential.Status.RENEWED


def test_a_suspension_is_public_for_exactly_its_publication_period_and_stays_in_the_councils_history(
    browser, tmp_path, monkeypatch
):
    today = register_day()
    dpd_officer = dpd_jawa_barat("Rina Marlina")
    council_member = make_staff(Role.ETHICS_COUNCIL, name="Prof. Bambang Sutrisno")
    member = member_of_jawa_barat(dpd_officer, complete_person(full_name="Eko Prasetyo"))
    evidence = tmp_path / "tangkapan-layar.pdf"
    evidence.write_bytes(pdf_bytes())
    minutes = tmp_path / "berita-acara-sidang.pdf"
    minutes.write_bytes(pdf_bytes())

    # A member of the public finds the complaint form from the register and lodges a complaint.
    public = browser.open("pelapor")
    public.goto("/register/pekerja-sosial/")
    public.get_by_role("link", name="Laporkan pelanggaran kode etik oleh pekerja sosial").click()
    public.locator("#id_complainant_name").fill("Budi Santoso")
    public.locator("#id_complainant_contact").fill("budi@example.com")
    public.locator("#id_respondent_given").fill(member.number)
    public.locator("#id_account").fill("Catatan kasus klien dibagikan di media sosial.")
    public.locator("#id_evidence").set_input_files(str(evidence))
    public.locator("#id_consent").check()
    public.get_by_role("button", name="Kirim pengaduan").click()
    public.wait_for_url(re.compile(r".*/pengaduan-etik/terkirim/$"))
    complaint = Complaint.objects.get(respondent_given=member.number)

    # The council examines it, hears the member and suspends the membership for 30 days.
    last_day = today + datetime.timedelta(days=30)
    council = browser.sign_in("dewan", council_member, staff=True)
    council.get_by_role("link", name="Pengaduan kode etik").first.click()
    council.get_by_role("link", name=complaint.reference).click()
    council.locator("#id_member_number").fill(member.number)
    council.get_by_role("button", name="Periksa", exact=True).click()
    council.locator("#id_held_on").fill(today.isoformat())
    council.locator("#id_summary").fill("Anggota mengakui dan menyesal.")
    council.locator("#id_attachment").set_input_files(str(minutes))
    council.get_by_role("button", name="Catat sidang").click()
    council.locator("main li", has_text="Anggota mengakui dan menyesal.").wait_for()
    council.locator("#id_outcome").select_option(Outcome.SUSPENSION.value)
    council.locator("#id_suspension_until").fill(last_day.isoformat())
    council.locator("#id_reason").fill("Terbukti melanggar kerahasiaan klien.")
    council.get_by_role("button", name="Catat keputusan").click()
    council.get_by_role("button", name="Catat keputusan").wait_for(state="detached")
    complaint.refresh_from_db()
    assert complaint.status == Complaint.State.DECIDED and complaint.outcome == Outcome.SUSPENSION
    sanction = Sanction.objects.get(complaint=complaint)

    # The period comes from the publication rule in force on the decision's date (dated data).
    rule = PublicationRule.objects.in_force(today).filter(kind=Outcome.SUSPENSION).order_by("-valid_from").first()
    assert rule.shown_publicly
    end_of_publication = add_months(last_day, rule.months_after_end)
    assert (sanction.public_from, sanction.public_until) == (today, end_of_publication)
    shown = f"diumumkan {format_id(today)}–{format_id(end_of_publication)}"
    assert shown in definition(council, "Sanksi")

    # The public sees it on the register and on the member card's verification page.
    visitor, row = register_row(browser, "Eko Prasetyo", member.number, "pengunjung")
    assert (
        "Sanksi Dewan Kode Etik IPSPI" in row.inner_text() and f"{format_id(today)} – {format_id(last_day)}" in row.inner_text()
    )
    assert "kerahasiaan" not in row.inner_text() and "Budi" not in row.inner_text()
    visitor.goto(f"/v/{member.credential.public_id}")
    assert visitor.locator(".ethics-sanction").count() == 1

    # The last day of the publication period (long after the suspension ended and was lifted by
    # the nightly run): still shown.
    live_on(monkeypatch, end_of_publication)
    call_command("run_scheduled", "--only", "ethics", verbosity=0)
    sanction.refresh_from_db()
    assert sanction.state == Sanction.State.ENDED
    visitor, row = register_row(browser, "Eko Prasetyo", member.number, "pengunjung-hari-terakhir")
    assert row.locator(".ethics-sanction").count() == 1
    visitor.goto(f"/v/{member.credential.public_id}")
    assert visitor.locator(".ethics-sanction").count() == 1

    # The day after: gone from the register and the verification page.
    live_on(monkeypatch, end_of_publication + datetime.timedelta(days=1))
    visitor, row = register_row(browser, "Eko Prasetyo", member.number, "pengunjung-sesudahnya")
    assert row.count() == 1 and row.locator(".ethics-sanction").count() == 0
    assert "Sanksi Dewan Kode Etik" not in main_text(visitor)
    visitor.goto(f"/v/{member.credential.public_id}")
    assert visitor.locator(".ethics-sanction").count() == 0 and "Sanksi Dewan Kode Etik" not in main_text(visitor)

    # The council's history keeps it: the closed complaint with its sanction and its steps.
    council = browser.sign_in("dewan-sesudahnya", council_member, staff=True)
    council.get_by_role("link", name="Pengaduan kode etik").first.click()
    council.wait_for_url(re.compile(r".*/etik/$"))
    assert not council.get_by_role("link", name=complaint.reference).count()  # closed: not among the open ones
    council.get_by_role("link", name="Tampilkan semua, termasuk yang ditutup").click()
    council.get_by_role("link", name=complaint.reference).click()
    assert shown in definition(council, "Sanksi") and "berakhir" in definition(council, "Sanksi")
    assert "Terbukti melanggar kerahasiaan klien." in definition(council, "Keputusan")
    assert Sanction.objects.filter(pk=sanction.pk).exists() and sanction.history.count() >= 2


def test_the_nightly_run_run_twice_sends_each_reminder_once(browser):
    today = register_day()
    dpd_officer = dpd_jawa_barat("Rina Marlina")
    # Ani is paid up and her card ends in 60 days (the 90-day reminder); Budi's dues fell due
    # yesterday and his card ends in 7 days (the last reminder, to him and to the DPD's worklist).
    ani = with_card_ending(
        member_of_jawa_barat(dpd_officer, complete_person(full_name="Ani Wulandari")), today + datetime.timedelta(days=60)
    )
    budi = with_card_ending(
        member_of_jawa_barat(dpd_officer, complete_person(full_name="Budi Hartono")), today + datetime.timedelta(days=7)
    )
    budi.invoices.update(due_on=today - datetime.timedelta(days=1))

    call_command("run_scheduled", verbosity=0)
    call_command("run_scheduled", verbosity=0)

    ani_page = browser.sign_in("ani", ani.person.user)
    assert inbox_subjects(ani_page).count(f"Kartu anggota Anda {ani.number} berakhir dalam 60 hari") == 1
    budi_page = browser.sign_in("budi", budi.person.user)
    subjects = inbox_subjects(budi_page)
    assert subjects.count(f"Kartu anggota Anda {budi.number} berakhir dalam 7 hari") == 1
    budi_page.get_by_text(f"Kartu anggota Anda {budi.number} berakhir dalam 7 hari").wait_for()
    assert "iuran" in budi_page.locator("main .list-group-item").filter(has_text="berakhir dalam 7 hari").inner_text().lower()
    dpd = browser.sign_in("dpd", dpd_officer, staff=True)
    officer_subjects = inbox_subjects(dpd)
    assert officer_subjects.count(f"Kartu anggota berakhir tanpa perpanjangan: {budi.number}") == 1
    assert not [s for s in officer_subjects if ani.number in s]  # Ani's card renews itself: nothing to act on
    # The message opens the officer's list of cards ending without renewal, Budi's with its reason.
    message = dpd.locator("main .list-group-item").filter(has_text=f"Kartu anggota berakhir tanpa perpanjangan: {budi.number}")
    message.get_by_role("button", name="Buka").click()
    dpd.wait_for_url(re.compile(r".*/anggota/perpanjangan/$"))
    worklist = dpd.get_by_role("row").filter(has_text=budi.number)
    assert "Budi Hartono" in worklist.inner_text() and "belum dibayar" in worklist.inner_text()
    assert not dpd.get_by_role("row").filter(has_text=ani.number).count()
