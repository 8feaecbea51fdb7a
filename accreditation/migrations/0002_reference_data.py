"""Target groups, the accreditation instruments of Permensos 17/2012 and Permensos 8/2025, and
the BALKS member criteria of Permensos 8/2025 Pasal 22.

The six standards come from BALKS (2019); grade validity (A 5, B 3, C 2 years) from P4S (2020).
The numeric thresholds of the grade bands and the indicator texts are not published in any
source we could reach: the values below are BALKS's settings until it publishes its own, marked
as such in each instrument's source, and are changed by adding data, not code.
"""

import datetime

from django.db import migrations

TARGET_GROUPS = [
    ("anak", "Anak"), ("lanjut_usia", "Lanjut usia"), ("disabilitas", "Penyandang disabilitas"),
    ("napza", "Korban penyalahgunaan NAPZA"), ("fakir_miskin", "Fakir miskin"), ("korban_bencana", "Korban bencana"),
    ("perempuan", "Perempuan rawan sosial ekonomi"), ("keluarga", "Keluarga"), ("kat", "Komunitas adat terpencil"),
    ("tuna_sosial", "Tuna sosial dan korban perdagangan orang"),
]

STANDARDS = [
    ("1", "Program pelayanan", 15, [
        ("1.1", "Program pelayanan tertulis sesuai visi, misi, dan sasaran pelayanan", "Dokumen program tahunan"),
        ("1.2", "Program disusun berdasarkan asesmen kebutuhan penerima pelayanan", "Hasil asesmen kebutuhan"),
        ("1.3", "Program dievaluasi secara berkala", "Laporan evaluasi program"),
    ]),
    ("2", "Proses pelayanan", 25, [
        ("2.1", "Pendekatan awal, asesmen, dan rencana intervensi tiap penerima pelayanan", "Berkas kasus"),
        ("2.2", "Pelaksanaan intervensi oleh tenaga yang kompeten", "Catatan intervensi"),
        ("2.3", "Terminasi, rujukan, dan bimbingan lanjut", "Dokumen terminasi dan rujukan"),
        ("2.4", "Perlindungan dan penghormatan hak penerima pelayanan", "Kebijakan perlindungan, tata tertib"),
    ]),
    ("3", "Manajemen organisasi", 15, [
        ("3.1", "Legalitas: badan hukum, izin operasional, terdaftar di Dinas Sosial", "Akta, izin, tanda daftar"),
        ("3.2", "Struktur organisasi dan uraian tugas", "Bagan dan uraian tugas"),
        ("3.3", "Pengelolaan keuangan yang akuntabel", "Laporan keuangan"),
    ]),
    ("4", "Sumber daya manusia", 15, [
        ("4.1", "Pekerja sosial profesional dan tenaga kesejahteraan sosial yang memadai", "Daftar pegawai, sertifikat"),
        ("4.2", "Pengembangan kapasitas SDM", "Catatan pelatihan"),
        ("4.3", "Rasio pendamping dan penerima pelayanan", "Data rasio"),
    ]),
    ("5", "Sarana prasarana", 15, [
        ("5.1", "Bangunan dan ruang pelayanan yang aman dan layak", "Observasi, foto"),
        ("5.2", "Aksesibilitas bagi penyandang disabilitas", "Observasi"),
        ("5.3", "Sarana kesehatan, sanitasi, dan keselamatan", "Observasi, daftar periksa"),
    ]),
    ("6", "Hasil pelayanan", 15, [
        ("6.1", "Keberfungsian sosial penerima pelayanan meningkat", "Catatan perkembangan"),
        ("6.2", "Kepuasan penerima pelayanan dan keluarga", "Survei kepuasan"),
        ("6.3", "Penerima pelayanan yang berhasil diterminasi atau dirujuk", "Data terminasi"),
    ]),
]

INSTRUMENTS = [
    ("Instrumen Akreditasi LKS (Permensos 17/2012)", "2012.1", datetime.date(2012, 10, 12), datetime.date(2025, 6, 30),
     "Permensos Nomor 17 Tahun 2012; ambang nilai: pengaturan BALKS (tidak diatur dalam peraturan)"),
    ("Instrumen Akreditasi Lembaga di Bidang Kesejahteraan Sosial (Permensos 8/2025)", "2025.1", datetime.date(2025, 7, 1), None,
     "Permensos Nomor 8 Tahun 2025; ambang nilai: pengaturan BALKS (tidak diatur dalam peraturan)"),
]
BANDS = [("A", "86.00", 5), ("B", "71.00", 3), ("C", "56.00", 2), ("TT", "0.00", 0)]


def load(apps, schema_editor):
    TargetGroup = apps.get_model("accreditation", "TargetGroup")
    Instrument = apps.get_model("accreditation", "Instrument")
    Standard = apps.get_model("accreditation", "Standard")
    Indicator = apps.get_model("accreditation", "Indicator")
    GradeBand = apps.get_model("accreditation", "GradeBand")
    BoardMemberRule = apps.get_model("accreditation", "BoardMemberRule")
    for code, name in TARGET_GROUPS:
        TargetGroup.objects.get_or_create(code=code, defaults={"name": name})
    for name, version, start, end, source in INSTRUMENTS:
        instrument = Instrument.objects.create(name=name, version=version, valid_from=start, valid_until=end, source=source)
        for order, (code, standard_name, weight, indicators) in enumerate(STANDARDS):
            standard = Standard.objects.create(instrument=instrument, code=code, name=standard_name, weight=weight, order=order)
            for position, (indicator_code, text, evidence) in enumerate(indicators):
                Indicator.objects.create(standard=standard, code=indicator_code, text=text, evidence_guidance=evidence, order=position)
        for grade, minimum, years in BANDS:
            GradeBand.objects.create(instrument=instrument, grade=grade, min_score=minimum, validity_years=years)
    BoardMemberRule.objects.create(
        valid_from=datetime.date(2025, 7, 1), source="Permensos Nomor 8 Tahun 2025 Pasal 22", min_education="S2", max_age_at_appointment=65
    )


class Migration(migrations.Migration):
    dependencies = [("accreditation", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
