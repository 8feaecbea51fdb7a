"""The demo, crawled as a visitor and as every demo login, shows no internal placeholder, no raw
field name or code, no Django "---------" prompt, and on English pages no Indonesian month."""

import re
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urldefrag, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from accounts.tests.factories import sign_in_with_second_factor
from core.dates import MONTHS_ID

# Words no official would sign and no visitor should read.
PLACEHOLDERS = (
    "nilai bawaan Peksos",
    "Peksos default",
    "Sumber: self",
    ">self<",
    "---------",
    "Selamat datang, Petugas",
    "Welcome, Petugas",
    "Jalan Contoh",
    "Jl. Contoh",
    "alamat demo",
    # Transitions' reasons stored in English, shown untranslated on an Indonesian page.
    "accepted as eligible",
    "result recorded",
    "evidence added",
    "contact kept by the",
)
# A stored code or a model field's name in running text: two or more lower-case words joined by
# underscores (study_field, kesejahteraan_sosial, practice_months).
RAW_NAME = re.compile(r"(?<![\w@./:-])[a-z]{2,}(?:_[a-z0-9]{2,})+(?![\w@.-])")
ENGLISH_MONTH_CLASH = {"April", "September", "November"}  # spelt the same in both languages
INDONESIAN_ONLY_MONTHS = [m for m in MONTHS_ID if m not in ENGLISH_MONTH_CLASH]
INDONESIAN_MONTH = re.compile(r"\b\d{1,2} (" + "|".join(INDONESIAN_ONLY_MONTHS) + r") \d{4}\b")

SKIP = ("/akun/keluar", "/akun/logout", "/admin/", "/static/", "/media/", "/v/", "/i18n/", "/api/", "/jsi18n/")
SKIP_ENDINGS = (".pdf", ".csv", ".xlsx", ".json", ".xml", ".txt", ".svg", ".png", ".jpg")
PAGES_PER_LOGIN = 60


class _Page(HTMLParser):
    """Collects a page's links, its visible text (no scripts, styles, attributes) and, apart,
    the text of the reader's language: parts marked lang="id" on an English page (content with
    no English version yet, said so on the page) are not part of it. Text in <code> (a file's
    column headers, which an officer must type as they are) is not running text."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.text: list[str] = []
        self.readers_text: list[str] = []
        self._hidden = 0
        self._indonesian: list[str] = []  # the tag that opened the lang="id" part, and its nesting
        self._depth = 0
        self._code = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("script", "style", "template"):
            self._hidden += 1
        if tag == "code":
            self._code += 1
        if tag == "a":
            self.links.append(attributes.get("href") or "")
        if self._indonesian and tag == self._indonesian[0]:
            self._depth += 1
        elif not self._indonesian and attributes.get("lang") == "id" and tag != "html":
            self._indonesian, self._depth = [tag], 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1
        if tag == "code" and self._code:
            self._code -= 1
        if self._indonesian and tag == self._indonesian[0]:
            self._depth -= 1
            if not self._depth:
                self._indonesian = []

    def handle_data(self, data):
        if not self._hidden:
            if not self._code:
                self.text.append(data)
            if not self._indonesian:
                self.readers_text.append(data)


def _followable(href: str) -> str | None:
    href = urldefrag(href)[0]
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    if parts.path.startswith(SKIP) or parts.path.lower().endswith(SKIP_ENDINGS) or "/unduh" in parts.path:
        return None
    return href


def _crawl(client, start: list[str], limit: int = PAGES_PER_LOGIN):
    """Yield (url, html, visible text) for the HTML pages reachable from `start`, breadth first."""
    seen, queue = set(start), list(start)
    while queue and limit:
        url = queue.pop(0)
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        limit -= 1
        html = response.content.decode()
        page = _Page()
        page.feed(html)
        yield url, html, " ".join(page.text), " ".join(page.readers_text)
        for href in page.links:
            target = _followable(href)
            if target and target not in seen:
                seen.add(target)
                queue.append(target)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo (`make run`'s data), seeded once for this module and rolled back after."""
    printed = StringIO()
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("seed_demo", "--force", stdout=printed)
            yield printed.getvalue()
            transaction.set_rollback(True)


def _logins():
    from accounts.models import User

    return list(User.objects.filter(email__endswith="@peksos.demo").exclude(is_superuser=True).order_by("email"))


