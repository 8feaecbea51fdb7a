"""Import of the existing LKS list (CSV or XLSX) into the register, with the rules of the member
import: headers matched loosely, blank rows skipped, spreadsheet row numbers in the report;
a row without a name or a recognisable regency is rejected and reported, a wrong optional field
(e-mail, capacity, target group, owner) is left empty and reported and the rest imported;
duplicates — within the file and against the register — are merged by the Dinas Sosial
registration number, or else by the same normalised name in the same regency, filling only empty
fields; re-running the same file creates nothing new. A dry run checks and reports, writing nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import transaction
from django.utils.translation import gettext as _

from core.tables import header_key, read_table
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


def normalise_header(text) -> str:
    return header_key(text, HEADER_ALIASES)


@dataclass
class Report:
    dry_run: bool
    rows: int = 0
    created: int = 0
    merged: int = 0
    unchanged: int = 0
    rejected: int = 0
    problems: list = field(default_factory=list)

    def problem(self, row: int, column: str, message: str) -> None:
        self.problems.append({"row": row, "field": column, "message": str(message)})

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("dry_run", "rows", "created", "merged", "unchanged", "rejected", "problems")}


def _text(value, limit: int = 300) -> str:
    text = "" if value is None else re.sub(r"\s+", " ", str(value)).strip()
    return text[:limit]


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
    rows, total = read_table(handle, name, required="nama_lks", normalise=normalise_header)
    if progress is not None:
        rows = progress(rows, total)
    report = LKSImporter(dry_run=dry_run).run(rows).as_dict()
    report["file"] = name.rsplit("/", 1)[-1]
    return report
