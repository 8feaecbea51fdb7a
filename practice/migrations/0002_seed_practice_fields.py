"""The first list of practice fields (Seed 002: members gather by similar practice "untuk dapat
memudahkan melakukan pemetaan dan standarisasi praktek"). The DPP keeps the list from here:
fields are added, changed or retired on its page, never by code."""

from django.db import migrations

SOURCE = "Daftar awal bidang praktik, ditetapkan oleh DPP IPSPI (pemetaan praktik sejenis)"

# code, Indonesian name, English name, certification field ("" = no scheme names it), keywords
FIELDS = [
    ("anak", "Anak", "Children", "anak", "anak, perlindungan anak, panti asuhan, lksa, child, children, anak jalanan"),
    ("lanjut-usia", "Lanjut usia", "Older people", "lanjut_usia", "lansia, lanjut usia, werdha, wredha, elderly, older people"),
    ("disabilitas", "Disabilitas", "Disability", "disabilitas", "disabilitas, difabel, penyandang disabilitas, tunanetra, tunarungu, disability"),
    (
        "rehabilitasi-napza",
        "Rehabilitasi sosial (NAPZA)",
        "Social rehabilitation (drug use, NAPZA)",
        "napza",
        "napza, narkoba, narkotika, adiksi, ipwl, rehabilitasi sosial, drug, addiction",
    ),
    (
        "koreksional",
        "Koreksional / peradilan anak",
        "Correctional / juvenile justice",
        "koreksional",
        "koreksional, bapas, lapas, lpka, pemasyarakatan, peradilan, abh, berhadapan dengan hukum, correctional",
    ),
    ("bencana", "Bencana", "Disasters", "bencana", "bencana, tagana, pengungsi, disaster, kebencanaan"),
    (
        "kesehatan",
        "Kesehatan / medis",
        "Health / medical",
        "kesehatan",
        "kesehatan, medis, rumah sakit, rsud, puskesmas, klinik, hospital, medical, hiv",
    ),
    ("sekolah", "Sekolah", "School", "", "sekolah, madrasah, school"),
    (
        "komunitas",
        "Komunitas",
        "Community",
        "komunitas",
        "komunitas, masyarakat, pengembangan masyarakat, pendamping desa, community",
    ),
    ("kebijakan-sosial", "Kebijakan sosial", "Social policy", "", "kebijakan, kebijakan sosial, perencanaan sosial, policy"),
    ("keluarga", "Keluarga", "Families", "keluarga", "keluarga, family, konseling keluarga, pkh"),
    (
        "perempuan-perlindungan",
        "Perempuan dan perlindungan",
        "Women and protection",
        "",
        "perempuan, kdrt, kekerasan, p2tp2a, uptd ppa, perdagangan orang, trafficking, women",
    ),
    (
        "kemiskinan-pemberdayaan",
        "Kemiskinan / pemberdayaan",
        "Poverty / empowerment",
        "",
        "kemiskinan, fakir miskin, pemberdayaan, tksk, kube, pkh, poverty, empowerment",
    ),
    ("industri", "Industri / tempat kerja", "Industry / workplace", "industri", "industri, perusahaan, csr, tempat kerja, industry, workplace"),
    (
        "tuna-sosial",
        "Tuna sosial (gelandangan, pengemis)",
        "Homelessness and begging",
        "",
        "gelandangan, pengemis, tunawisma, tuna sosial, homeless",
    ),
    ("pekerja-migran", "Pekerja migran", "Migrant workers", "", "pekerja migran, migran, tki, pmi, migrant"),
    ("praktik-umum", "Praktik umum (generalis)", "General practice (generalist)", "umum", "generalis, generalist"),
]


def seed(apps, schema_editor):
    PracticeField = apps.get_model("practice", "PracticeField")
    for order, (code, name_id, name_en, scheme_field, keywords) in enumerate(FIELDS, start=1):
        PracticeField.objects.get_or_create(
            code=code,
            defaults={
                "name_id": name_id,
                "name_en": name_en,
                "scheme_field": scheme_field,
                "keywords": keywords,
                "order": order * 10,
                "source": SOURCE,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("practice", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
