"""Uploaded documents: checked by their content (not their name) and size, stored privately,
and served only through views that have checked who is asking.

A file's name never decides what it is. An upload called `x.html` that is a real PNG or PDF with a
web page appended passes any content check; had we kept its name, or served it with a type guessed
from a name, a browser would run its script on our own address. So the content, read with
`filetype` (and decoded by Pillow for images), decides the extension a file is stored under
(`PrivateStorage`) and the type it is served with (`serve_private`), and every served file is
sandboxed. The decade of records migrated in keep the names they came with: serving reads their
content too, so their names never matter."""

import errno
import uuid
from pathlib import Path, PurePosixPath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image

KIND_LABELS = {"pdf": "PDF", "jpg": "JPEG", "png": "PNG", "xlsx": "XLSX", "csv": "CSV"}
DOCUMENT_KINDS = ("pdf", "jpg", "png")
IMAGE_KINDS = ("jpg", "png")
# The only kinds a stored file is named and served as; anything else is opaque bytes (".bin",
# application/octet-stream), whatever it was called.
CONTENT_TYPES: dict[str | None, str] = {  # looked up with sniff()'s answer, None when unknown
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
OPAQUE_EXTENSION = "bin"
OPAQUE_CONTENT_TYPE = "application/octet-stream"
# Images may show in the browser (article pictures, passport photos); everything else downloads.
INLINE_KINDS = frozenset(IMAGE_KINDS)
# Even an image opened on its own is a document with no scripts, no plug-ins, no forms and an
# origin of its own (the same policy large code hosts put on the raw files they serve).
SANDBOX_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
SNIFF_BYTES = 8192  # what filetype reads: enough for the signatures of every kind above


def sniff(fileobj) -> str | None:
    """The kind (a key of CONTENT_TYPES) that a file's content shows, or None. Reads the first
    bytes and leaves the file where it was."""
    position = fileobj.tell() if hasattr(fileobj, "tell") else 0
    fileobj.seek(0)
    head = fileobj.read(SNIFF_BYTES)
    fileobj.seek(position)
    kind = filetype.guess(head)
    return kind.extension if kind is not None and kind.extension in CONTENT_TYPES else None


def _decodes_as_image(fileobj, kind: str) -> bool:
    """Pillow reads the whole image structure: a PNG signature in front of anything else fails."""
    position = fileobj.tell()
    fileobj.seek(0)
    try:
        with Image.open(fileobj) as image:
            image.verify()
            return image.format == {"png": "PNG", "jpg": "JPEG"}[kind]
    except Exception:  # noqa: BLE001  (Pillow raises many types for a broken file: all mean "not an image")
        return False
    finally:
        fileobj.seek(position)


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
        kind = sniff(upload)
        if kind not in self.kinds or (kind in IMAGE_KINDS and not _decodes_as_image(upload, kind)):
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
    """Upload path with a random name: the original name may carry personal data, and its
    extension is the uploader's word. PrivateStorage adds the extension of what the file is."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename):
        return f"{self.folder}/{uuid.uuid4().hex}"

    def __eq__(self, other):
        return isinstance(other, PrivatePath) and self.folder == other.folder


def named_by_content(name: str, content) -> str:
    """`name` with every extension replaced by the one of the kind its content shows."""
    path = PurePosixPath(name)
    stem = path.name.split(".")[0] or uuid.uuid4().hex
    return str(path.with_name(f"{stem}.{sniff(content) or OPAQUE_EXTENSION}"))


# The disk (or the quota) holding the private files is full.
DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})


class PrivateStorage(FileSystemStorage):
    """The default storage: every file is saved under an extension its content earned, whoever
    saves it (a form, a service, a generated PDF, an import)."""

    def save(self, name, content, max_length=None):
        if name is None:
            name = content.name
        if not hasattr(content, "chunks"):
            content = File(content, name)
        return super().save(named_by_content(name, content), content, max_length=max_length)

    def _save(self, name, content):
        """Django leaves the part of a file it wrote when writing fails (a full disk): nothing
        refers to it, so it is removed and the error goes on (the record is not saved)."""
        try:
            return super()._save(name, content)
        except OSError as exc:
            if exc.errno in DISK_FULL_ERRNOS:
                Path(self.path(name)).unlink(missing_ok=True)
            raise


def store_generated(instance, field_name: str, content: bytes) -> str:
    """Keep a document Peksos renders itself (certificate, STR, member card) under one name per
    record (`<folder>/<model>-<pk>.pdf`), replacing what an earlier render left there, then point
    the row at it. A render run again after its worker was killed (before or after the file was
    written, before the row was updated) leaves the one file, never a second copy beside it."""
    model = type(instance)
    field = instance._meta.get_field(field_name)
    storage = field.storage
    name = f"{field.upload_to.folder}/{instance._meta.model_name}-{instance.pk}.pdf"
    previous = model._default_manager.filter(pk=instance.pk).values_list(field_name, flat=True).first() or ""
    if storage.exists(name):
        storage.delete(name)
    saved = storage.save(name, ContentFile(content))
    model._default_manager.filter(pk=instance.pk).update(**{field_name: saved})
    if previous and previous != saved:
        storage.delete(previous)
    getattr(instance, field_name).name = saved
    return saved


def content_type(fileobj) -> str:
    """The type a file is, read from its content (never from its name)."""
    return CONTENT_TYPES.get(sniff(fileobj), OPAQUE_CONTENT_TYPE)


def _without_extension(name: str) -> str:
    base, dot, extension = name.rpartition(".")
    return base if dot and base and extension.isalpha() and len(extension) <= 5 else name


def serve_private(fieldfile, *, download_name: str | None = None) -> FileResponse:
    """Stream a private file. The caller has already checked the viewer's permission.

    The type comes from the content, read now, so files stored before names were chosen by
    content are served as safely as new ones. Images show inline unless a `download_name` is
    asked for; everything else is an attachment whose name ends in the extension of its kind."""
    if not fieldfile:
        raise Http404
    try:
        handle = fieldfile.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    kind = sniff(handle)
    stem = _without_extension(download_name) if download_name else PurePosixPath(fieldfile.name).name.split(".")[0]
    response = FileResponse(
        handle,
        content_type=CONTENT_TYPES.get(kind, OPAQUE_CONTENT_TYPE),
        as_attachment=download_name is not None or kind not in INLINE_KINDS,
        filename=f"{stem}.{kind or OPAQUE_EXTENSION}",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_POLICY
    return response


def described(fieldfile) -> dict | None:
    """What a person's data export says of a stored file: that one is attached, its kind (read
    from its content), its size and the day it was stored; never the storage name, which says
    nothing to the person and is the path of a private file. None when nothing is attached."""
    if not fieldfile:
        return None
    facts: dict = {"attached": True}
    try:
        with fieldfile.open("rb") as handle:
            kind = sniff(handle)
        facts["file_format"] = KIND_LABELS.get(kind or "", "")
        facts["file_size"] = fieldfile.size
        modified = fieldfile.storage.get_modified_time(fieldfile.name)
    except (FileNotFoundError, OSError, NotImplementedError):
        return facts  # recorded but not on this server's storage (e.g. not yet copied over)
    from django.utils import timezone

    facts["uploaded_on"] = timezone.localdate(modified) if timezone.is_aware(modified) else modified.date()
    return facts
