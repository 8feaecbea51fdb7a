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
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.bulkload import bulk_load, insert_rows
from core.dates import DateParseError, parse_flexible_date
from core.tables import TableFileError, header_key
from core.tables import read_table as read_tables
from regions import lookup
from regions.nik import NikError, mismatches, normalise_nik, parse_nik

from .models import HTML_PATTERN, Education, Person, Sex, normalise_name

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
]
HEADER_ALIASES = {
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
_EMAIL = EmailValidator()
FATAL_FIELDS = {"nama_lengkap", "nik", "tanggal_lahir"}


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

    def dedup_keys(self) -> list[tuple]:
        keys = []
        if self.nik:
            keys.append(("nik", self.nik))
        if self.name_key and self.birth_date and self.email:
            keys.append(("nbe", self.name_key, self.birth_date.isoformat(), self.email.lower()))
        return keys


@dataclass
class Report:
    source: str
    dry_run: bool
    created: int = 0
    merged: int = 0
    unchanged: int = 0
    rejected: int = 0
    rows: int = 0
    problems: list = field(default_factory=list)
    merges: list = field(default_factory=list)

    def problem(self, row: int, fieldname: str, message: str) -> None:
        self.problems.append({"row": row, "field": fieldname, "message": str(message)})

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "dry_run": self.dry_run,
            "rows": self.rows,
            "created": self.created,
            "merged": self.merged,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "problems": self.problems,
            "merges": self.merges,
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

    if not row.nik and not row.birth_date and not fatal:
        problem("tanggal_lahir", _("Without a NIK, a date of birth is needed to tell people apart."))
    return None if fatal else row


# --- Importing --------------------------------------------------------------------------------

PERSON_FILL_FIELDS = ["nik", "birth_place", "birth_date", "sex", "email", "phone", "province", "regency"]


class LegacyImporter:
    def __init__(self, *, source: str, dry_run: bool = False, today: datetime.date | None = None, batch_size: int = 2000):
        self.source = source.strip()
        self.dry_run = dry_run
        self.today = today or timezone.localdate()
        self.batch_size = batch_size
        self.report = Report(source=self.source, dry_run=dry_run)
        self._keys: dict[tuple, object] = {}  # dedup key -> Person pk (int) or pending CleanRow
        self._pending: list[CleanRow] = []
        self._pending_merges: list[tuple[int, CleanRow]] = []
        self._created_rows: dict[int, int] = {}  # person pk -> row that created it in this run
        self._load_existing_keys()

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
            if row is None:
                self.report.rejected += 1
                continue
            self._place(row)
            if len(self._pending) >= self.batch_size:
                self._flush()
        self._flush()
        return self.report

    def _place(self, row: CleanRow) -> None:
        match = None
        for key in row.dedup_keys():
            if key in self._keys:
                match = self._keys[key]
                break
        if match is None:
            self._pending.append(row)
            for key in row.dedup_keys():
                self._keys[key] = row
            return
        if isinstance(match, CleanRow):
            added = self._merge_rows(match, row)
            self.report.merged += 1
            self.report.merges.append({"row": row.row, "into_row": match.row, "fields": added})
            return
        self._merge_into_person(match, row)

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
        if self.dry_run or not (to_save or new_educations):
            return
        with transaction.atomic():
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
        self._flush_creations()
        self._flush_merges()

    def _flush_creations(self) -> None:
        """Insert the new people of a batch, their education and the simple-history "created"
        rows with a few multi-row INSERTs (the ORM's per-field preparation is what makes
        100,000 rows slow). Ids are reserved first so that related rows can point at them."""
        pending, self._pending = self._pending, []
        if not pending:
            return
        self.report.created += len(pending)
        if self.dry_run:
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
            self._created_rows[pk] = row.row
            for key in row.dedup_keys():
                self._keys[key] = pk


def reserve_ids(model, count: int) -> list[int]:
    """`count` fresh primary keys for `model`, inside the inserting transaction: from the
    sequence on PostgreSQL; past the highest id (and SQLite's AUTOINCREMENT mark) on SQLite,
    where the IMMEDIATE transaction already holds the write lock."""
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count])
            return [r[0] for r in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")  # noqa: S608 (table name from the model)
        top = cursor.fetchone()[0]
        if connection.vendor == "sqlite":
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            found = cursor.fetchone()
            top = max(top, found[0] if found else 0)
    return list(range(top + 1, top + 1 + count))


def _converter(field):
    kind = field.get_internal_type()
    if kind == "DateField":
        return connection.ops.adapt_datefield_value
    if kind == "DateTimeField":
        # A batch stamps every row with the same moment: convert it once, not per row.
        return functools.lru_cache(maxsize=64)(connection.ops.adapt_datetimefield_value)
    if kind == "JSONField":
        return lambda value: field.get_db_prep_save(value, connection)
    return None


def raw_insert(model, rows: list[dict], *, batch: int = 500) -> None:
    """Multi-row INSERT of plain values (keys: column attnames; missing columns are left to
    the database, e.g. an auto-increment history_id)."""
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if f.attname in rows[0]]
    converters = [(f.attname, _converter(f)) for f in fields]
    if connection.vendor == "postgresql":
        values = [
            tuple(convert(row[name]) if convert and row[name] is not None else row[name] for name, convert in converters)
            for row in rows
        ]
        insert_rows(model._meta.db_table, [f.column for f in fields], values)
        return
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholder = "(" + ", ".join(["%s"] * len(fields)) + ")"
    table = connection.ops.quote_name(model._meta.db_table)
    limit = getattr(connection.features, "max_query_params", None)
    if limit:
        batch = max(1, min(batch, limit // len(fields)))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            params = []
            for row in chunk:
                params.extend(
                    convert(row[name]) if convert and row[name] is not None else row[name] for name, convert in converters
                )
            sql = f"INSERT INTO {table} ({columns}) VALUES " + ", ".join([placeholder] * len(chunk))  # noqa: S608 (names from the model)
            cursor.execute(sql, params)


def import_file(handle, name: str, *, source: str, dry_run: bool = False, progress=None) -> dict:
    """Import one file; `progress` wraps the row iterator (e.g. tqdm)."""
    rows, total = read_table(handle, name)
    if progress is not None:
        rows = progress(rows, total)
    importer = LegacyImporter(source=source, dry_run=dry_run)
    with bulk_load():
        report = importer.run(rows).as_dict()
    report["file"] = name.rsplit("/", 1)[-1]
    return report
