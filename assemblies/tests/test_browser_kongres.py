"""Issue 27's "Done when", in a browser, on the demo's members: the DPP opens a Kongres with a
cut-off date; the roll shows each member's right to vote and why not; a member whose dues read
unpaid asks for a correction and the DPD grants it; the invitations reach the inbox; at the door
the desk scans an invitation's QR code with the page's own scanner (Chromium's fake camera plays
the QR code the member's page shows) and types another, and the quorum is reached; the minutes
are published to the members; the accountability report PDF downloads with the period's figures;
the practice map shows the members by field and the LSP sees the fields without a scheme.

Screenshots of the key steps are kept in test-artifacts/kongres/."""

import base64
import datetime
import io
import re

import pytest
import segno
from django.conf import settings
from django.template.loader import render_to_string

from accounts.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from accounts.tests.factories import current_totp_code
from assemblies import services
from assemblies.models import Assembly, RollEntry
from core import pdf
from core.dates import register_day
from core.testing.browser import ARTIFACTS, CHROMIUM, LAUNCH_ARGS, serious_accessibility_violations
from reports import queries

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = ARTIFACTS / "kongres"
NAME = "Kongres VI IPSPI"


@pytest.fixture
def demo():
    """The reference data and the demos of the register, certification and practice fields (the
    members, officers, schemes and practice fields the walk meets)."""
    from certification import demo as certification_demo
    from core.testing import reference_data
    from practice import demo as practice_demo
    from registry import demo as registry_demo

    reference_data.restore()
    for module in (registry_demo, certification_demo, practice_demo):
        module.seed()


def _camera_file(path, qr_png: str | None) -> None:
    """A Y4M video (what Chromium's fake camera plays) of a QR code (a PNG data URI) on a white card."""
    from PIL import Image

    frame = Image.new("L", (640, 480), 255)
    if qr_png is not None:
        qr = Image.open(io.BytesIO(base64.b64decode(qr_png.split(",", 1)[1]))).convert("L")
        frame.paste(qr, ((640 - qr.width) // 2, (480 - qr.height) // 2))
    grey = bytes([128]) * (320 * 240)
    with path.open("wb") as out:
        out.write(b"YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\n")
        for _ in range(5):
            out.write(b"FRAME\n" + frame.tobytes() + grey + grey)


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _main(page) -> str:
    return page.locator("main").inner_text()


def test_done_when_a_kongres_in_a_browser(chromium, live_server, demo, tmp_path, monkeypatch):
    camera = tmp_path / "kamera.y4m"
    _camera_file(camera, None)  # a blank card until the member's QR code is known
    browser = chromium.browser_type.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=[*LAUNCH_ARGS, "--use-fake-device-for-media-stream", f"--use-file-for-fake-video-capture={camera}"],
    )
    pages = []

    def sign_in(email: str, *, staff: bool = False):
        context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900}, base_url=live_server.url)
        page = context.new_page()
        page.set_default_timeout(15000)
        pages.append(page)
        page.goto("/akun/login/")
        page.locator("#id_login").fill(email)
        page.locator("#id_password").fill(DEMO_PASSWORD)
        page.locator("main form button[type=submit]").last.click()
        if staff:
            page.wait_for_url(re.compile(r".*/akun/2fa/authenticate/$"))
            page.locator("#id_code").fill(current_totp_code(DEMO_TOTP_SECRET))
            page.get_by_role("button", name="Masuk").click()
        page.wait_for_load_state()
        return page

    try:
        _walk(sign_in, live_server, camera, monkeypatch)
    except BaseException:
        for index, page in enumerate(pages):
            if not page.is_closed():
                _shot(page, f"failed-{index}")
        raise
    finally:
        browser.close()


