"""Import of earlier member lists (the 2010 congress registrants, the "Jaringan Peksos" data
collection) from CSV or XLSX, as real spreadsheets hold them.

Rules:
* headers are matched ignoring case, spacing, a BOM and a few common variants;
* blank rows are skipped (row numbers stay those of the spreadsheet: the header is row 1);
* a row whose name, NIK or date of birth is wrong is rejected and reported; a wrong optional
  field (e-mail, phone, area, education) is left empty and reported, the rest is imported;
* duplicates are merged — within the file and against the register — by NIK, or else by
  the same normalised name + date of birth + e-mail; only empty fields are filled in;
* re-running the same file creates nothing new (everything reads "unchanged").
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import importing, numbering
from core.bulkload import bulk_load, raw_insert, reserve_ids
from core.dates import DateParseError, add_years, parse_flexible_date
from core.tables import TableFileError, header_key
from core.tables import read_table as read_tables
from regions import lookup
from regions.nik import NikError, mismatches, normalise_nik, parse_nik

from .models import HTML_PATTERN, Education, Person, Sex, member_number, member_number_series, normalise_name

HEADERS = [
    "nama_lengkap",
    "nik",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_kelamin",
    "email",
    "no_hp",
    "provinsi",
    "kabupaten_kota",
    "pendidikan_terakhir",
    "program_studi",
    "perguruan_tinggi",
    "tahun_lulus",
    "sumber_data",
    "nomor_anggota",
    "status_keanggotaan",
    "kategori",
    "tanggal_bergabung",
    "iuran_lunas_sampai",
    "kartu_berlaku_sampai",
]
MEMBERSHIP_FIELDS = HEADERS[-6:]
HEADER_ALIASES = {
    "no_anggota": "nomor_anggota",
    "nomor_induk_anggota": "nomor_anggota",
    "no_induk": "nomor_anggota",
    "nomor_kta": "nomor_anggota",
    "no_kta": "nomor_anggota",
    "status_anggota": "status_keanggotaan",
    "status_keanggotaan_": "status_keanggotaan",
    "kategori_anggota": "kategori",
    "jenis_anggota": "kategori",
    "tgl_bergabung": "tanggal_bergabung",
    "anggota_sejak": "tanggal_bergabung",
    "tanggal_masuk": "tanggal_bergabung",
    "iuran_lunas": "iuran_lunas_sampai",
    "iuran_terakhir": "iuran_lunas_sampai",
    "lunas_iuran_sampai": "iuran_lunas_sampai",
    "kta_berlaku_sampai": "kartu_berlaku_sampai",
    "masa_berlaku_kartu": "kartu_berlaku_sampai",
    "kartu_berlaku": "kartu_berlaku_sampai",
    "nama": "nama_lengkap",
    "name": "nama_lengkap",
    "full_name": "nama_lengkap",
    "no_nik": "nik",
    "nomor_nik": "nik",
    "no_ktp": "nik",
    "tgl_lahir": "tanggal_lahir",
    "tanggal_lahir_dd_mm_yyyy": "tanggal_lahir",
    "jk": "jenis_kelamin",
    "l_p": "jenis_kelamin",
    "sex": "jenis_kelamin",
    "e_mail": "email",
    "alamat_email": "email",
    "surel": "email",
    "hp": "no_hp",
    "no_telp": "no_hp",
    "telepon": "no_hp",
    "nomor_hp": "no_hp",
    "no_handphone": "no_hp",
    "no_wa": "no_hp",
    "propinsi": "provinsi",
    "province": "provinsi",
    "kabupaten": "kabupaten_kota",
    "kota": "kabupaten_kota",
    "kab_kota": "kabupaten_kota",
    "kabupaten_kota_": "kabupaten_kota",
    "pendidikan": "pendidikan_terakhir",
    "jenjang": "pendidikan_terakhir",
    "prodi": "program_studi",
    "jurusan": "program_studi",
    "universitas": "perguruan_tinggi",
    "kampus": "perguruan_tinggi",
    "lulus": "tahun_lulus",
    "tahun": "tahun_lulus",
    "sumber": "sumber_data",
}
SEX_MAP = {
    "l": Sex.MALE,
    "lk": Sex.MALE,
    "laki": Sex.MALE,
    "laki laki": Sex.MALE,
    "lakilaki": Sex.MALE,
    "pria": Sex.MALE,
    "m": Sex.MALE,
    "male": Sex.MALE,
    "p": Sex.FEMALE,
    "pr": Sex.FEMALE,
    "perempuan": Sex.FEMALE,
    "wanita": Sex.FEMALE,
    "w": Sex.FEMALE,
    "f": Sex.FEMALE,
    "female": Sex.FEMALE,
}
LEVEL_MAP = {
    "sma": "SMA",
    "smk": "SMA",
    "slta": "SMA",
    "ma": "SMA",
    "smu": "SMA",
    "d3": "D3",
    "diii": "D3",
    "diploma 3": "D3",
    "diploma iii": "D3",
    "d 3": "D3",
    "d iii": "D3",
    "d4": "D4",
    "div": "D4",
    "diploma 4": "D4",
    "diploma iv": "D4",
    "d 4": "D4",
    "d iv": "D4",
    "s1": "S1",
    "s 1": "S1",
    "sarjana": "S1",
    "strata 1": "S1",
    "s2": "S2",
    "s 2": "S2",
    "magister": "S2",
    "master": "S2",
    "strata 2": "S2",
    "s3": "S3",
    "s 3": "S3",
    "doktor": "S3",
    "doktoral": "S3",
    "strata 3": "S3",
    "profesi": "profesi",
    "pendidikan profesi": "profesi",
    "ppps": "profesi",
}
# Membership status as lists write it: active, inactive (dues not paid: lapsed), stopped (ended).
MEMBER_STATUS_MAP = {
    "aktif": "active",
    "active": "active",
    "tidak aktif": "lapsed",
    "tdk aktif": "lapsed",
    "non aktif": "lapsed",
    "nonaktif": "lapsed",
    "inactive": "lapsed",
    "berhenti": "ended",
    "keluar": "ended",
    "mengundurkan diri": "ended",
}
CATEGORY_MAP = {"biasa": "biasa", "anggota biasa": "biasa", "rekan": "rekan", "anggota rekan": "rekan"}
_EMAIL = EmailValidator()
# A wrong membership field rejects the row: a member's number, status or dates are never guessed.
FATAL_FIELDS = {"nama_lengkap", "nik", "tanggal_lahir", *MEMBERSHIP_FIELDS}
MEMBER_NUMBER_MAX = 40


def normalise_header(text) -> str:
    return header_key(text, HEADER_ALIASES)


def normalise_phone(raw) -> str | None:
    """Indonesian numbers in +62 form: '0812-3456-7890', '+62 812 3456 7890', '62812…' and
    '812…' (a spreadsheet dropped the 0) all become +6281234567890. None if not a number."""
    if raw is None:
        return None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = re.sub(r"[\s\-.()/]", "", str(raw).strip())
    if text.endswith(".0"):
        text = text[:-2]
    if text.startswith("+62"):
        digits = text[3:]
    elif text.startswith("62"):
        digits = text[2:]
    elif text.startswith("0"):
        digits = text[1:]
    else:
        digits = text
    if not re.fullmatch(r"[1-9]\d{7,11}", digits):
        return None
    return "+62" + digits


def study_field_of(programme: str) -> str:
    text = normalise_name(programme)
    if any(k in text for k in ("pekerjaan sosial", "peksos", "social work", "pekerja sosial")):
        return Education.Field.PEKERJAAN_SOSIAL
    if any(k in text for k in ("kesejahteraan sosial", "kesos", "social welfare", "ilmu kesejahteraan")):
        return Education.Field.KESEJAHTERAAN_SOSIAL
    return Education.Field.LAINNYA


_AREA_CACHE: dict[tuple, object] = {}


def _cached(kind: str, text: str, province, finder):
    """Area names repeat thousands of times in a list: look each spelling up once per import."""
    key = (kind, text, getattr(province, "pk", None))
    if key not in _AREA_CACHE:
        _AREA_CACHE[key] = finder()
    return _AREA_CACHE[key]


def find_province(text: str):
    return _cached("province", text, None, lambda: _find_province(text))


def find_regency(text: str, province=None):
    return _cached("regency", text, province, lambda: _find_regency(text, province))


def _find_province(text: str):
    return lookup.province_from_list(text)


def _find_regency(text: str, province=None):
    return lookup.regency_from_list(text, province)


@dataclass
class CleanRow:
    row: int
    full_name: str
    name_key: str
    nik: str | None = None
    birth_place: str = ""
    birth_date: datetime.date | None = None
    sex: str = ""
    email: str = ""
    phone: str = ""
    province: object = None
    regency: object = None
    level: str = ""
    programme: str = ""
    institution: str = ""
    graduation_year: int | None = None
    origin: str = ""
    origins: list = field(default_factory=list)
    member_number: str = ""
    member_status: str = ""
    category: str = ""
    joined_on: datetime.date | None = None
    dues_through: int | None = None
    card_until: datetime.date | None = None

    @property
    def has_membership(self) -> bool:
        return bool(
            self.member_number or self.member_status or self.category or self.joined_on or self.dues_through or self.card_until
        )

    def dedup_keys(self) -> list[tuple]:
        keys = []
        if self.nik:
            keys.append(("nik", self.nik))
        if self.name_key and self.birth_date and self.email:
            keys.append(("nbe", self.name_key, self.birth_date.isoformat(), self.email.lower()))
        return keys


@dataclass
class Report(importing.Report):
    """The shared import report, with the merges made and the memberships created."""

    source_kind: str = "lain"
    members: int = 0
    numbers_kept: int = 0
    numbers_new: int = 0
    merges: list = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            **super().as_dict(),
            "merges": self.merges,
            "source_kind": self.source_kind,
            "members": self.members,
            "numbers_kept": self.numbers_kept,
            "numbers_new": self.numbers_new,
        }


# --- Reading ----------------------------------------------------------------------------------


ImportFileError = TableFileError


def read_table(handle, name: str) -> tuple[Iterator[tuple[int, dict]], int | None]:
    """(rows, approximate total) from an open binary file."""
    return read_tables(handle, name, required="nama_lengkap", normalise=normalise_header)


# --- Cleaning ---------------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())  # the whitespace re's \s matches, without a regex per cell


def clean_row(number: int, raw: dict, report: Report, today: datetime.date) -> CleanRow | None:
    """A cleaned row, or None if the row must be rejected (problems are added to the report)."""
    fatal = False

    def problem(fieldname, message):
        nonlocal fatal
        report.problem(number, fieldname, message)
        if fieldname in FATAL_FIELDS:
            fatal = True

    name = _text(raw.get("nama_lengkap"))
    if not name:
        problem("nama_lengkap", _("The name is empty."))
    elif HTML_PATTERN.search(name):
        problem("nama_lengkap", _("The name contains the characters < or >."))
    elif len(name) > 150:
        problem("nama_lengkap", _("The name is longer than 150 characters."))
    row = CleanRow(row=number, full_name=name, name_key=normalise_name(name))

    raw_date = raw.get("tanggal_lahir")
    if raw_date not in (None, ""):
        try:
            birth = parse_flexible_date(raw_date.strip() if isinstance(raw_date, str) else raw_date)
        except DateParseError as exc:
            problem("tanggal_lahir", str(exc))
        else:
            if birth > today:
                problem("tanggal_lahir", _("The date of birth %(date)s is in the future.") % {"date": birth.isoformat()})
            elif birth.year < today.year - 100:
                problem(
                    "tanggal_lahir", _("The date of birth %(date)s is more than 100 years ago.") % {"date": birth.isoformat()}
                )
            elif birth.year > today.year - 15:
                problem(
                    "tanggal_lahir",
                    _("The date of birth %(date)s makes this person younger than 15.") % {"date": birth.isoformat()},
                )
            else:
                row.birth_date = birth

    sex_text = normalise_name(_text(raw.get("jenis_kelamin")))
    if sex_text:
        sex = SEX_MAP.get(sex_text)
        if sex is None:
            problem(
                "jenis_kelamin",
                _("“%(value)s” is not a sex (use L or P); it was left empty.") % {"value": _text(raw.get("jenis_kelamin"))},
            )
        else:
            row.sex = sex

    nik_text = normalise_nik(_text(raw.get("nik")))
    if nik_text:
        try:
            info = parse_nik(nik_text, today=today)
        except NikError as exc:
            problem("nik", " ".join(exc.problems))
        else:
            clash = mismatches(info, birth_date=row.birth_date, sex=row.sex or None)
            if clash:
                problem("nik", " ".join(clash))
            row.nik = info.nik

    row.birth_place = _text(raw.get("tempat_lahir"))[:100]
    if HTML_PATTERN.search(row.birth_place):
        report.problem(number, "tempat_lahir", _("The place of birth contains < or >; it was left empty."))
        row.birth_place = ""

    email = _text(raw.get("email")).lower()
    if email:
        try:
            _EMAIL(email)
        except ValidationError:
            report.problem(number, "email", _("“%(value)s” is not an e-mail address; it was left empty.") % {"value": email[:80]})
        else:
            row.email = email

    phone_raw = raw.get("no_hp")
    if _text(phone_raw):
        phone = normalise_phone(phone_raw)
        if phone is None:
            report.problem(
                number, "no_hp", _("“%(value)s” is not a phone number; it was left empty.") % {"value": _text(phone_raw)[:40]}
            )
        else:
            row.phone = phone

    province_text = _text(raw.get("provinsi"))
    if province_text:
        row.province = find_province(province_text)
        if row.province is None:
            report.problem(
                number, "provinsi", _("Province “%(value)s” is not known; it was left empty.") % {"value": province_text[:60]}
            )
    regency_text = _text(raw.get("kabupaten_kota"))
    if regency_text:
        regency = find_regency(regency_text, row.province)
        if regency is None:
            report.problem(
                number,
                "kabupaten_kota",
                _(
                    "Regency/city “%(value)s” is not known or is ambiguous (write e.g. “Kota Bandung” or “Kabupaten Bandung”); it was left empty."
                )
                % {"value": regency_text[:60]},
            )
        else:
            row.regency = regency
            if row.province is None:
                row.province = regency.province

    level_text = normalise_name(_text(raw.get("pendidikan_terakhir")))
    if level_text:
        row.level = LEVEL_MAP.get(level_text) or LEVEL_MAP.get(level_text.replace(" ", ""), "")
        if not row.level:
            report.problem(
                number,
                "pendidikan_terakhir",
                _("Education level “%(value)s” is not known; the education was not imported.")
                % {"value": _text(raw.get("pendidikan_terakhir"))[:40]},
            )
    row.programme = _text(raw.get("program_studi"))[:150]
    row.institution = _text(raw.get("perguruan_tinggi"))[:200]
    if HTML_PATTERN.search(row.programme + row.institution):
        report.problem(
            number, "program_studi", _("The study programme or institution contains < or >; the education was not imported.")
        )
        row.level = ""
    year_text = _text(raw.get("tahun_lulus"))
    if year_text and row.level:
        if not re.fullmatch(r"\d{4}", year_text) or not 1940 <= int(year_text) <= today.year:
            report.problem(
                number, "tahun_lulus", _("“%(value)s” is not a graduation year; it was left empty.") % {"value": year_text[:20]}
            )
        elif row.birth_date and int(year_text) <= row.birth_date.year:
            report.problem(
                number,
                "tahun_lulus",
                _("The graduation year %(year)s is before the date of birth; it was left empty.") % {"year": year_text},
            )
        else:
            row.graduation_year = int(year_text)
    row.origin = _text(raw.get("sumber_data"))[:100]
    _clean_membership(raw, row, problem, today)

    if not row.nik and not row.birth_date and not fatal:
        problem("tanggal_lahir", _("Without a NIK, a date of birth is needed to tell people apart."))
    return None if fatal else row


def _membership_date(raw, name: str, problem) -> datetime.date | None:
    value = raw.get(name)
    if value in (None, "") or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return parse_flexible_date(value.strip() if isinstance(value, str) else value)
    except DateParseError as exc:
        problem(name, str(exc))
        return None


def _clean_membership(raw: dict, row: CleanRow, problem, today: datetime.date) -> None:
    """The optional membership columns of a member list (see MEMBERSHIP_FIELDS)."""
    # An existing number is kept exactly as the list gives it: numbers issued before Peksos
    # followed other formats, and members quote them.
    number = _text(raw.get("nomor_anggota"))
    if number:
        if len(number) > MEMBER_NUMBER_MAX:
            problem("nomor_anggota", _("The member number is longer than %(max)s characters.") % {"max": MEMBER_NUMBER_MAX})
        elif HTML_PATTERN.search(number):
            problem("nomor_anggota", _("The member number contains the characters < or >."))
        else:
            row.member_number = number
    status_text = _text(raw.get("status_keanggotaan"))
    if status_text:
        row.member_status = MEMBER_STATUS_MAP.get(normalise_name(status_text), "")
        if not row.member_status:
            problem(
                "status_keanggotaan",
                _("“%(value)s” is not a membership status (use aktif, tidak aktif or berhenti).") % {"value": status_text[:40]},
            )
    category_text = _text(raw.get("kategori"))
    if category_text:
        row.category = CATEGORY_MAP.get(normalise_name(category_text), "")
        if not row.category:
            problem(
                "kategori", _("“%(value)s” is not a membership category (use biasa or rekan).") % {"value": category_text[:40]}
            )
    joined = _membership_date(raw, "tanggal_bergabung", problem)
    if joined and joined > today:
        problem("tanggal_bergabung", _("The date of joining %(date)s is in the future.") % {"date": joined.isoformat()})
    elif joined and row.birth_date and joined <= row.birth_date:
        problem("tanggal_bergabung", _("The date of joining is before the date of birth."))
    else:
        row.joined_on = joined
    year_text = _text(raw.get("iuran_lunas_sampai"))
    if year_text:
        if not re.fullmatch(r"\d{4}", year_text) or not 1990 <= int(year_text) <= today.year + 5:
            problem(
                "iuran_lunas_sampai", _("“%(value)s” is not the last year for which dues were paid.") % {"value": year_text[:20]}
            )
        else:
            row.dues_through = int(year_text)
    card_until = _membership_date(raw, "kartu_berlaku_sampai", problem)
    if card_until and row.joined_on and card_until < row.joined_on:
        problem("kartu_berlaku_sampai", _("The card's end of validity is before the date of joining."))
    else:
        row.card_until = card_until


# --- Importing --------------------------------------------------------------------------------

PERSON_FILL_FIELDS = ["nik", "birth_place", "birth_date", "sex", "email", "phone", "province", "regency"]


class SourceKind:
    """What a list is. kongres: every valid row is a member (the congress registrants "langsung
    menjadi anggota"); jaringan (the Jaringan Peksos data collection): base records only, which
    their people claim and submit as applications; lain: base records, and members for the rows
    that carry an existing member number."""

    KONGRES = "kongres"
    JARINGAN = "jaringan"
    LAIN = "lain"
    ALL = (KONGRES, JARINGAN, LAIN)


class LegacyImporter:
    def __init__(
        self,
        *,
        source: str,
        dry_run: bool = False,
        today: datetime.date | None = None,
        batch_size: int = 2000,
        source_kind: str = SourceKind.LAIN,
        actor=None,
    ):
        if source_kind not in SourceKind.ALL:
            raise ValueError(f"unknown source kind {source_kind!r}")
        self.source = source.strip()
        self.dry_run = dry_run
        self.today = today or timezone.localdate()
        self.batch_size = batch_size
        self.source_kind = source_kind
        self.report = Report(source=self.source, dry_run=dry_run, source_kind=source_kind)
        self._keys: dict[tuple, object] = {}  # dedup key -> Person pk (int) or pending CleanRow
        self._pending: list[CleanRow] = []
        self._pending_merges: list[tuple[int, CleanRow]] = []
        self._created_rows: dict[int, int] = {}  # person pk -> row that created it in this run
        self._load_existing_keys()
        self.members = MemberPlanner(self, actor=actor)

    def _load_existing_keys(self) -> None:
        rows = Person.objects.values_list("pk", "nik", "name_key", "birth_date", "email").iterator(chunk_size=5000)
        for pk, nik, name_key, birth_date, email in rows:
            if nik:
                self._keys[("nik", nik)] = pk
            if name_key and birth_date and email:
                self._keys[("nbe", name_key, birth_date.isoformat(), email.lower())] = pk

    def run(self, rows: Iterable[tuple[int, dict]]) -> Report:
        lookup.clear_cache()
        _AREA_CACHE.clear()
        for number, raw in rows:
            self.report.rows += 1
            row = clean_row(number, raw, self.report, self.today)
            if row is None or not self._place(row):
                self.report.rejected += 1
                continue
            if len(self._pending) >= self.batch_size:
                self._flush()
        self._flush()
        self.members.finish()
        return self.report

    def _place(self, row: CleanRow) -> bool:
        """Queue the row as a new person or a merge; False if its membership cannot be (the
        row is rejected, its problem reported)."""
        match = None
        for key in row.dedup_keys():
            if key in self._keys:
                match = self._keys[key]
                break
        if not self.members.admit(row, match):
            return False
        if match is None:
            self._pending.append(row)
            for key in row.dedup_keys():
                self._keys[key] = row
            return True
        if isinstance(match, CleanRow):
            added = self._merge_rows(match, row)
            self.report.merged += 1
            self.report.merges.append({"row": row.row, "into_row": match.row, "fields": added})
            return True
        self._merge_into_person(match, row)
        return True

    def _merge_rows(self, target: CleanRow, row: CleanRow) -> list[str]:
        added = []
        for name in [
            "nik",
            "birth_place",
            "birth_date",
            "sex",
            "email",
            "phone",
            "province",
            "regency",
            "level",
            "programme",
            "institution",
            "graduation_year",
            "member_number",
            "member_status",
            "category",
            "joined_on",
            "dues_through",
            "card_until",
        ]:
            if not getattr(target, name) and getattr(row, name):
                if name == "nik" and ("nik", row.nik) in self._keys:
                    continue
                setattr(target, name, getattr(row, name))
                added.append(name)
        if row.origin and row.origin not in target.origins:
            target.origins.append(row.origin)
        for key in target.dedup_keys():
            self._keys.setdefault(key, target)
        return added

    def _merge_into_person(self, pk: int, row: CleanRow) -> None:
        self._pending_merges.append((pk, row))
        if len(self._pending_merges) >= self.batch_size:
            self._flush()

    def _flush_merges(self) -> None:
        """Merge rows into people already in the register, a batch at a time (two queries per
        batch, not per row). Only empty fields are filled; a person's own account data is never
        overwritten."""
        pending, self._pending_merges = self._pending_merges, []
        if not pending:
            return
        pks = {pk for pk, _row in pending}
        people = Person.objects.in_bulk(pks)
        educations = {
            (person_id, level, (institution or "").lower(), year)
            for person_id, level, institution, year in Education.objects.filter(person_id__in=pks).values_list(
                "person_id", "level", "institution", "graduation_year"
            )
        }
        to_save: dict[int, Person] = {}
        new_educations: list[Education] = []
        for pk, row in pending:
            person = people[pk]
            changed: list[str] = []
            if person.user_id is None:
                for name in PERSON_FILL_FIELDS:
                    current = getattr(person, name if name not in {"province", "regency"} else f"{name}_id")
                    value = getattr(row, name)
                    if not current and value:
                        if name == "nik" and ("nik", value) in self._keys:
                            continue
                        setattr(person, name, value)
                        changed.append(name)
                education_key = (pk, row.level, row.institution.lower(), row.graduation_year)
                if row.level and education_key not in educations:
                    educations.add(education_key)
                    new_educations.append(self._education(person, row))
                    changed.append("education")
            if self.members.plan_for_existing(person, row):
                changed.append("membership")
            source_new = [s for s in self._sources(row) if s not in (person.import_sources or [])]
            if source_new:
                person.import_sources = [*(person.import_sources or []), *source_new]
            first_row = self._created_rows.get(pk)
            if first_row is not None:  # a duplicate of a row created earlier in this same file
                self.report.merged += 1
                self.report.merges.append({"row": row.row, "into_row": first_row, "fields": changed})
            elif changed or source_new:
                self.report.merged += 1
                self.report.merges.append({"row": row.row, "into_person": pk, "fields": changed or ["source"]})
            else:
                self.report.unchanged += 1
                continue
            if changed or source_new:
                to_save[pk] = person
            for key in row.dedup_keys():
                self._keys[key] = pk
        if self.dry_run:
            self.members.insert_numbered()
            return
        with transaction.atomic():
            self.members.insert_numbered()
            for person in to_save.values():
                person._change_reason = f"import {self.source}"[:100]
                person.save()
            if new_educations:
                from simple_history.utils import bulk_create_with_history

                bulk_create_with_history(new_educations, Education, batch_size=self.batch_size)

    def _sources(self, row: CleanRow) -> list[str]:
        sources = [self.source]
        for origin in [row.origin, *row.origins]:
            if origin and origin not in sources:
                sources.append(origin)
        return sources

    def _education(self, person: Person, row: CleanRow) -> Education:
        return Education(
            person=person,
            level=row.level,
            study_programme=row.programme,
            study_field=study_field_of(row.programme),
            institution=row.institution,
            graduation_year=row.graduation_year,
        )

    def _flush(self) -> None:
        from core.bulkload import refresh_grown_statistics

        self._flush_creations()
        self._flush_merges()
        refresh_grown_statistics()  # committed: the next batch's look-ups plan on what is there now

    def _flush_creations(self) -> None:
        """Insert the new people of a batch, their education and the simple-history "created"
        rows with a few multi-row INSERTs (the ORM's per-field preparation is what makes
        100,000 rows slow). Ids are reserved first so that related rows can point at them."""
        pending, self._pending = self._pending, []
        if not pending:
            return
        self.report.created += len(pending)
        if self.dry_run:
            for row in pending:
                self.members.plan_for_new(None, row)  # nothing is written: no ids
            self.members.insert_numbered()
            return
        now = timezone.now()
        reason = f"import {self.source}"[:100]
        history = {"history_date": now, "history_change_reason": reason, "history_type": "+", "history_user_id": None}
        with transaction.atomic():
            person_ids = reserve_ids(Person, len(pending))
            people = []
            educations = []
            for pk, row in zip(person_ids, pending, strict=True):
                people.append(
                    {
                        "id": pk,
                        "user_id": None,
                        "nik": row.nik,
                        "full_name": row.full_name,
                        "name_key": row.name_key,
                        "birth_place": row.birth_place,
                        "birth_date": row.birth_date,
                        "sex": row.sex,
                        "photo": "",
                        "phone": row.phone,
                        "email": row.email,
                        "address": "",
                        "province_id": getattr(row.province, "pk", None),
                        "regency_id": getattr(row.regency, "pk", None),
                        "workforce_category": "",
                        "source": self.source,
                        "import_sources": self._sources(row),
                        "claimed": False,
                        "claimed_at": None,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
                if row.level:
                    educations.append(
                        {
                            "person_id": pk,
                            "level": row.level,
                            "study_programme": row.programme,
                            "study_field": study_field_of(row.programme),
                            "institution": row.institution,
                            "graduation_year": row.graduation_year,
                            "diploma": "",
                        }
                    )
            for education, pk in zip(educations, reserve_ids(Education, len(educations)), strict=True):
                education["id"] = pk
            raw_insert(Person, people)
            raw_insert(Person.history.model, [{**p, **history} for p in people])
            raw_insert(Education, educations)
            raw_insert(Education.history.model, [{**e, **history} for e in educations])
            for pk, row in zip(person_ids, pending, strict=True):
                self.members.plan_for_new(pk, row)
            self.members.insert_numbered()
        for pk, row in zip(person_ids, pending, strict=True):
            self._created_rows[pk] = row.row
            for key in row.dedup_keys():
                self._keys[key] = pk


SERIES_PATTERN = re.compile(r"^IPSPI\.(\d{2})\.(\d{4})\.(\d{5})$")
# What an imported membership status makes of the member and of the card.
IMPORTED_STATUS = {
    "active": ("valid", ""),
    "lapsed": ("suspended", "dues_unpaid"),
    "ended": ("revoked", "other"),
}


@dataclass(slots=True)
class MemberPlan:
    person_id: int | None
    row: int
    name: str
    number: str  # "" until a new number of the series is allocated
    province: object
    category: str
    joined_on: datetime.date
    status: str
    dues_through: int | None
    card_until: datetime.date | None
    kept: bool


class MemberPlanner:
    """Which imported people become members, and with which numbers (see SourceKind). An
    imported number is kept exactly; one already held by another person rejects the row. New
    numbers are allocated after the whole list was read, so that each series continues after
    the highest number the list (or the register) holds in it."""

    def __init__(self, importer: LegacyImporter, *, actor=None):
        self.importer = importer
        self.report = importer.report
        self.actor = actor
        self._loaded = False
        self._numbers: dict[str, object] = {}  # number -> person pk, or the CleanRow holding it
        self._member_of: dict[int, str] = {}  # person pk -> number ("" while a new one is pending)
        self._numbered: list[MemberPlan] = []
        self._unnumbered: dict[object, MemberPlan] = {}
        self._series_top: dict[str, int] = {}
        self._series_dirty: set[str] = set()
        self._issuer = None

    # --- deciding, row by row ---

    def wants(self, row: CleanRow) -> bool:
        kind = self.importer.source_kind
        return kind == SourceKind.KONGRES or (kind == SourceKind.LAIN and bool(row.member_number))

    def _load(self) -> None:
        if self._loaded:
            return
        from regions.models import Province

        from .models import FeeSchedule, Member

        self._loaded = True
        for number, person_id in Member.objects.values_list("number", "person_id").iterator(chunk_size=20000):
            self._numbers[number] = person_id
            self._member_of[person_id] = number
        provinces = list(Province.objects.all())
        self._province_by_code = {p.code: p for p in provinces}
        self._province_by_id = {p.pk: p for p in provinces}
        self._fees: dict[tuple[str, int], object] = {}
        for fee in FeeSchedule.objects.order_by("valid_from"):
            self._fees[(fee.category, fee.year)] = fee  # the latest row of a year wins

    def _province_of_number(self, number: str):
        found = SERIES_PATTERN.match(number or "")
        return self._province_by_code.get(found.group(1)) if found else None

    def admit(self, row: CleanRow, match) -> bool:
        """Check the row's membership before anything of it is queued; False rejects the row."""
        problem = self.report.problem
        if self.importer.source_kind == SourceKind.JARINGAN:
            if row.has_membership:
                problem(
                    row.row,
                    "nomor_anggota",
                    _(
                        "A Jaringan Peksos record becomes a membership only through an application; the membership columns were not used."
                    ),
                )
                row.member_number, row.member_status, row.category = "", "", ""
                row.joined_on = row.card_until = row.dues_through = None
            return True
        if not self.wants(row):
            return True
        self._load()
        if row.province is None and self._province_of_number(row.member_number) is None and not isinstance(match, int):
            problem(row.row, "provinsi", _("A member needs a province: fill in provinsi or kabupaten_kota."))
            return False
        number = row.member_number
        if not number:
            return True
        owner = self._numbers.get(number)
        same = owner is None or (owner is match if isinstance(owner, CleanRow) else owner == match)
        if not same:
            where = (
                _("row %(row)s of this list") % {"row": owner.row}
                if isinstance(owner, CleanRow)
                else _("a member in the register")
            )
            problem(
                row.row,
                "nomor_anggota",
                _("Member number %(number)s is already held by another person (%(where)s); the row was not imported.")
                % {"number": number, "where": where},
            )
            return False
        held = self._member_of.get(match) if isinstance(match, int) else getattr(match, "member_number", "")
        if held and held != number:
            problem(
                row.row,
                "nomor_anggota",
                _(
                    "This person is already a member with number %(held)s; the number %(number)s in the list was not used and the row was not imported."
                )
                % {"held": held, "number": number},
            )
            return False
        self._numbers[number] = match if match is not None else row
        found = SERIES_PATTERN.match(number)
        if found:
            series = member_number_series(found.group(1), int(found.group(2)))
            if int(found.group(3)) > self._series_top.get(series, 0):
                self._series_top[series] = int(found.group(3))
                self._series_dirty.add(series)
        return True

    def _plan(self, person_id, row: CleanRow, province) -> MemberPlan:
        from .models import Category

        category = row.category or (
            Category.BIASA
            if row.level in {"D4", "S1", "S2", "S3", "profesi"} and study_field_of(row.programme) != Education.Field.LAINNYA
            else Category.REKAN
        )
        plan = MemberPlan(
            person_id=person_id,
            row=row.row,
            name=row.full_name,
            number=row.member_number,
            province=province,
            category=category,
            joined_on=row.joined_on or self.importer.today,
            status=row.member_status or "active",
            dues_through=row.dues_through,
            card_until=row.card_until,
            kept=bool(row.member_number),
        )
        if plan.number:
            self._numbered.append(plan)
        else:
            self._unnumbered[person_id if person_id is not None else id(row)] = plan
        if person_id is not None:
            self._member_of[person_id] = plan.number
            if plan.number:
                self._numbers[plan.number] = person_id
        return plan

    def plan_for_new(self, person_id: int | None, row: CleanRow) -> None:
        if self.wants(row):
            self._plan(person_id, row, row.province or self._province_of_number(row.member_number))

    def plan_for_existing(self, person, row: CleanRow) -> bool:
        """A row merged into someone already in the register; True if it makes a membership."""
        if not self.wants(row):
            return False
        pk = person.pk
        if pk in self._member_of:
            plan = self._unnumbered.get(pk)
            if plan is not None and row.member_number:
                # An earlier row of this list made the person a member awaiting a new number;
                # this one gives the number they already hold.
                del self._unnumbered[pk]
                plan.number, plan.kept = row.member_number, True
                self._numbered.append(plan)
                self._member_of[pk] = plan.number
                self._numbers[plan.number] = pk
            return False
        province = row.province or self._province_of_number(row.member_number) or self._province_by_id.get(person.province_id)
        if province is None:
            self.report.problem(
                row.row,
                "provinsi",
                _("Not made a member: neither the list nor the register gives this person's province."),
            )
            return False
        self._plan(pk, row, province)
        return True

    # --- writing ---

    def insert_numbered(self) -> None:
        plans, self._numbered = self._numbered, []
        self._insert(plans)

    def finish(self) -> None:
        """New numbers for the members without one, each series after its highest number."""
        pending = sorted(self._unnumbered.values(), key=lambda p: p.row)
        self._unnumbered = {}
        size = self.importer.batch_size
        for start in range(0, len(pending), size):
            chunk = pending[start : start + size]
            by_series: dict[tuple[str, int], list[MemberPlan]] = {}
            for plan in chunk:
                by_series.setdefault((plan.province.code, plan.joined_on.year), []).append(plan)
            with transaction.atomic():
                self._raise_series()
                for (code, year), plans in by_series.items():
                    series = member_number_series(code, year)
                    if self.importer.dry_run:
                        first = max(numbering.peek(series), self._series_top.get(series, 0)) + 1
                        self._series_top[series] = first + len(plans) - 1
                    else:
                        first = numbering.allocate_many(series, len(plans))
                    for offset, plan in enumerate(plans):
                        plan.number = member_number(code, year, first + offset)
                self._insert(chunk)

    def _raise_series(self) -> None:
        if self.importer.dry_run:
            return
        for series in sorted(self._series_dirty):
            numbering.raise_to(series, self._series_top[series])
        self._series_dirty.clear()

    def _insert(self, plans: list[MemberPlan]) -> None:
        if not plans:
            return
        self.report.members += len(plans)
        self.report.numbers_kept += sum(1 for p in plans if p.kept)
        self.report.numbers_new += sum(1 for p in plans if not p.kept)
        if self.importer.dry_run:
            return
        from credentials.bulk import BulkIssuer, CredentialSpec
        from credentials.models import Credential

        from .models import CardValidity, Category, DuesInvoice, Member
        from .services import ISSUER_NAME, card_valid_until, pick_card_validity

        today = self.importer.today
        now = timezone.now()
        reason = f"import {self.importer.source}"[:100]
        card_validities = list(CardValidity.objects.order_by("valid_from"))
        if self._issuer is None:
            self._issuer = BulkIssuer(actor=self.actor, change_reason=reason)
        actor_id = getattr(self.actor, "pk", None)
        with transaction.atomic():
            self._raise_series()
            member_ids = reserve_ids(Member, len(plans))
            specs, members, invoices = [], [], []
            for member_id, plan in zip(member_ids, plans, strict=True):
                years = pick_card_validity(card_validities, plan.card_until or today).years
                until = plan.card_until or card_valid_until(today, pick_card_validity(card_validities, today))
                valid_from = min(until, max(plan.joined_on, add_years(until, -years) + datetime.timedelta(days=1)))
                card_status, category = IMPORTED_STATUS[plan.status]
                if card_status == Credential.Status.VALID and until < today:
                    card_status = Credential.Status.EXPIRED
                status_reason = _("Imported from the list “%(source)s”.") % {"source": self.importer.source}
                specs.append(
                    CredentialSpec(
                        kind=Credential.Kind.MEMBER_CARD,
                        subject_model=Member,
                        subject_id=member_id,
                        holder_model=Person,
                        holder_id=plan.person_id,
                        number=plan.number,
                        holder_name=plan.name,
                        issuer_name=ISSUER_NAME,
                        valid_from=valid_from,
                        valid_until=until,
                        claims={
                            "category": plan.category,
                            "category_label": str(Category(plan.category).label),
                            "province": plan.province.name,
                            "province_code": plan.province.code,
                        },
                        status=card_status,
                        status_reason=status_reason,
                        status_category=category,
                    )
                )
                members.append(
                    {
                        "id": member_id,
                        "person_id": plan.person_id,
                        "number": plan.number,
                        "category": plan.category,
                        "province_id": plan.province.pk,
                        "status": plan.status,
                        "status_reason": status_reason[:255],
                        "status_category": category,
                        "status_changed_at": now,
                        "joined_on": plan.joined_on,
                        "card_valid_until": until,
                        "application_id": None,
                        "credential_id": None,
                        "card_pdf": "",
                    }
                )
                invoices.extend(self._invoices(member_id, plan, now))
            for member, credential_id in zip(members, self._issuer.issue(specs), strict=True):
                member["credential_id"] = credential_id
            history = {"history_date": now, "history_type": "+", "history_user_id": actor_id}
            raw_insert(Member, members)
            raw_insert(
                Member.history.model,
                [
                    {
                        **m,
                        **history,
                        "history_change_reason": (f"{reason}; iuran lunas sampai {p.dues_through}" if p.dues_through else reason)[
                            :100
                        ],
                    }
                    for m, p in zip(members, plans, strict=True)
                ],
            )
            for invoice, pk in zip(invoices, reserve_ids(DuesInvoice, len(invoices)), strict=True):
                invoice["id"] = pk
            raw_insert(DuesInvoice, invoices)
            raw_insert(DuesInvoice.history.model, [{**i, **history, "history_change_reason": reason} for i in invoices])

    def _invoices(self, member_id: int, plan: MemberPlan, now) -> list[dict]:
        """Dues as the register models them: a paid invoice for each year through the last year
        paid; for an inactive member, an unpaid one for each past year after it (years without
        a fee schedule, before Peksos, have no invoices: the member's history keeps the year)."""
        rows = []
        today = self.importer.today
        paid_through = plan.dues_through or 0
        first_unpaid = max(paid_through + 1, plan.joined_on.year)
        years = [(y, "paid") for y in range(plan.joined_on.year, paid_through + 1)]
        if plan.status == "lapsed":
            years += [(y, "open") for y in range(first_unpaid, today.year)]
        for year, status in years:
            fee = self._fees.get((plan.category, year))
            if fee is None:
                continue
            due_on = fee.due_on()
            rows.append(
                {
                    "member_id": member_id,
                    "year": year,
                    "fee_schedule_id": fee.pk,
                    "amount": fee.amount,
                    "due_on": due_on,
                    "grace_until": due_on + datetime.timedelta(days=fee.grace_days),
                    "status": status,
                    "paid_on": None,
                    "created_at": now,
                }
            )
        return rows


def import_file(
    handle,
    name: str,
    *,
    source: str,
    dry_run: bool = False,
    progress=None,
    source_kind: str = SourceKind.LAIN,
    actor=None,
) -> dict:
    """Import one file; `progress` wraps the row iterator (e.g. tqdm)."""
    rows, total = read_table(handle, name)
    if progress is not None:
        rows = progress(rows, total)
    importer = LegacyImporter(source=source, dry_run=dry_run, source_kind=source_kind, actor=actor)
    with bulk_load():
        report = importer.run(rows).as_dict()
    report["file"] = name.rsplit("/", 1)[-1]
    return report
