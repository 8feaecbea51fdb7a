"""Import of the existing LKS list (`import_lks`) and of the accreditations determined before
Peksos (`import_credentials --kind accreditation`, at the end of this module).

LKS list (CSV or XLSX) into the register, with the rules of the member
import: headers matched loosely, blank rows skipped, spreadsheet row numbers in the report;
a row without a name or a recognisable regency is rejected and reported, a wrong optional field
(e-mail, capacity, target group, owner) is left empty and reported and the rest imported;
duplicates — within the file and against the register — are merged by the Dinas Sosial
registration number, or else by the same normalised name in the same regency, filling only empty
fields; re-running the same file creates nothing new. A dry run checks and reports, writing nothing.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import connection, models, transaction
from django.utils.translation import gettext as _

from core import numbering
from core.bulkload import reserve_ids
from core.dates import period_end
from core.importing import (
    RecordImporter,
    Report,
    RowRejected,
    cell_date_of,
    cell_status,
    cell_text,
    check_period,
    derived_status,
    flag_validity,
    header_normaliser,
    read_rows,
)
from regions import lookup

from .models import LKS, TargetGroup, normalise

HEADER_ALIASES = {
    "nama": "nama_lks",
    "nama_lembaga": "nama_lks",
    "lembaga": "nama_lks",
    "name": "nama_lks",
    "badan_hukum": "badan_hukum",
    "yayasan": "badan_hukum",
    "akta": "no_akta",
    "nomor_akta": "no_akta",
    "akta_pendirian": "no_akta",
    "izin": "izin_operasional",
    "izin_operasional_no": "izin_operasional",
    "no_izin_operasional": "izin_operasional",
    "tanda_daftar": "no_tanda_daftar",
    "nomor_tanda_daftar": "no_tanda_daftar",
    "no_registrasi_dinsos": "no_tanda_daftar",
    "pemilik": "kepemilikan",
    "status_kepemilikan": "kepemilikan",
    "propinsi": "provinsi",
    "province": "provinsi",
    "kabupaten": "kabupaten_kota",
    "kota": "kabupaten_kota",
    "kab_kota": "kabupaten_kota",
    "sasaran_pelayanan": "sasaran",
    "kelompok_sasaran": "sasaran",
    "jenis_layanan": "layanan",
    "pelayanan": "layanan",
    "panti": "residensial",
    "dalam_panti": "residensial",
    "daya_tampung": "kapasitas",
    "telp": "telepon",
    "no_telp": "telepon",
    "hp": "telepon",
    "e_mail": "email",
    "surel": "email",
}
YES = {"ya", "y", "yes", "1", "true", "panti", "residensial"}
NO = {"tidak", "t", "no", "0", "false", "non panti", "nonpanti", "luar panti"}
OWNERS = {
    "masyarakat": LKS.Owner.COMMUNITY,
    "swasta": LKS.Owner.COMMUNITY,
    "pemerintah": LKS.Owner.GOVERNMENT,
    "pemda": LKS.Owner.GOVERNMENT,
    "upt": LKS.Owner.GOVERNMENT,
}
FILLABLE = ["legal_entity", "deed_number", "operating_permit", "dinsos_registration", "address", "services", "phone", "email"]
_EMAIL = EmailValidator()
_HTML = re.compile(r"[<>]")


normalise_header = header_normaliser(HEADER_ALIASES)


def _text(value, limit: int = 300) -> str:
    return cell_text(value, limit)


class LKSImporter:
    def __init__(self, *, dry_run: bool):
        self.report = Report(dry_run=dry_run)
        self.groups = {normalise(g.name): g for g in TargetGroup.objects.all()} | {
            g.code.replace("_", " "): g for g in TargetGroup.objects.all()
        }
        self.seen: dict[tuple, LKS] = {}
        self.group_pks: dict[int, set[int]] = {}  # id(lks) -> its target groups, so far

    def _groups_of(self, lks: LKS) -> set[int]:
        if id(lks) not in self.group_pks:
            self.group_pks[id(lks)] = set(lks.target_groups.values_list("pk", flat=True)) if lks.pk else set()
        return self.group_pks[id(lks)]

    # --- one row -------------------------------------------------------------------------------
    def clean(self, number: int, raw: dict) -> dict | None:
        report = self.report
        name = _text(raw.get("nama_lks"), 200)
        if not name or _HTML.search(name):
            report.problem(number, "nama_lks", _("The LKS name is missing or contains < or >."))
            return None
        province = lookup.province_from_list(_text(raw.get("provinsi"))) if raw.get("provinsi") else None
        regency_text = _text(raw.get("kabupaten_kota"))
        regency = lookup.regency_from_list(regency_text, province) if regency_text else None
        if regency is None:
            report.problem(number, "kabupaten_kota", _("The regency/city “%(text)s” is not recognised.") % {"text": regency_text})
            return None
        values = {
            "name": name,
            "regency": regency,
            "province": regency.province,
            "legal_entity": _text(raw.get("badan_hukum"), 200),
            "deed_number": _text(raw.get("no_akta"), 100),
            "operating_permit": _text(raw.get("izin_operasional"), 100),
            "dinsos_registration": _text(raw.get("no_tanda_daftar"), 100),
            "address": _text(raw.get("alamat")),
            "services": _text(raw.get("layanan")),
            "phone": _text(raw.get("telepon"), 30),
        }
        email = _text(raw.get("email"), 254)
        if email:
            try:
                _EMAIL(email)
                values["email"] = email.lower()
            except ValidationError:
                report.problem(number, "email", _("“%(value)s” is not an e-mail address; left empty.") % {"value": email})
        owner = normalise(raw.get("kepemilikan"))
        if owner:
            if owner in OWNERS:
                values["owner_type"] = OWNERS[owner]
            else:
                report.problem(
                    number,
                    "kepemilikan",
                    _("Owner “%(value)s” is neither masyarakat nor pemerintah; left as masyarakat.") % {"value": owner},
                )
        residential = normalise(raw.get("residensial"))
        if residential in YES or residential in NO:
            values["residential"] = residential in YES
        elif residential:
            report.problem(number, "residensial", _("Write ya or tidak, not “%(value)s”.") % {"value": residential})
        capacity = _text(raw.get("kapasitas"))
        if capacity:
            try:
                values["capacity"] = int(float(capacity.replace(",", ".")))
                if values["capacity"] < 0:
                    raise ValueError
            except ValueError:
                values.pop("capacity", None)
                report.problem(number, "kapasitas", _("Capacity “%(value)s” is not a number; left empty.") % {"value": capacity})
        groups = []
        for part in re.split(r"[,;/]", _text(raw.get("sasaran"))):
            key = normalise(part)
            if not key:
                continue
            group = self.groups.get(key) or next((g for k, g in self.groups.items() if key in k), None)
            if group is None:
                report.problem(number, "sasaran", _("Target group “%(value)s” is not known; skipped.") % {"value": part.strip()})
            else:
                groups.append(group)
        values["groups"] = groups
        return values

    def keys(self, values: dict) -> list[tuple]:
        keys = []
        if values["dinsos_registration"]:
            keys.append(("registration", normalise(values["dinsos_registration"])))
        keys.append(("name", normalise(values["name"]), values["regency"].pk))
        return keys

    def existing(self, values: dict) -> LKS | None:
        for key in self.keys(values):
            if key in self.seen:
                return self.seen[key]
        if values["dinsos_registration"]:
            found = LKS.objects.filter(dinsos_registration__iexact=values["dinsos_registration"]).first()
            if found:
                return found
        return LKS.objects.filter(name_key=normalise(values["name"]), regency=values["regency"]).first()

    def apply(self, number: int, values: dict) -> None:
        groups = values.pop("groups")
        lks = self.existing(values)
        if lks is None:
            lks = LKS(**values)
            if not self.report.dry_run:
                lks.save()
                lks.target_groups.add(*groups)
            self.group_pks[id(lks)] = {g.pk for g in groups}
            self.report.created += 1
        else:
            changed = [name for name in FILLABLE if values.get(name) and not getattr(lks, name)]
            for name in changed:
                setattr(lks, name, values[name])
            if not lks.capacity and values.get("capacity"):
                lks.capacity = values["capacity"]
                changed.append("capacity")
            known = self._groups_of(lks)
            new_groups = [g for g in groups if g.pk not in known]
            known.update(g.pk for g in new_groups)
            if changed or new_groups:
                if not self.report.dry_run and lks.pk:
                    lks._change_reason = "import"
                    lks.save()
                    lks.target_groups.add(*new_groups)
                self.report.merged += 1
            else:
                self.report.unchanged += 1
        for key in self.keys({**values, "dinsos_registration": values.get("dinsos_registration") or lks.dinsos_registration}):
            self.seen[key] = lks

    def run(self, rows) -> Report:
        for number, raw in rows:
            self.report.rows += 1
            values = self.clean(number, raw)
            if values is None:
                self.report.rejected += 1
                continue
            # One row, one transaction: a failing row never leaves half an LKS behind.
            with transaction.atomic():
                self.apply(number, values)
        return self.report


def import_lks(handle, name: str, *, dry_run: bool = False, progress=None) -> dict:
    rows = read_rows(handle, name, required="nama_lks", normalise=normalise_header, progress=progress)
    report = LKSImporter(dry_run=dry_run).run(rows).as_dict()
    report["file"] = name.rsplit("/", 1)[-1]
    return report


# --- accreditations determined before Peksos ---------------------------------------------------------

ACCREDITATION_COLUMNS = (
    "nama_lks",
    "nomor_ahu",
    "nomor_lks",
    "kabupaten_kota",
    "peringkat",
    "nomor_sk",
    "tanggal_sk",
    "berlaku_mulai",
    "berlaku_sampai",
)
ACCREDITATION_ALIASES = {
    **HEADER_ALIASES,
    "ahu": "nomor_ahu",
    "no_ahu": "nomor_ahu",
    "nomor_sk_ahu": "nomor_ahu",
    "sk_ahu": "nomor_ahu",
    "id_lks": "nomor_lks",
    "no_lks": "nomor_lks",
    "nomor_lks_peksos": "nomor_lks",
    "akreditasi": "peringkat",
    "nilai_akreditasi": "peringkat",
    "grade": "peringkat",
    "no_sk": "nomor_sk",
    "nomor_keputusan": "nomor_sk",
    "sk": "nomor_sk",
    "tgl_sk": "tanggal_sk",
    "tanggal_keputusan": "tanggal_sk",
    "mulai_berlaku": "berlaku_mulai",
    "berlaku_hingga": "berlaku_sampai",
    "masa_berlaku": "berlaku_sampai",
}


class AccreditationImporter(RecordImporter):
    """One row, one accreditation of one LKS by one decree. The LKS is found by its number in
    Peksos, else its AHU number, else its name in its
    regency; an LKS not yet in the register is created when name, regency and AHU number are
    given (and the row says so)."""

    required = "nomor_sk"
    aliases = ACCREDITATION_ALIASES
    row_savepoints = False  # a row reads; its records are written by flush

    def __init__(self, **kwargs):
        from core.dates import register_day

        from .models import Accreditation, Instrument

        super().__init__(**kwargs)
        self.today = register_day()
        self.instruments = list(Instrument.objects.prefetch_related("grade_bands"))
        self.regencies: dict[str, object] = {}
        # Looked up once per row among 23,000: held in memory rather than scanned (neither column
        # is indexed, and AHU numbers and decree numbers are compared ignoring case).
        # Lists made before the AHU number had its own column kept it as the deed of establishment.
        self.by_ahu = {
            deed.lower(): pk for pk, deed in LKS.objects.exclude(deed_number="").values_list("pk", "deed_number").iterator()
        }
        self.by_ahu.update(
            (ahu.lower(), pk) for pk, ahu in LKS.objects.exclude(ahu_number=None).values_list("pk", "ahu_number").iterator()
        )
        self.decrees: dict[str, set[int]] = {}
        for decree, lks_id in Accreditation.objects.values_list("decree_number", "lks_id").iterator():
            self.decrees.setdefault(decree.lower(), set()).add(lks_id)
        from credentials.importing import ImportBatch

        self.batch = ImportBatch(actor=self.actor, source=self.source)
        self.lks: dict[int, LKS] = {}  # this chunk's LKS (and the ones it adds), by number
        self.by_name: dict[tuple[str, int], LKS] = {}
        self.accreditations: list[tuple[object, dict]] = []
        self._lks_ids = None

    def prepare(self, batch) -> None:
        rows = [raw for _number, raw in batch]
        own = {int(text) for raw in rows if (text := _text(raw.get("nomor_lks"), 20)).isdigit()}
        ahus = {self.by_ahu[ahu] for raw in rows if (ahu := _text(raw.get("nomor_ahu"), 100).lower()) in self.by_ahu}
        names = {normalise(name) for raw in rows if (name := _text(raw.get("nama_lks"), 200))}
        found = LKS.objects.select_related("regency", "province").filter(
            models.Q(pk__in=own | ahus) | models.Q(name_key__in=names)
        )
        self.lks, self.by_name = {}, {}
        for lks in found:
            self.lks[lks.pk] = lks
            self.by_name.setdefault((lks.name_key, lks.regency_id), lks)
        self._lks_ids = None
        self._chunk_rows = len(batch)

    def _new_lks_pk(self) -> int:
        # SQLite's ids are only read here (past the highest, under the write lock), so a whole
        # chunk's worth is taken at once; PostgreSQL's are drawn from its sequence, one per LKS.
        if connection.vendor != "sqlite":
            return reserve_ids(LKS, 1)[0]
        if self._lks_ids is None:
            self._lks_ids = iter(reserve_ids(LKS, self._chunk_rows))
        return next(self._lks_ids)

    def flush(self) -> None:
        from .models import ACCREDITATION_NUMBER

        by_year: dict[int, list] = {}
        for accreditation, _credential in self.accreditations:
            by_year.setdefault(accreditation.decree_date.year, []).append(accreditation)
        for year, accreditations in by_year.items():
            first = numbering.allocate_many(ACCREDITATION_NUMBER.series(year=year), len(accreditations))
            for serial, accreditation in enumerate(accreditations, start=first):
                accreditation.certificate_number = ACCREDITATION_NUMBER.format(serial, grade=accreditation.grade, year=year)
        for accreditation, credential in self.accreditations:
            self.batch.add(accreditation, {**credential, "number": accreditation.certificate_number})
        self.accreditations = []
        self.batch.write()

    def _regency(self, text: str):
        if text not in self.regencies:
            self.regencies[text] = lookup.regency_from_list(text) if text else None
        return self.regencies[text]

    def _lks(self, raw: dict) -> tuple[LKS | None, dict]:
        """(the LKS the row names, or None with the values to create it from)."""
        name = _text(raw.get("nama_lks"), 200)
        ahu = _text(raw.get("nomor_ahu"), 100)
        own = _text(raw.get("nomor_lks"), 20)
        regency_text = _text(raw.get("kabupaten_kota"))
        regency = self._regency(regency_text)
        if regency_text and regency is None:
            raise RowRejected("kabupaten_kota", _("The regency/city “%(text)s” is not recognised.") % {"text": regency_text[:60]})
        if own:
            found = self.lks.get(int(own)) if own.isdigit() else None
            if found is None:
                raise RowRejected("nomor_lks", _("No LKS in Peksos has the number %(value)s.") % {"value": own})
            return found, {}
        if ahu and ahu.lower() in self.by_ahu:
            return self.lks[self.by_ahu[ahu.lower()]], {}
        if name and regency is not None:
            found = self.by_name.get((normalise(name), regency.pk))
            if found is not None:
                return found, {}
        if not (name and regency is not None and ahu):
            raise RowRejected(
                "nama_lks",
                _("The LKS is not in the register; to add it, give its name, regency/city and AHU number."),
            )
        if _HTML.search(name):
            raise RowRejected("nama_lks", _("The LKS name is missing or contains < or >."))
        return None, {"name": name, "regency": regency, "province": regency.province, "ahu_number": ahu}

    def _allowed_end(self, grade: str, start):
        instrument = max((i for i in self.instruments if i.is_in_force(start)), key=lambda i: i.valid_from, default=None)
        band = next((b for b in instrument.grade_bands.all() if b.grade == grade), None) if instrument else None
        if band is None or not band.validity_years:
            return None, instrument
        return period_end(start, years=band.validity_years), instrument

    def import_row(self, number: int, raw: dict) -> str:
        from credentials.models import Credential

        from .models import Accreditation, GradeBand

        decree = _text(raw.get("nomor_sk"), 100)
        if not decree:
            raise RowRejected("nomor_sk", _("The decree number is empty."))
        grade = _text(raw.get("peringkat"), 10).upper()
        if grade not in (GradeBand.Grade.A, GradeBand.Grade.B, GradeBand.Grade.C):
            raise RowRejected("peringkat", _("Grade “%(value)s” is not known; write A, B or C.") % {"value": grade or "—"})
        decree_date = cell_date_of(raw, "tanggal_sk", required=True)
        if decree_date > self.today:
            raise RowRejected("tanggal_sk", _("The decree date %(date)s is in the future.") % {"date": decree_date.isoformat()})
        start = cell_date_of(raw, "berlaku_mulai") or decree_date
        end = cell_date_of(raw, "berlaku_sampai")
        check_period(start, end, "berlaku_sampai")
        status = cell_status(raw.get("status"), allowed=("valid", "revoked", "expired")) if raw.get("status") else None
        lks, new_lks = self._lks(raw)
        holders = self.decrees.get(decree.lower(), set())
        others = holders - {lks.pk} if lks is not None else holders
        if others:
            other = next((self.lks[pk] for pk in others if pk in self.lks), None) or LKS.objects.filter(pk__in=others).first()
            raise RowRejected(
                "nomor_sk",
                _("Decree %(decree)s is already recorded for another LKS (%(lks)s).")
                % {"decree": decree, "lks": other.name if other else "—"},
            )
        if lks is not None and lks.pk in holders:
            return "unchanged"
        allowed, instrument = self._allowed_end(grade, start)
        if end is None:
            if allowed is None:
                raise RowRejected("berlaku_sampai", _("No instrument in force on that date gives the validity: fill it in."))
            end = allowed
        else:
            flag_validity(self.report, number, "berlaku_sampai", end, allowed, instrument)
        status = derived_status(status, end, self.today)
        if lks is None:
            lks = LKS(pk=self._new_lks_pk(), name_key=normalise(new_lks["name"]), **new_lks)
            self.batch.add(lks)
            self.lks[lks.pk] = lks
            self.by_name[(lks.name_key, lks.regency_id)] = lks
            self.report.problem(
                number, "nama_lks", _("%(name)s was not in the register and was added from this row.") % {"name": lks.name}
            )
        accreditation = Accreditation(
            lks=lks,
            grade=grade,
            decree_number=decree,
            decree_date=decree_date,
            valid_from=start,
            valid_until=end,
            status=status,
        )
        # Numbered and issued with the rest of the chunk (flush): one counter update per year, not per row.
        self.accreditations.append(
            (
                accreditation,
                {
                    "kind": Credential.Kind.ACCREDITATION,
                    "holder": lks,
                    "holder_name": lks.name,
                    "issuer_name": str(_("Minister of Social Affairs, on the assessment of BALKS")),
                    "valid_from": start,
                    "valid_until": end,
                    "claims": {"grade": grade, "regency": lks.regency.name, "province": lks.province.name},
                    "status": status,
                },
            )
        )
        # Remembered only now, when nothing in the row can fail any more (a failed row is rolled back).
        if lks.ahu_number:
            self.by_ahu.setdefault(lks.ahu_number.lower(), lks.pk)
        self.decrees.setdefault(decree.lower(), set()).add(lks.pk)
        return "created"


def import_accreditations(handle, name: str, *, source: str, dry_run: bool = False, actor=None, progress=None) -> dict:
    return AccreditationImporter(source=source, dry_run=dry_run, actor=actor).import_file(handle, name, progress=progress)
