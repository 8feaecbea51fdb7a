"""Reference data: eligibility rule sets and board composition rules.

* Permensos 108/HUK/2009 — the seeds' regime: a D4/S1 (sarjana) in social work or social welfare,
  2 years of practice and 60 hours of training, all three required. In law it was amended by
  08/HUK/2011 and replaced by Permensos 16/2012, 03/2015, 17/2015 and 15/2020;
  Peksos applies the seeds' regime to dates before 2019 and the current routes after.
* Education route (from 2019): social-work graduates with 900 hours of supervised practice
  (≈ 24 SKS of practicum) — LSP Kemensos uji kompetensi jalur pendidikan.
* Practitioner route (from 2019): social-work graduates with 1,344 hours of practice.
* TKS category (UU 11/2009; Permensos 108/HUK/2009): diploma/SMK, 3 years of work, 160 hours
  of training — used only to answer the self-check's category, never to certify.

Where practice hours are asked but only months are known, months count as 45 hours each (the
conversion implied by "1,000 work hours ≈ 22 months" for PKH companions). The
certificate validity is not published: 36 months is the LSP's setting until it enters its own,
editable as data.
"""

import datetime

from django.db import migrations

SOCIAL_FIELDS = ["pekerjaan_sosial", "kesejahteraan_sosial"]
SARJANA = ["D4", "S1", "S2", "S3", "profesi"]

RULE_SETS = [
    {
        "code": "permensos-108-huk-2009",
        "name": "Permensos 108/HUK/2009 — Pekerja Sosial Profesional",
        "purpose": "certification",
        "order": 10,
        "valid_from": datetime.date(2009, 1, 1),
        "valid_until": datetime.date(2018, 12, 31),
        "source": "Peraturan Menteri Sosial Nomor 108/HUK/2009 tentang Sertifikasi bagi Pekerja Sosial Profesional dan Tenaga Kesejahteraan Sosial",
        "source_url": "https://news.republika.co.id/berita/151444/pekerja-sosial-profesional-diisyaratkan-harus-sarjana",
        "description": "Sarjana (D4/S1) pekerjaan sosial/kesejahteraan sosial, pengalaman praktik minimal 2 tahun, pelatihan minimal 60 jam. Diterapkan untuk tanggal sebelum 2019.",
        "certificate_validity_months": 36,
        "criteria": [
            {"code": "pendidikan", "kind": "education", "levels": SARJANA, "study_fields": SOCIAL_FIELDS, "article": "persyaratan Pekerja Sosial Profesional: sarjana", "order": 1},
            {"code": "praktik", "kind": "practice_months", "minimum": 24, "article": "pengalaman praktik minimal 2 tahun", "order": 2},
            {"code": "pelatihan", "kind": "training_hours", "minimum": 60, "article": "pelatihan pekerjaan sosial minimal 60 jam", "order": 3},
        ],
    },
    {
        "code": "jalur-pendidikan-2019",
        "name": "Jalur pendidikan — 900 jam praktik",
        "purpose": "certification",
        "order": 20,
        "valid_from": datetime.date(2019, 1, 1),
        "valid_until": None,
        "source": "UU 14/2019 tentang Pekerja Sosial Pasal 1 dan 27; uji kompetensi LSP Kemensos jalur pendidikan",
        "source_url": "https://dakwah.uin-suka.ac.id/id/berita/detail/1243/blog-post.html",
        "description": "Lulusan (atau mahasiswa tingkat akhir) pekerjaan sosial/kesejahteraan sosial dengan 900 jam praktik (≈ 24 SKS).",
        "certificate_validity_months": 36,
        "criteria": [
            {"code": "pendidikan", "kind": "education", "levels": SARJANA, "study_fields": SOCIAL_FIELDS, "article": "lulusan pendidikan pekerjaan sosial", "order": 1},
            {"code": "jam-praktik", "kind": "practice_hours", "minimum": 900, "hours_per_month": 45, "article": "900 jam praktik (≈ 24 SKS)", "order": 2},
        ],
    },
    {
        "code": "jalur-praktisi-2019",
        "name": "Jalur praktisi — 1.344 jam praktik",
        "purpose": "certification",
        "order": 30,
        "valid_from": datetime.date(2019, 1, 1),
        "valid_until": None,
        "source": "Permensos 03/2015 jo. 15/2020 tentang Sertifikasi Pekerja Sosial Profesional; uji kompetensi jalur praktisi",
        "source_url": "https://ppkhlampungtimur.blogspot.com/2018/07/urgensi-sertifikasi-pekerja-sosial.html",
        "description": "Praktisi berlatar pendidikan pekerjaan sosial/kesejahteraan sosial dengan 1.344 jam praktik.",
        "certificate_validity_months": 36,
        "criteria": [
            {"code": "pendidikan", "kind": "education", "levels": SARJANA, "study_fields": SOCIAL_FIELDS, "article": "berlatar pendidikan pekerjaan sosial", "order": 1},
            {"code": "jam-praktik", "kind": "practice_hours", "minimum": 1344, "hours_per_month": 45, "article": "1.344 jam praktik", "order": 2},
        ],
    },
    {
        "code": "tks-108-huk-2009",
        "name": "Tenaga Kesejahteraan Sosial — diploma/SMK, 3 tahun, 160 jam",
        "purpose": "category_tks",
        "order": 10,
        "valid_from": datetime.date(2009, 1, 1),
        "valid_until": None,
        "source": "UU 11/2009 tentang Kesejahteraan Sosial Pasal 33; Permensos 108/HUK/2009 (Tenaga Kesejahteraan Sosial)",
        "source_url": "https://news.republika.co.id/berita/151444/pekerja-sosial-profesional-diisyaratkan-harus-sarjana",
        "description": "Pendidikan minimal SMK/diploma, pengalaman kerja 3 tahun, pelatihan 160 jam.",
        "certificate_validity_months": None,
        "criteria": [
            {"code": "pendidikan", "kind": "education", "levels": ["SMA", "D3", "D4", "S1", "S2", "S3", "profesi"], "study_fields": [], "article": "pendidikan minimal SMK/diploma", "order": 1},
            {"code": "pengalaman", "kind": "practice_months", "minimum": 36, "article": "pengalaman kerja 3 tahun", "order": 2},
            {"code": "pelatihan", "kind": "training_hours", "minimum": 160, "article": "pelatihan 160 jam", "order": 3},
        ],
    },
]