def _problems(url: str, html: str, text: str) -> list[str]:
    found = [f"{url}: “{p}”" for p in PLACEHOLDERS if p in html]
    found += [f"{url}: raw name “{m}”" for m in sorted(set(RAW_NAME.findall(text)))]
    return found


START = ["/", "/register/lks/", "/register/pekerja-sosial/", "/artikel/", "/tanya-jawab/", "/kontak-dpd/", "/cara-mendaftar/"]


@pytest.mark.django_db
def test_no_page_of_the_demo_shows_a_placeholder_or_a_raw_field_name(demo, client):
    problems = []
    for url, html, text, _readers in _crawl(client, START):
        problems += _problems(url, html, text)
    for user in _logins():
        client.logout()
        sign_in_with_second_factor(client, user)
        for url, html, text, _readers in _crawl(client, ["/staf/"]):
            problems += [f"[{user.email}] {p}" for p in _problems(url, html, text)]
    assert problems == [], "\n".join(problems)


@pytest.mark.django_db
def _citations() -> list[str]:
    """Rules' legal citations are quoted as the law is written, in Indonesian, on every page."""
    from django.apps import apps

    from core.models import EffectivePeriod

    models = [m for m in apps.get_models() if issubclass(m, EffectivePeriod)]
    return sorted({s for m in models for s in m.objects.values_list("source", flat=True) if s}, key=len, reverse=True)


def _indonesian_months(text: str, citations: list[str]) -> list[str]:
    for citation in citations:
        text = text.replace(citation, "")
    return [m.group(0) for m in INDONESIAN_MONTH.finditer(text)]


@pytest.mark.django_db
def test_english_pages_of_the_demo_show_no_indonesian_month_name(demo, client):
    citations = _citations()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    problems = []
    for url, _html, _text, readers in _crawl(client, START):
        problems += [f"{url}: {m}" for m in _indonesian_months(readers, citations)]
    for user in _logins():
        client.logout()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        sign_in_with_second_factor(client, user)
        for url, _html, _text, readers in _crawl(client, ["/staf/"], limit=25):
            problems += [f"[{user.email}] {url}: {m}" for m in _indonesian_months(readers, citations)]
    assert problems == [], "\n".join(problems)


def test_the_raw_name_check_catches_a_field_name_in_running_text_but_not_a_column_header_in_code():
    page = _Page()
    page.feed("<p>Kolom <code>nomor_anggota, tanggal_bergabung</code>; bidang study_field kosong.</p>")
    assert _problems("/x/", "", " ".join(page.text)) == ["/x/: raw name “study_field”"]


def test_the_month_check_would_catch_an_indonesian_date():
    assert _indonesian_months("Valid until 6 Desember 2026", []) == ["6 Desember 2026"]
    assert _indonesian_months("Valid until 6 December 2026", []) == []
    page = _Page()
    page.feed('<p>Valid until 6 December 2026</p><div lang="id"><div>19 Agustus 1998</div></div><p>6 Juni 2026</p>')
    assert _indonesian_months(" ".join(page.readers_text), []) == ["6 Juni 2026"]


@pytest.mark.django_db
def test_the_demo_login_list_is_printed_in_one_language(demo):
    assert "DPD officer (IPSPI province) — Jawa Barat" in demo and "competency assessor 1" in demo
    assert "content editor" in demo
    for indonesian in ("Petugas", "asesor kompetensi", "(IPSPI provinsi)", "editor konten", "anggota Dewan Kode Etik"):
        assert indonesian not in demo, indonesian


@pytest.mark.django_db
def test_demo_staff_are_greeted_by_their_own_name(demo, client):
    from accounts.models import User

    officer = User.objects.get(email="dpd.jabar@peksos.demo")
    html = sign_in_with_second_factor(client, officer).get("/staf/").content.decode()
    assert "Selamat datang, Rina" in html and "Selamat datang, Petugas" not in html


@pytest.mark.django_db
def test_every_demo_lks_has_its_own_ahu_number_and_every_demo_dpd_its_own_office(demo):
    from accreditation.models import LKS
    from portal.models import DpdContact

    numbers = list(LKS.objects.values_list("ahu_number", flat=True))
    assert numbers and None not in numbers and len(set(numbers)) == len(numbers)
    for code in ("32", "35"):
        contact = DpdContact.objects.get(province__code=code)
        assert not contact.is_national_office and contact.phone and "demo" not in contact.address
