import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.files import validate_document, validate_image
from registry.tests.factories import png_bytes

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
PNG = png_bytes()


def test_a_real_pdf_is_accepted():
    validate_document(SimpleUploadedFile("ijazah.pdf", PDF))


def test_a_renamed_executable_is_refused_by_its_content():
    with pytest.raises(ValidationError) as excinfo:
        validate_document(SimpleUploadedFile("ijazah.pdf", b"MZ\x90\x00" + b"\x00" * 100))
    assert excinfo.value.code == "file_type"


def test_a_pdf_is_not_a_photo():
    with pytest.raises(ValidationError):
        validate_image(SimpleUploadedFile("foto.png", PDF))
    validate_image(SimpleUploadedFile("foto.png", PNG))


def test_a_png_signature_in_front_of_a_web_page_is_not_an_image():
    fake = b"\x89PNG\r\n\x1a\n<html><script>alert(document.domain)</script></html>"
    for validate in (validate_image, validate_document):
        with pytest.raises(ValidationError) as excinfo:
            validate(SimpleUploadedFile("foto.png", fake))
        assert excinfo.value.code == "file_type"


def test_oversized_files_are_refused(settings):
    settings.PEKSOS_UPLOAD_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as excinfo:
        validate_document(SimpleUploadedFile("big.pdf", PDF + b"0" * 2048))
    assert excinfo.value.code == "file_too_large"


def test_validation_leaves_the_file_readable_from_the_start():
    upload = SimpleUploadedFile("ijazah.pdf", PDF)
    validate_document(upload)
    assert upload.read(4) == b"%PDF"