def _walk(sign_in, live_server, camera, monkeypatch) -> None:
    today = register_day()

    # 1. The DPP opens a Kongres with a cut-off date and freezes its roll.
    dpp = sign_in("dpp@peksos.demo", staff=True)
    dpp.goto("/kongres/kelola/")
    dpp.get_by_role("link", name="Forum baru").click()
    dpp.locator("#id_kind").select_option("kongres")
    dpp.locator("#id_name").fill(NAME)
    dpp.locator("#id_starts_on").fill((today + datetime.timedelta(days=40)).isoformat())
    dpp.locator("#id_ends_on").fill((today + datetime.timedelta(days=41)).isoformat())
    dpp.locator("#id_place").fill("Jakarta")
    dpp.locator("#id_agenda").fill("Laporan pertanggungjawaban DPP; pemilihan Ketua Umum.")
    dpp.locator("#id_roll_cutoff").fill(today.isoformat())
    dpp.locator("#id_correction_deadline").fill((today + datetime.timedelta(days=20)).isoformat())
    dpp.get_by_role("button", name="Buat", exact=True).click()
    dpp.wait_for_url(re.compile(r".*/kongres/\d+/$"))
    kongres = Assembly.objects.get(name=NAME)
    dpp.get_by_role("button", name="Bekukan daftar peserta").click()
    dpp.wait_for_load_state()
    assert Assembly.objects.get(pk=kongres.pk).roll_frozen
    _shot(dpp, "1-kongres-dibuka")

    # 2. The roll shows each member's right to vote, with the reason when not.
    dpp.get_by_role("link", name="Buka daftar peserta").click()
    roll = dpp.locator("main table")
    assert "berhak hadir dan memberikan suara" in roll.locator("tr", has_text="Siti Rahmawati").inner_text()
    assert "tanpa hak suara — iuran belum lunas" in roll.locator("tr", has_text="Bambang Hidayat").inner_text()
    assert "tidak berhak hadir — keanggotaan tidak aktif" in roll.locator("tr", has_text="Ratna Sari").inner_text()
    assert "Yusuf Pratama" not in roll.inner_text()  # resigned before the cut-off: not on the roll
    assert serious_accessibility_violations(dpp) == []
    _shot(dpp, "2-daftar-peserta")

    # 3. Bambang reads why he has no vote and asks his DPD for a correction.
    bambang = sign_in("bambang@peksos.demo")
    bambang.goto("/kongres/")
    bambang.get_by_role("link", name=NAME).click()
    assert "iuran belum lunas" in bambang.locator("[data-standing]").inner_text()
    bambang.locator("#id_statement").fill("Iuran tahun lalu sudah saya bayar tunai di sekretariat DPD Jawa Barat.")
    bambang.get_by_role("button", name="Ajukan koreksi").click()
    bambang.wait_for_load_state()
    assert "menunggu keputusan" in _main(bambang)
    _shot(bambang, "3-anggota-minta-koreksi")

    # 4. The DPD of Jawa Barat grants it: Bambang may vote.
    dpd = sign_in("dpd.jabar@peksos.demo", staff=True)
    dpd.goto("/kongres/koreksi/")
    dpd.get_by_role("link", name="Bambang Hidayat").click()
    dpd.locator("#id_decision").select_option("grant")
    dpd.locator("#id_reason").fill("Kuitansi pembayaran iuran diperiksa di sekretariat DPD.")
    dpd.get_by_role("button", name="Catat keputusan").click()
    dpd.wait_for_load_state()
    bambang_entry = RollEntry.objects.get(assembly=kongres, person__full_name="Bambang Hidayat")
    assert bambang_entry.may_vote
    _shot(dpd, "4-dpd-mengabulkan")

    # 5. The invitations arrive in the inbox, each with its own QR code.
    dpp.goto(f"/kongres/{kongres.pk}/")
    dpp.get_by_role("button", name="Kirim undangan").click()
    dpp.wait_for_load_state()
    siti = sign_in("siti@peksos.demo")
    siti.goto("/akun/kotak-masuk/")
    siti.locator("main li", has_text=f"Undangan: {NAME}").get_by_role("button").click()
    siti.wait_for_url(re.compile(r".*/kongres/daftar/\d+/$"))
    qr = siti.locator(".qr svg")
    assert qr.is_visible()
    _shot(siti, "5-undangan-dengan-qr")
    # The camera is shown the invitation's QR code as core.qr draws it from the page's own code
    # (a screenshot of the page's SVG is cut at its box edges and does not decode).
    code = siti.locator("main code").inner_text().strip()
    door = settings.SITE_URL + f"/kongres/kelola/{kongres.pk}/registrasi/?t={code}"
    _camera_file(camera, segno.make(door, error="m", micro=False).png_data_uri(scale=8, border=4))
    bambang.goto(f"/kongres/daftar/{bambang_entry.pk}/")
    assert "berhak hadir dan memberikan suara" in bambang.locator("[data-standing]").inner_text()
    bambang_code = bambang.locator("main code").inner_text().strip()

    # 6. At the door: Siti's invitation scanned by the page's camera, Bambang's code typed, and
    #    the other voters' codes as a USB scanner types them, until the quorum is reached.
    dpp.goto(f"/kongres/kelola/{kongres.pk}/registrasi/")
    dpp.get_by_role("button", name="Pindai dengan kamera").click()
    # The browser has not been allowed the camera yet: the page says so and points to typing.
    dpp.locator("[data-scanner-status]", has_text="izin ditolak").wait_for()
    _shot(dpp, "6a-kamera-belum-diizinkan")
    dpp.context.grant_permissions(["camera"], origin=live_server.url)
    dpp.get_by_role("button", name="Pindai dengan kamera").click()
    dpp.locator("[data-result=recorded]", has_text="Siti Rahmawati").wait_for()
    assert dpp.locator("video").is_visible()  # the camera keeps running for the next one
    assert serious_accessibility_violations(dpp) == []
    _shot(dpp, "6b-meja-registrasi-kamera")
    dpp.get_by_role("button", name="Matikan kamera").click()
    dpp.locator("#id_token").fill(bambang_code)
    dpp.get_by_role("button", name="Catat kehadiran").click()
    dpp.locator("[data-result=recorded]", has_text="Bambang Hidayat").wait_for()
    summary = services.summary(kongres)
    waiting = RollEntry.objects.filter(assembly=kongres, may_vote=True, attended_at__isnull=True).order_by("pk")
    for entry in waiting[: max(0, summary.quorum - summary.attending_voters)]:
        dpp.locator("#id_token").fill(entry.token)
        dpp.get_by_role("button", name="Catat kehadiran").click()
        dpp.locator("[data-result=recorded]", has_text=entry.person.full_name).wait_for()
    assert "Kuorum tercapai." in dpp.locator("#quorum").inner_text()
    assert services.summary(kongres).quorum_reached
    _shot(dpp, "6c-kuorum-tercapai")

    # 7. The minutes and decisions are published; a member reads them.
    dpp.goto(f"/kongres/kelola/{kongres.pk}/notulen/")
    dpp.locator("#id_minutes").fill("Kongres VI dibuka oleh Ketua Umum; kuorum tercapai.")
    dpp.locator("#id_decisions").fill("1. Laporan pertanggungjawaban DPP diterima.")
    dpp.get_by_role("button", name="Terbitkan", exact=True).click()
    dpp.wait_for_load_state()
    siti.goto(f"/kongres/{kongres.pk}/")
    assert "Laporan pertanggungjawaban DPP diterima." in _main(siti)
    _shot(siti, "7-notulen-terbit")

    # 8. The accountability report: the board's words and Peksos's figures for the period.
    made = []
    render = pdf.render_pdf

    def keep_html(template, context):
        made.append(render_to_string(template, context))
        return render(template, context)

    monkeypatch.setattr(pdf, "render_pdf", keep_html)
    dpp.goto(f"/kongres/kelola/{kongres.pk}/lpj/")
    dpp.locator("#id_text").fill("Program kerja DPP periode ini terlaksana.")
    dpp.get_by_role("button", name="Simpan laporan").click()
    dpp.wait_for_load_state()
    dpp.goto(f"/kongres/{kongres.pk}/")
    report = dpp.request.get(dpp.locator("[data-report-pdf]").get_attribute("href"))
    assert report.status == 200 and report.body().startswith(b"%PDF")
    kongres.refresh_from_db()
    figures = queries.accountability_period(None, kongres.report_period_start, kongres.report_period_end)
    assert figures["members"] >= 4
    assert "Program kerja DPP periode ini terlaksana." in made[-1]
    assert f'data-figure="members">{figures["members"]}<' in made[-1]
    _shot(dpp, "8-laporan-pertanggungjawaban")

    # 9. The practice map shows the demo's members by field; the LSP sees where schemes are missing.
    dpp.goto("/praktik/peta/")
    assert int(dpp.locator("#field-summary tr[data-field=anak] td").nth(1).inner_text()) >= 1
    assert int(dpp.locator("#field-summary tr[data-field=lanjut-usia] td").nth(1).inner_text()) >= 1
    _shot(dpp, "9a-peta-praktik")
    lsp = sign_in("lsp@peksos.demo", staff=True)
    lsp.goto("/praktik/peta/")
    missing = lsp.locator("#schemes-missing li")
    assert missing.count() >= 1 and "Setiap bidang" not in missing.first.inner_text()
    assert lsp.locator("#field-summary .badge.bg-danger").count() == missing.count()
    _shot(lsp, "9b-lsp-skema-belum-ada")
