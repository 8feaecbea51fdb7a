"""Competency certificates issued before Peksos (by LSPS, LSPSI, LSP Kemensos RI), brought in from
the certifiers' lists: `import_credentials FILE --kind certificate --source NAME`.

Columns: nomor_sertifikat, nomor_anggota, nik, skema, jenjang, bidang_praktik, penerbit,
tanggal_terbit, berlaku_sampai, status. Each row becomes a certificate with its signed credential,
the same as one Peksos issues; a certificate number already in the register for the same holder
reads "unchanged", for another holder it is a reported problem.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from accounts import policy
from core.dates import register_day
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
from credentials.importing import ImportBatch
from credentials.models import Credential
from registry.holders import Holders
from registry.models import normalise_name as normalise_text

from . import services
from .models import LSP, Certificate, EligibilityRuleSet, Level, PracticeField, Scheme

COLUMNS = (
    "nomor_sertifikat",
    "nomor_anggota",
    "nik",
    "skema",
    "jenjang",
    "bidang_praktik",
    "penerbit",
    "tanggal_terbit",
    "berlaku_sampai",
    "status",
)
ALIASES = {
    "no_sertifikat": "nomor_sertifikat",
    "nomor_sertifikat_kompetensi": "nomor_sertifikat",
    "sertifikat": "nomor_sertifikat",
    "no_anggota": "nomor_anggota",
    "nomor_kta": "nomor_anggota",
    "no_kta": "nomor_anggota",
    "no_nik": "nik",
    "skema_sertifikasi": "skema",
    "level": "jenjang",
    "bidang": "bidang_praktik",
    "lsp": "penerbit",
    "lembaga_sertifikasi": "penerbit",
    "tgl_terbit": "tanggal_terbit",
    "tanggal_sertifikat": "tanggal_terbit",
    "berlaku_hingga": "berlaku_sampai",
    "masa_berlaku": "berlaku_sampai",
    "tgl_berlaku": "berlaku_sampai",
}
LEVEL_WORDS = {
    "aps": Level.ASISTEN,
    "asisten": Level.ASISTEN,
    "asisten pekerja sosial": Level.ASISTEN,
    "psg": Level.GENERALIS,
    "generalis": Level.GENERALIS,
    "pekerja sosial generalis": Level.GENERALIS,
    "pss": Level.SPESIALIS,
    "spesialis": Level.SPESIALIS,
    "pekerja sosial spesialis": Level.SPESIALIS,
}
FIELD_WORDS = {
    **{value.replace("_", " "): value for value in PracticeField.values},
    "lansia": PracticeField.LANJUT_USIA,
    "penyandang disabilitas": PracticeField.DISABILITAS,
    "korban napza": PracticeField.NAPZA,
    "medis": PracticeField.KESEHATAN,
    "kesehatan dan medis": PracticeField.KESEHATAN,
    "penanggulangan bencana": PracticeField.BENCANA,
    "masyarakat": PracticeField.KOMUNITAS,
}


def _key(value) -> str:
    return normalise_text(cell_text(value))


class CertificateImporter(RecordImporter):
    required = "nomor_sertifikat"
    aliases = ALIASES
    row_savepoints = False  # a row reads; its records are written by flush

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.today = register_day()
        self.lsps = list(LSP.objects.all())
        self.schemes = list(Scheme.objects.select_related("lsp"))
        self.rule_sets = list(EligibilityRuleSet.objects.filter(purpose=EligibilityRuleSet.Purpose.CERTIFICATION))
        self.holders = Holders()
        self.batch = ImportBatch(actor=self.actor, source=self.source)
        self.numbers: dict[str, int] = {}  # certificate number -> its holder, for this chunk's numbers
        self._lsp_of: dict[str, LSP | None] = {}
        self._scheme_of: dict[tuple, Scheme] = {}
        self._claims_of: dict[tuple, dict] = {}

    def prepare(self, batch) -> None:
        rows = [raw for _number, raw in batch]
        self.holders.load(rows)
        wanted = {cell_text(raw.get("nomor_sertifikat"), 40) for raw in rows} - {""}
        self.numbers = dict(Certificate.objects.filter(number__in=wanted).values_list("number", "person_id"))

    def flush(self) -> None:
        self.batch.write()

    def _lsp(self, penerbit: str) -> LSP | None:
        # A list names a handful of certifiers and schemes over and over: each is matched once.
        if penerbit not in self._lsp_of:
            self._lsp_of[penerbit] = self._match_lsp(penerbit)
        return self._lsp_of[penerbit]

    def _match_lsp(self, penerbit: str) -> LSP | None:
        key = normalise_text(penerbit)
        compact = key.replace(" ", "")
        for lsp in self.lsps:
            if key in (normalise_text(lsp.code), normalise_text(lsp.name)) or compact == normalise_text(lsp.code).replace(
                " ", ""
            ):
                return lsp
        return None

    def _scheme(self, text: str, lsp: LSP | None, level: str | None) -> Scheme:
        asked = (text, lsp.pk if lsp else None, level)
        if asked not in self._scheme_of:
            self._scheme_of[asked] = self._match_scheme(text, lsp, level)
        return self._scheme_of[asked]

    def _match_scheme(self, text: str, lsp: LSP | None, level: str | None) -> Scheme:
        key = normalise_text(text)
        found = [s for s in self.schemes if key and key in (normalise_text(s.code), normalise_text(s.title))]
        if level:
            found = [s for s in found if s.level == level] or found
        if lsp is not None:
            found = [s for s in found if s.lsp_id == lsp.pk] or found
        if not found:
            raise RowRejected("skema", _("Scheme “%(value)s” is not known in Peksos.") % {"value": text or "—"})
        return found[0]

    def _rule_set(self, on):
        in_force = [r for r in self.rule_sets if r.is_in_force(on)]
        return max(in_force, key=lambda r: r.certificate_validity_months or 0, default=None)

    def import_row(self, number: int, raw: dict) -> str:
        cert_number = cell_text(raw.get("nomor_sertifikat"), 40)
        if not cert_number:
            raise RowRejected("nomor_sertifikat", _("The certificate number is empty."))
        person = self.holders.find(raw.get("nomor_anggota"), raw.get("nik"))
        if cert_number in self.numbers:
            if self.numbers[cert_number] != person.pk:
                raise RowRejected(
                    "nomor_sertifikat",
                    _("Certificate number %(number)s is already held by another person.") % {"number": cert_number},
                )
            return "unchanged"
        penerbit = cell_text(raw.get("penerbit"), 200)
        lsp = self._lsp(penerbit) if penerbit else None
        level = None
        if _key(raw.get("jenjang")):
            level = LEVEL_WORDS.get(_key(raw.get("jenjang")))
            if level is None:
                raise RowRejected(
                    "jenjang",
                    _("Level “%(value)s” is not known; write APS, PSG or PSS.") % {"value": cell_text(raw.get("jenjang"), 40)},
                )
        scheme = self._scheme(cell_text(raw.get("skema"), 200), lsp, level)
        field = scheme.practice_field
        if _key(raw.get("bidang_praktik")):
            field = FIELD_WORDS.get(_key(raw.get("bidang_praktik")))
            if field is None:
                raise RowRejected(
                    "bidang_praktik",
                    _("Field of practice “%(value)s” is not known.") % {"value": cell_text(raw.get("bidang_praktik"), 60)},
                )
        lsp = lsp or scheme.lsp
        if getattr(self.actor, "is_authenticated", False) and not policy.allows(
            self.actor, "certification.manage_certificate", lsp
        ):
            # From the staff page an LSP officer loads their own LSP's certificates only.
            raise RowRejected("penerbit", _("You act for another LSP; this certificate belongs to %(lsp)s.") % {"lsp": lsp.name})
        issued_on = cell_date_of(raw, "tanggal_terbit", required=True)
        if issued_on > self.today:
            raise RowRejected("tanggal_terbit", _("The issue date %(date)s is in the future.") % {"date": issued_on.isoformat()})
        valid_until = cell_date_of(raw, "berlaku_sampai")
        check_period(issued_on, valid_until, "berlaku_sampai")
        rule_set = self._rule_set(issued_on)
        allowed = rule_set.certificate_valid_until(issued_on) if rule_set else None
        if valid_until is None:
            valid_until = allowed
        else:
            flag_validity(self.report, number, "berlaku_sampai", valid_until, allowed, rule_set)
        status = derived_status(cell_status(raw.get("status")), valid_until, self.today)
        certificate = Certificate(
            number=cert_number,
            person=person,
            lsp=lsp,
            certifier_name=penerbit,
            scheme=scheme,
            level=level or scheme.level,
            practice_field=field,
            rule_set=rule_set,
            issued_on=issued_on,
            valid_until=valid_until,
            status=status,
        )
        if status != Certificate.Status.VALID:
            certificate.status_category = {
                "suspended": Credential.StatusCategory.SUSPENDED_TEMPORARILY,
                "revoked": Credential.StatusCategory.OTHER,
                "expired": Credential.StatusCategory.VALIDITY_ENDED,
            }[status]
            certificate.status_reason = self.change_reason
        # The claims depend on these alone; reading them once per combination spares the labels'
        # translation on every row.
        combination = (scheme.pk, certificate.level, field, lsp.pk, person.province_id)
        if combination not in self._claims_of:
            self._claims_of[combination] = services._claims(certificate)
        claims = dict(self._claims_of[combination])
        if penerbit:
            claims["certifier"] = penerbit
        self.batch.add(
            certificate,
            {
                "kind": Credential.Kind.CERTIFICATE,
                "holder": person,
                "number": certificate.number,
                "holder_name": person.full_name,
                "issuer_name": penerbit or lsp.name,
                "valid_from": issued_on,
                "valid_until": valid_until,
                "claims": claims,
                "status": status,
            },
        )
        self.numbers[cert_number] = person.pk
        return "created"


def import_certificates(handle, name: str, *, source: str, dry_run: bool = False, actor=None, progress=None) -> dict:
    return CertificateImporter(source=source, dry_run=dry_run, actor=actor).import_file(handle, name, progress=progress)