COMPOSITION = [
    {
        "name": "Permensos 108/HUK/2009 — 11 anggota",
        "valid_from": datetime.date(2009, 1, 1),
        "valid_until": datetime.date(2020, 12, 31),
        "source": "Permensos 108/HUK/2009 (keanggotaan LSPS: organisasi profesi 4, asosiasi pendidikan 3, asosiasi LKS 2, badan koordinasi 1, Kementerian Sosial 1)",
        "seats": {"professional_association": 4, "education_association": 3, "lks_association": 2, "coordinating_body": 1, "ministry": 1},
    },
    {
        "name": "Permensos 15/2020 — dengan unsur praktisi",
        "valid_from": datetime.date(2021, 1, 1),
        "valid_until": None,
        "source": "Permensos 15/2020 tentang Perubahan Kedua atas Permensos 03/2015 (menambah unsur praktisi)",
        "source_url": "https://id.scribd.com/document/681303673/Permensos-Nomor-15-Tahun-2020",
        "seats": {"professional_association": 4, "education_association": 3, "lks_association": 2, "coordinating_body": 1, "ministry": 1, "practitioner": 1},
    },
]


def seed(apps, schema_editor):
    RuleSet = apps.get_model("certification", "EligibilityRuleSet")
    Criterion = apps.get_model("certification", "EligibilityCriterion")
    Rule = apps.get_model("certification", "BoardCompositionRule")
    Requirement = apps.get_model("certification", "CompositionRequirement")
    for data in RULE_SETS:
        data = dict(data)
        criteria = data.pop("criteria")
        rule_set, _created = RuleSet.objects.update_or_create(code=data.pop("code"), defaults=data)
        for criterion in criteria:
            criterion = dict(criterion)
            Criterion.objects.update_or_create(rule_set=rule_set, code=criterion.pop("code"), defaults=criterion)
    for data in COMPOSITION:
        data = dict(data)
        seats = data.pop("seats")
        rule, _created = Rule.objects.update_or_create(name=data.pop("name"), defaults=data)
        for constituency, count in seats.items():
            Requirement.objects.update_or_create(rule=rule, constituency=constituency, defaults={"seats": count})


class Migration(migrations.Migration):
    dependencies = [("certification", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
