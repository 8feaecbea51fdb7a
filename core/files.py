"""Uploaded documents: checked by their content (not their name) and size, stored privately,
and served only through views that have checked who is asking."""

import mimetypes
import uuid
from pathlib import PurePosixPath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

KIND_LABELS = {"pdf": "PDF", "jpg": "JPEG", "png": "PNG", "xlsx": "XLSX", "csv": "CSV"}
DOCUMENT_KINDS = ("pdf", "jpg", "png")
IMAGE_KINDS = ("jpg", "png")


@deconstructible
class FileContentValidator:
    def __init__(self, kinds=DOCUMENT_KINDS, max_bytes: int | None = None):
        self.kinds = tuple(kinds)
        self.max_bytes = max_bytes

    def __call__(self, upload):
        limit = self.max_bytes or settings.PEKSOS_UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise ValidationError(
                _("The file is too large (%(size)s MB). The limit is %(limit)s MB."),
                params={"size": round(upload.size / 1_048_576, 1), "limit": round(limit / 1_048_576, 1)},
                code="file_too_large",
            )
        position = upload.tell() if hasattr(upload, "tell") else 0
        head = upload.read(2048)
        upload.seek(position)
        kind = filetype.guess(head)
        if kind is None or kind.extension not in self.kinds:
            raise ValidationError(
                _("This file is not a real %(kinds)s file (its content was checked, not its name)."),
                params={"kinds": " / ".join(KIND_LABELS.get(k, k.upper()) for k in self.kinds)},
                code="file_type",
            )

    def __eq__(self, other):
        return isinstance(other, FileContentValidator) and (self.kinds, self.max_bytes) == (other.kinds, other.max_bytes)


validate_document = FileContentValidator(DOCUMENT_KINDS)
validate_image = FileContentValidator(IMAGE_KINDS)


@deconstructible
class PrivatePath:
    """Upload path with a random name: the original name may carry personal data."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename):
        suffix = PurePosixPath(filename).suffix.lower()[:8]
        return f"{self.folder}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other):
        return isinstance(other, PrivatePath) and self.folder == other.folder


def serve_private(fieldfile, *, download_name: str | None = None) -> FileResponse:
    """Stream a private file. The caller has already checked the viewer's permission."""
    if not fieldfile:
        raise Http404
    try:
        handle = fieldfile.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type = mimetypes.guess_type(fieldfile.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type, as_attachment=download_name is not None, filename=download_name or "")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
