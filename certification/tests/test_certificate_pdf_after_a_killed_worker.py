"""A certificate PDF rendered again (a task retried after its worker was killed) leaves one file."""

import pytest

from certification.documents import store_certificate_pdf
from certification.tests.factories import SchemeFactory, event_for, lsp_officer
from certification.tests.test_certification_services import issued_certificate

pytestmark = pytest.mark.django_db


def files_in(root):
    """The certificate PDFs kept (the evidence uploaded on the way is elsewhere)."""
    return sorted(p.relative_to(root).as_posix() for p in root.glob("certification/certificates/*"))


def test_a_render_killed_after_writing_the_file_and_retried_leaves_one_pdf(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "core.files.PrivateStorage", "OPTIONS": {"location": tmp_path, "base_url": None}},
    }
    scheme = SchemeFactory(units=3)
    setting = {"scheme": scheme, "lsp": scheme.lsp, "officer": lsp_officer(scheme.lsp), "event": event_for(scheme.lsp)}
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issued_certificate(setting)
    certificate.refresh_from_db()
    first = certificate.pdf.name
    assert files_in(tmp_path) == [first]

    # The worker was killed while a retry wrote its file, before the row pointed at it.
    with open(certificate.pdf.storage.path(first), "wb") as handle:
        handle.write(b"%PDF-1.7 half")
    store_certificate_pdf(certificate.pk)
    store_certificate_pdf(certificate.pk)

    certificate.refresh_from_db()
    assert files_in(tmp_path) == [certificate.pdf.name]
    with certificate.pdf.open("rb") as handle:
        body = handle.read()
    assert body.startswith(b"%PDF") and b"half" not in body and len(body) > 1000
