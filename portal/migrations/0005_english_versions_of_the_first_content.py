"""English versions of the first content, written beside the Indonesian (the portal shows the
Indonesian text with a notice where none exists yet). Only empty English fields are filled, so
an editor's own translation is never overwritten. The long 2010 note (registrasi-sertifikasi-
dan-lisensi) is left for the editor: its page says that it has no English version yet."""

from django.db import migrations

ARTICLES = {
    "mengenal-pilar-kpsi-ipspi": (
        "The professional organisation of social workers since 1998: member registration, member numbers and the STR.",
        """Social workers are organised in the professional organisation Independen Pekerja Sosial Profesional Indonesia (IPSPI), founded in Jakarta on 19 August 1998. IPSPI aims to improve its members' practice and welfare, to protect them, to strengthen mutual help, to oversee practice through certification, and to bring Indonesian professional social workers together in gaining recognition and competence, so that social workers are qualified, professional and accountable.

IPSPI is registered with the Directorate General of Social and Political Affairs of the Ministry of Home Affairs. Law 14 of 2019 on Social Workers became the legal basis of the profession and its practice.

IPSPI brought its legal standing in line with the rules of the Ministry of Law and Human Rights: its name, formerly Ikatan Pekerja Sosial Profesional Indonesia, became Independen Pekerja Sosial Profesional Indonesia (IPSPI), through Notary Marta Sapti R, S.H., decree AHU-6728.AH.01.07 of 2020.

In Peksos, IPSPI keeps the member register: applications through the provincial board (DPD) or directly with the national board (DPP), member numbers, dues, member cards and, since Law 14/2019, the registration certificate (STR).""",
    ),
    "mengenal-pilar-kpsi-balks": (
        "The body that assesses and determines the standing of social-welfare institutions since 2012.",
        """The Accreditation Board for Social Welfare Institutions (BALKS) assesses institutions in the field of social welfare to determine their standing and standardisation. BALKS was formally established on 12 October 2012.

Its main tasks are to set the criteria for assessors and select them, to draw up the standards of social-welfare services, to assign assessors to carry out accreditation, to draw up the indicators of assessment, and to monitor and evaluate accreditation.

BALKS sits in the national capital, is formed by and answers to the Minister of Social Affairs, and assesses institutions independently. Its results go to the Minister for determination. BALKS may propose the appointment and dismissal of assessors to the Minister.

From the results, BALKS makes recommendations to the national government, local governments and the institutions (LKS) for improvement, by six standards: service programme, service process, organisational management, human resources, facilities, and service outcomes.

Since it was founded, the membership of BALKS has changed four times, and BALKS has accredited and re-accredited some 23,000 LKS in Indonesia. Grade A is valid for 5 years, B for 3 years and C for 2 years.

Note on the rules: accreditation was first based on Minister of Social Affairs Regulation 17 of 2012; Minister of Social Affairs Regulation 8 of 2025 on the Accreditation of Institutions in the Field of Social Welfare now applies.""",
    ),
    "mengenal-pilar-kpsi-lsp": (
        "Competency testing of social workers by a body independent of the professional organisation.",
        """Certification recognises the competence of a professional social worker, obtained by passing a competency test against set competency standards. It is not done by the professional organisation but by an independent professional certification body (LSP).

Under Minister of Social Affairs Regulation 108/HUK/2009, the LSP is made up of representatives of the associations of professional social workers (4), of social-work schools (3), of social-welfare institutions (2), of the national social-welfare coordinating body (1) and of the Ministry of Social Affairs (1). Regulation 15 of 2020 adds practitioners.

Competency tests are held by level (Social Work Assistant, Generalist Social Worker, Specialist Social Worker) and by field of practice. LSPS held its first competency test in December 2012; the Ministry's LSP (LSP Kemensos RI) now also certifies (BNSP licence KEP.0594/BNSP/III/2021).

Use the "Am I eligible for certification?" check on this portal to see whether your education, practice and training hours meet the requirements, and under which rule.""",
    ),
}

FAQ = {
    "Bagaimana cara mendaftar sebagai anggota IPSPI?": "Create an account in Peksos, complete your profile (NIK, education, work experience and training, with their documents), then apply for membership through the DPD of your province or directly with the DPP. The DPD officer verifies the application; once verified you receive a member number and a digital member card (KTA) with a QR code. See the “How to register” page for documents and dues.",
    "Apakah saya sudah terdaftar?": "Search for your name or member number in the register of social workers. If you were on an older list (for example the 2010 congress participants or the Jaringan Peksos survey), your data may already be in Peksos without being a verified membership: sign in, claim the old record with your NIK and date of birth, check it, then submit it as an application (re-registration).",
    "Apakah TKSK dan PSM termasuk pekerja sosial?": "Under Law 11/2009 the social-welfare workforce consists of social-welfare workers (TKS), professional social workers, social volunteers and social extension workers. TKSK (sub-district social-welfare workers) and PKH companions are TKS; PSM (community social workers) are social volunteers. Since Law 14/2019 a social worker is a person who holds a competency certificate. TKSK and PSM may register with IPSPI and may be certified when they meet a route's requirements.",
    "Saya tidak dapat memenuhi jam pelatihan. Apa yang bisa saya lakukan?": "The requirement of 160 training hours (with 3 years of work) is the route of a social-welfare worker (diploma or vocational school graduate) under Regulation 108/HUK/2009, not the route of a professional social worker. The professional route under that regulation asked for a D4/S1 in social work or social welfare, 2 years of practice and at least 60 training hours. Newer rules also open an education route and a practitioner route counted in practice hours. Use the eligibility check to see which criteria you do not yet meet and by how much.",
    "Apakah sertifikasi wajib?": "In 2010 certification was voluntary. Since Law 14/2019 a practising social worker must hold a competency certificate and a registration certificate (STR), and a practice licence (SIPPS) from the regency or city where they practise.",
}


def add_english(apps, schema_editor):
    Article = apps.get_model("portal", "Article")
    FaqEntry = apps.get_model("portal", "FaqEntry")
    for slug, (summary, body) in ARTICLES.items():
        article = Article.objects.filter(slug=slug).first()
        if article is None:
            continue
        article.summary_en = article.summary_en or summary
        article.body_en = article.body_en or body
        article.save(update_fields=["summary_en", "body_en"])
    for question, answer in FAQ.items():
        FaqEntry.objects.filter(question_id=question, answer_en="").update(answer_en=answer)


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_members_rights_obligations_and_benefits")]
    operations = [migrations.RunPython(add_english, migrations.RunPython.noop)]
