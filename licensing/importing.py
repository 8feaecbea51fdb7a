"""STRs and practice licences issued before Peksos, brought in from the DPP's and the licensing
authorities' lists: `import_credentials FILE --kind str|licence --source NAME`.

STR columns: nomor_str, nomor_anggota, nik, tanggal_terbit, berlaku_sampai, status.
Licence columns: nomor_izin, nomor_anggota, nik, penerbit (a kabupaten/kota code or name for a
SIPPS; KEMENSOS for a licence of the 2009 route), tempat_praktik, tanggal_terbit, berlaku_sampai,
status.

Each row becomes the record with its signed credential, the same as one Peksos issues, but with
no application (it was applied for outside Peksos; the history names the source). An imported STR
rests on the holder's competency certificate when the register holds one issued by then.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from accounts import policy
from certification.models import Certificate
from core.dates import period_end, register_day
from core.importing import (
    RecordImporter,
    RowRejected,
    cell_date_of,
    cell_status,
    cell_text,
    check_period,
    derived_status,
    flag_validity,
)
from credentials.importing import IMPORTED_CATEGORY, ImportBatch
from credentials.models import Credential
from regions import lookup
from regions.models import Regency
from registry.holders import Holders

from .models import Licence, LicensingAuthority, LicensingRuleSet, Str
from .services import IPSPI

STR_COLUMNS = ("nomor_str", "nomor_anggota", "nik", "tanggal_terbit", "berlaku_sampai", "status")
LICENCE_COLUMNS = (
    "nomor_izin",
    "nomor_anggota",
    "nik",
    "penerbit",
    "tempat_praktik",
    "tanggal_terbit",
    "berlaku_sampai",
    "status",
)
ALIASES = {
    "no_str": "nomor_str",
    "str": "nomor_str",
    "no_izin": "nomor_izin",
    "nomor_sipps": "nomor_izin",
    "no_sipps": "nomor_izin",
    "sipps": "nomor_izin",
    "no_anggota": "nomor_anggota",
    "nomor_kta": "nomor_anggota",
    "no_kta": "nomor_anggota",
    "no_nik": "nik",
    "tempat": "tempat_praktik",
    "lokasi_praktik": "tempat_praktik",
    "tgl_terbit": "tanggal_terbit",
    "berlaku_hingga": "berlaku_sampai",
    "masa_berlaku": "berlaku_sampai",
    "pemberi_izin": "penerbit",
}
NATIONAL_WORDS = {
    "kemensos",
    "kemensos ri",
    "kementerian sosial",
    "kementerian sosial ri",
    "kementerian sosial republik indonesia",
}


class _Importer(RecordImporter):
    model: type = Str
    number_column = ""
    validity_field = ""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.today = register_day()
        self.rule_sets = list(LicensingRuleSet.objects.all())
        self.holders = Holders()
        self.batch = ImportBatch(actor=self.actor, source=self.source)
        self.numbers: dict[str, int] = {}  # number -> its holder, for this chunk's numbers

    def prepare(self, batch) -> None:
        rows = [raw for _number, raw in batch]
        self.holders.load(rows)
        wanted = {cell_text(raw.get(self.number_column), 40) for raw in rows} - {""}
        self.numbers = dict(self.model.objects.filter(number__in=wanted).values_list("number", "person_id"))

    def flush(self) -> None:
        self.batch.write()

    def _rule_set(self, on: datetime.date) -> LicensingRuleSet | None:
        return max((r for r in self.rule_sets if r.is_in_force(on)), key=lambda r: r.valid_from, default=None)

    def _common(self, raw: dict):
        """(number, person, valid_from, valid_until, status, rule set), or None when the number is
        already this person's (a re-run)."""
        number = cell_text(raw.get(self.number_column), 40)
        if not number:
            raise RowRejected(self.number_column, _("The number is empty."))
        person = self.holders.find(raw.get("nomor_anggota"), raw.get("nik"))
        if number in self.numbers:
            if self.numbers[number] != person.pk:
                raise RowRejected(
                    self.number_column, _("Number %(number)s is already held by another person.") % {"number": number}
                )
            return None
        valid_from = cell_date_of(raw, "tanggal_terbit", required=True)
        if valid_from > self.today:
            raise RowRejected("tanggal_terbit", _("The issue date %(date)s is in the future.") % {"date": valid_from.isoformat()})
        valid_until = cell_date_of(raw, "berlaku_sampai")
        check_period(valid_from, valid_until, "berlaku_sampai")
        rule_set = self._rule_set(valid_from)
        allowed = None
        if rule_set is not None:
            allowed = period_end(valid_from, years=getattr(rule_set, self.validity_field))
        if valid_until is None:
            if allowed is None:
                raise RowRejected("berlaku_sampai", _("No rule in force on the issue date gives the validity: fill it in."))
            valid_until = allowed
        else:
            flag_validity(self.report, self._row, "berlaku_sampai", valid_until, allowed, rule_set)
        status = derived_status(cell_status(raw.get("status")), valid_until, self.today)
        return number, person, valid_from, valid_until, status, rule_set

    def _set_status(self, record, status: str) -> None:
        record.status = status
        if status != Credential.Status.VALID:
            record.status_category = IMPORTED_CATEGORY[status]
            record.status_reason = self.change_reason

    def _add(self, record, credential: dict) -> str:
        """The row's last step: the record and its credential are written with the chunk's."""
        self.batch.add(record, credential)
        self.numbers[record.number] = record.person_id
        return "created"

    def import_row(self, number: int, raw: dict) -> str:
        self._row = number
        common = self._common(raw)
        if common is None:
            return "unchanged"
        return self.create(raw, *common)


