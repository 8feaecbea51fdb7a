"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser).

Fixtures (registered in the root conftest.py):
    page      a fresh Chromium page; on failure a screenshot is kept in test-artifacts/
    axe_check page -> list of serious/critical accessibility violations (axe-core)
"""

import os
import re
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("PEKSOS_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("PEKSOS_TEST_ARTIFACTS", Path(__file__).resolve().parents[2] / "test-artifacts"))
AXE = Path(__file__).resolve().parents[1] / "tests" / "assets" / "axe.min.js"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; Django's ORM in the same thread
    # (test set-up code) is still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, request):
    context = chromium.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)[-150:]
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()


def serious_accessibility_violations(page) -> list[dict]:
    """Run axe-core in the page (through the DevTools protocol, so the page's strict CSP does
    not block it) and return serious and critical violations."""
    page.evaluate(AXE.read_text())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
