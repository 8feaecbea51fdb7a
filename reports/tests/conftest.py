import pytest

from accounts.roles import Role
from accounts.tests.factories import make_staff
from regions.models import Province


@pytest.fixture
def officers():
    return {
        "dpp": make_staff(Role.DPP_OFFICER),
        "jabar": make_staff(Role.DPD_OFFICER, province=Province.objects.get(code="32")),
        "jatim": make_staff(Role.DPD_OFFICER, province=Province.objects.get(code="35")),
    }


@pytest.fixture
def rendered(monkeypatch):
    """The HTML each report hands to WeasyPrint (no PDF text extractor is in the lock)."""
    from django.template.loader import render_to_string

    from core import pdf

    pages: list[str] = []
    real = pdf.render_pdf

    def capture(template, context):
        pages.append(render_to_string(template, context))
        return real(template, context)

    monkeypatch.setattr(pdf, "render_pdf", capture)
    return pages
