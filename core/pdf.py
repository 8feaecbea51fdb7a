"""PDF rendering with WeasyPrint from Django templates.

Call this from a background task or after the issuing transaction has committed, never while
holding a database transaction open: rendering takes hundreds of milliseconds.
Templates refer to vendored assets as ``static:peksos/pdf.css``; nothing is fetched from the
network (only file: and data: URLs are allowed).
"""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string


def _fetcher():
    from weasyprint.urls import URLFetcher

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("static:"):
                path = finders.find(url.removeprefix("static:"))
                if not path:
                    raise ValueError(f"No static file {url}")
                url = Path(path).as_uri()
            return super().fetch(url, headers)

    return StaticOnlyFetcher(allowed_protocols={"file", "data"})


def render_pdf(template_name: str, context: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template_name, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_fetcher()).write_pdf()


def distinct_citations(citations) -> list[str]:
    """Each citation once: an empty one, a repeat, or one that a longer citation begins with (the
    statute alone before "the statute, Article 28-29; ...") is left out, so the legal basis does
    not cite the same act twice."""
    texts = [str(citation).strip() for citation in citations if citation and str(citation).strip()]
    kept: list[str] = []
    for text in texts:
        if text in kept or any(other != text and other.startswith(text) for other in texts):
            continue
        kept.append(text)
    return kept


def document_context(*, issuer: dict, title: str, number: str = "", legal_basis=(), verification_url: str = "", **extra) -> dict:
    """The context of core/pdf/document.html, the one layout every Peksos document extends:
    the issuer's letterhead and signatory (core.letterheads.issuer_block), title, number, the
    legal basis it is issued under, and the QR code opening its verification page."""
    from . import qr

    return {
        "issuer": issuer,
        "title": title,
        "number": number,
        "legal_basis": distinct_citations(legal_basis),
        "verification_url": verification_url,
        "qr": qr.qr_svg(verification_url) if verification_url else "",
        **extra,
    }
