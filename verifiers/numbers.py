"""Finding credentials by any number a verifier may hold: a member number (KTA), an STR, a
practice licence (SIPPS), a competency certificate, a BALKS accreditation certificate, the
Minister's decree that determined an accreditation, or the Bupati/Walikota's decree that granted a
practice licence (answered as that licence).

Every answer is what the public register shows: the holder's name, the kind, the status and its
public reason category, the validity and the verification page. Never NIK, contacts or the
officer's own words about a status.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import F
from django.utils.translation import gettext as _

from core.errors import DomainError
from credentials.models import Credential, standing_label

MAX_NUMBERS = 100
MAX_NUMBER_LENGTH = 80  # Credential.number's length: anything longer is nobody's number

# The public columns a bulk answer reads (never the signed form, never status_reason).
PUBLIC_COLUMNS = (
    "id",
    "public_id",
    "kind",
    "number",
    "holder_name",
    "valid_from",
    "valid_until",
    "status",
    "status_category",
    "issued_at",
)

VALID, INVALID, NOT_FOUND = "valid", "invalid", "not_found"
DECREE = "accreditation_decree"


@dataclass(frozen=True)
class NumberAnswer:
    """One line of a bulk answer."""

    number: str
    answer: str
    kind: str = ""
    holder: str = ""
    status: str = ""
    status_reason: str = ""
    valid_until: object = None
    verification_url: str = ""

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind) if self.kind else ""

    @property
    def status_label(self) -> str:
        return status_label(self.status) if self.status else ""

    def as_dict(self) -> dict:
        return {
            "number": self.number,
            "answer": self.answer,
            "kind": self.kind,
            "holder": self.holder,
            "status": self.status,
            "status_reason": self.status_reason,
            "valid_until": self.valid_until,
            "verification_url": self.verification_url,
        }


def clean_number(raw) -> str:
    """Whitespace collapsed, control characters dropped, bounded (a number echoed back in an
    answer is never longer than any Peksos issues by much)."""
    text = "".join(ch for ch in str(raw or "")[:400] if ch.isprintable())
    return " ".join(text.split())[:120]


def clean_numbers(raw: Iterable) -> list[str]:
    """The numbers asked, in the given order, blanks dropped; 1 to 100 of them or a DomainError
    (nothing is looked up)."""
    numbers = [n for n in (clean_number(r) for r in raw) if n]
    if not numbers:
        raise DomainError(_("Give at least one number to check."), field="numbers", code="empty")
    if len(numbers) > MAX_NUMBERS:
        raise DomainError(
            _("At most %(max)s numbers can be checked at once; you gave %(count)s. Split the list and check the rest separately.")
            % {"max": MAX_NUMBERS, "count": len(numbers)},
            field="numbers",
            code="too_many",
        )
    return numbers


def read_numbers(text: str) -> list[str]:
    """Numbers pasted one a line (or separated by commas, semicolons or tabs, as a spreadsheet
    column pastes)."""
    for separator in ",;\t":
        text = text.replace(separator, "\n")
    return [line for line in (clean_number(part) for part in text.splitlines()) if line]


def _variants(numbers: Iterable[str]) -> set[str]:
    # Numbers are stored upper-case (IPSPI.32.2025.00001, BALKS/A/2025/00001); a verifier may
    # type them in any case.
    keys = set()
    for number in numbers:
        if len(number) <= MAX_NUMBER_LENGTH:
            keys.update((number, number.upper()))
    return keys


def credentials_by_number(numbers: Iterable[str]) -> dict[str, list[Credential]]:
    """Every credential under any of these numbers, in one indexed query (Credential.number),
    plus one for each kind of decree (Accreditation.decree_number, Licence.decree_number): each
    number with the credentials it names, newest issue last (a renewed card or a replacement
    keeps the number)."""
    from accreditation.models import Accreditation
    from licensing.models import Licence

    keys = _variants(numbers)
    found: dict[str, list[Credential]] = {}
    if not keys:
        return found
    for credential in Credential.objects.filter(number__in=keys).only(*PUBLIC_COLUMNS).order_by("issued_at", "pk"):
        found.setdefault(credential.number, []).append(credential)
    decrees = (
        Accreditation.objects.filter(decree_number__in=keys, credential__isnull=False)
        .select_related("credential")
        .only("decree_number", "credential", *(f"credential__{c}" for c in PUBLIC_COLUMNS))
        .order_by("credential__issued_at", "pk")
    )
    for accreditation in decrees:
        found.setdefault(accreditation.decree_number, []).append(accreditation.credential)
    # A SIPPS decree grants one licence; an imported licence may carry its own number as decree.
    licence_decrees = (
        Licence.objects.filter(decree_number__in=keys, credential__isnull=False)
        .exclude(decree_number=F("number"))
        .select_related("credential")
        .only("decree_number", "number", "credential", *(f"credential__{c}" for c in PUBLIC_COLUMNS))
        .order_by("credential__issued_at", "pk")
    )
    for licence in licence_decrees:
        found.setdefault(licence.decree_number, []).append(licence.credential)
    return found


def _answer_credential(number: str, credential: Credential, today) -> NumberAnswer:
    status = credential.current_status(today)
    return NumberAnswer(
        number=number,
        answer=VALID if status == Credential.Status.VALID else INVALID,
        kind=credential.kind,
        holder=credential.holder_name,
        status=status,
        status_reason=credential.public_reason(today),
        valid_until=credential.valid_until,
        verification_url=credential.verification_url,
    )


def _answer_decree(number: str, credentials: list[Credential], today) -> NumberAnswer:
    # One decree determines the accreditation of many LKS: it is valid only while every
    # accreditation it determined is.
    answers = [_answer_credential(number, c, today) for c in credentials]
    valid = all(a.answer == VALID for a in answers)
    return NumberAnswer(
        number=number,
        answer=VALID if valid else INVALID,
        kind=DECREE,
        holder="; ".join(a.holder for a in answers),
        status=Credential.Status.VALID if valid else "; ".join(sorted({a.status for a in answers if a.answer != VALID})),
        valid_until=min((a.valid_until for a in answers if a.valid_until), default=None),
    )


def answer(number: str, found: dict[str, list[Credential]], today=None) -> NumberAnswer:
    credentials = found.get(number) or found.get(number.upper()) or []
    if not credentials:
        return NumberAnswer(number=number, answer=NOT_FOUND)
    # A decree number is never a credential's number: every credential it names is an accreditation.
    if len(credentials) > 1 and all(c.number not in (number, number.upper()) for c in credentials):
        return _answer_decree(number, credentials, today)
    return _answer_credential(number, credentials[-1], today)


def verify_numbers(raw_numbers: Iterable, today=None) -> list[NumberAnswer]:
    """One answer per number, in the order given (a number asked twice is answered twice, in
    place), read in three queries whatever the count."""
    from core.dates import register_day

    numbers = clean_numbers(raw_numbers)
    today = today or register_day()
    found = credentials_by_number(numbers)
    return [answer(number, found, today) for number in numbers]


def kind_label(kind: str) -> str:
    if kind == DECREE:
        return str(_("accreditation decree"))
    return str(Credential.Kind(kind).label) if kind in Credential.Kind.values else ""


def status_label(status: str) -> str:
    if ";" in status:  # a decree's several statuses
        return "; ".join(status_label(s.strip()) for s in status.split(";"))
    try:
        return standing_label(status)
    except ValueError:
        return status


EXPORT_HEADER = ("number", "answer", "kind", "holder", "status", "status_reason", "valid_until", "verification_url")


def export_rows(answers: list[NumberAnswer]) -> list[tuple]:
    return [
        (
            a.number,
            a.answer,
            a.kind,
            a.holder,
            a.status,
            a.status_reason,
            a.valid_until.isoformat() if a.valid_until else "",
            a.verification_url,
        )
        for a in answers
    ]


MAX_UPLOAD_BYTES = 1024 * 1024
HEADER_WORDS = {"number", "numbers", "nomor", "no", "no.", "nomor kredensial", "nomor sertifikat"}


def read_upload(name: str, data: bytes, limit: int = 1000) -> list[str]:
    """The numbers in the first column of a CSV or XLSX file (a header row naming the column is
    skipped), at most `limit` rows read; a DomainError when the file cannot be read."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise DomainError(_("The file is larger than 1 MB."), field="file")
    if name.lower().endswith(".xlsx"):
        cells = _xlsx_first_column(data, limit)
    elif name.lower().endswith((".csv", ".txt")):
        cells = _csv_first_column(data, limit)
    else:
        raise DomainError(_("Upload a CSV or XLSX file."), field="file")
    found = [clean_number(c) for c in cells]
    found = [c for c in found if c]
    if found and found[0].lower() in HEADER_WORDS:
        found = found[1:]
    return found


def _csv_first_column(data: bytes, limit: int) -> list[str]:
    import csv
    import io

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count) if any(d in first_line for d in ",;\t") else ","
    cells = []
    for i, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter)):
        if i >= limit:
            break
        cells.append(row[0] if row else "")
    return cells


def _xlsx_first_column(data: bytes, limit: int) -> list[str]:
    import io
    import zipfile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise DomainError(_("The file could not be read as an XLSX workbook."), field="file") from None
    try:
        sheet = workbook.worksheets[0]
        return ["" if row[0] is None else str(row[0]) for row in sheet.iter_rows(max_row=limit, max_col=1, values_only=True)]
    finally:
        workbook.close()