class StrImporter(_Importer):
    required = "nomor_str"
    aliases = ALIASES
    row_savepoints = False  # a row reads; its records are written by flush
    model = Str
    number_column = "nomor_str"
    validity_field = "str_validity_years"

    def prepare(self, batch) -> None:
        super().prepare(batch)
        people = {p.pk for p in self.holders.by_number.values()} | {p.pk for p in self.holders.by_nik.values()}
        self.certificates: dict[int, list[Certificate]] = {}
        for certificate in Certificate.objects.filter(person__in=people).order_by("-issued_on"):
            self.certificates.setdefault(certificate.person_id, []).append(certificate)

    def create(self, raw, number, person, valid_from, valid_until, status, rule_set) -> str:
        certificate = next((c for c in self.certificates.get(person.pk, ()) if c.issued_on <= valid_from), None)
        record = Str(number=number, person=person, certificate=certificate, valid_from=valid_from, valid_until=valid_until)
        self._set_status(record, status)
        claims = {}
        if certificate is not None:
            claims["certificate"] = certificate.number
        if rule_set is not None:
            claims["rule"] = rule_set.source[:120]
        return self._add(
            record,
            {
                "kind": Credential.Kind.STR,
                "holder": person,
                "number": number,
                "holder_name": person.full_name,
                "issuer_name": IPSPI,
                "valid_from": valid_from,
                "valid_until": valid_until,
                "claims": claims,
                "status": status,
            },
        )


class LicenceImporter(_Importer):
    required = "nomor_izin"
    aliases = ALIASES
    model = Licence
    number_column = "nomor_izin"
    validity_field = "licence_validity_years"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.authorities: dict[str, LicensingAuthority] = {}

    def _authority(self, text: str) -> LicensingAuthority:
        key = " ".join(text.lower().replace(".", " ").split())
        if key not in self.authorities:
            self.authorities[key] = self._find_authority(text, key)
        return self.authorities[key]

    def _find_authority(self, text: str, key: str) -> LicensingAuthority:
        if key in NATIONAL_WORDS:
            found = LicensingAuthority.objects.filter(level=LicensingAuthority.Level.NATIONAL).first()
            if found:
                return found
        digits = "".join(ch for ch in text if ch.isdigit())
        regency = None
        if len(digits) == 4 and digits == text.replace(".", "").strip():
            regency = Regency.objects.filter(code=f"{digits[:2]}.{digits[2:]}").first()
        regency = regency or Regency.objects.filter(code=text.strip()).first() or lookup.regency_from_list(text)
        if regency is None:
            raise RowRejected(
                "penerbit",
                _("“%(value)s” is neither KEMENSOS nor a kabupaten/kota (write its code, e.g. 32.73, or its name).")
                % {"value": text[:60]},
            )
        authority, _created = LicensingAuthority.objects.get_or_create(
            regency=regency, defaults={"name": f"Pemerintah {regency.name}", "level": LicensingAuthority.Level.REGENCY}
        )
        return authority

    def create(self, raw, number, person, valid_from, valid_until, status, rule_set) -> str:
        penerbit = cell_text(raw.get("penerbit"), 200)
        if not penerbit:
            raise RowRejected("penerbit", _("Name who granted the licence: KEMENSOS or the kabupaten/kota."))
        authority = self._authority(penerbit)
        if getattr(self.actor, "is_authenticated", False) and not policy.allows(
            self.actor, "licensing.manage_licence", authority
        ):
            # From the staff page a licensing officer loads their own authority's licences only.
            raise RowRejected(
                "penerbit",
                _("You act for another authority; this licence was granted by %(authority)s.") % {"authority": authority.name},
            )
        record = Licence(
            number=number,
            person=person,
            authority=authority,
            decree_number=number,
            decree_date=valid_from,
            practice_place=cell_text(raw.get("tempat_praktik"), 200),
            valid_from=valid_from,
            valid_until=valid_until,
        )
        self._set_status(record, status)
        claims = {"regency": authority.regency.name} if authority.regency_id else {}
        return self._add(
            record,
            {
                "kind": Credential.Kind.LICENCE,
                "holder": person,
                "number": number,
                "holder_name": person.full_name,
                "issuer_name": authority.name,
                "valid_from": valid_from,
                "valid_until": valid_until,
                "claims": claims,
                "status": status,
            },
        )


def import_strs(handle, name: str, *, source: str, dry_run: bool = False, actor=None, progress=None) -> dict:
    return StrImporter(source=source, dry_run=dry_run, actor=actor).import_file(handle, name, progress=progress)


def import_licences(handle, name: str, *, source: str, dry_run: bool = False, actor=None, progress=None) -> dict:
    return LicenceImporter(source=source, dry_run=dry_run, actor=actor).import_file(handle, name, progress=progress)
