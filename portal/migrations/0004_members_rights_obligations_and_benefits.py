"""Members' rights, obligations and benefits, published as an ordinary portal article the DPP's
content editor keeps (it is content, not code). Drawn from Tata Sudrajat's 2010 note on
registration (seed 002: registration recognises membership with a member number, members are
those registered, the board answers to them at the Kongres, registration is the basis for
certification and licensing, dues) and from the rules since (UU 14/2019: the STR comes from the
professional organisation; UU 27/2022: rights over personal data)."""

from django.db import migrations
from django.utils import timezone

SLUG = "hak-kewajiban-dan-manfaat-anggota"

BODY_ID = """Halaman ini disusun oleh DPP IPSPI dari ketentuan keanggotaan yang berlaku dan dapat diperbarui oleh editor konten. Rincian resmi hak dan kewajiban anggota ada dalam Anggaran Dasar dan Anggaran Rumah Tangga IPSPI.

Hak anggota. Tercatat dalam register IPSPI dengan nomor induk anggota: registrasi adalah pengakuan keanggotaan pada organisasi profesi. Memperoleh kartu tanda anggota (KTA) yang keabsahannya dapat diperiksa siapa pun melalui kode QR. Menggunakan registrasi sebagai dasar untuk mengurus sertifikasi kompetensi, Surat Tanda Registrasi (STR), dan izin praktik. Ikut menentukan arah organisasi: pengurus yang terpilih bertanggung jawab kepada anggota yang terdaftar melalui Kongres. Melihat, mengunduh, dan meminta perbaikan data pribadinya (UU 27/2022 tentang Pelindungan Data Pribadi).

Kewajiban anggota. Mendaftar dan menjaga data keanggotaan tetap benar dan mutakhir (keanggotaan IPSPI bersifat stelsel aktif). Membayar iuran anggota sesuai ketetapan yang berlaku (lihat halaman Cara mendaftar). Menaati Kode Etik Pekerja Sosial yang ditetapkan organisasi.

Manfaat bagi anggota. Status keanggotaan yang terverifikasi dan dapat diperiksa publik di Register pekerja sosial. Jalur yang jelas menuju sertifikasi kompetensi dan STR, yang sejak UU 14/2019 diterbitkan oleh organisasi profesi. Informasi kegiatan, pelatihan, dan pengembangan profesi dari DPP dan DPD di provinsi masing-masing."""

BODY_EN = """This page is written by the IPSPI national board (DPP) from the membership rules in force and can be updated by the content editor. The official statement of members' rights and obligations is in IPSPI's statutes and by-laws.

Members' rights. To be entered in the IPSPI register with a member number: registration is the recognition of membership of the professional organisation. To receive a member card (KTA) whose validity anyone can check through its QR code. To use registration as the basis for competency certification, the registration certificate (STR) and the practice licence. To have a say in the organisation: the elected board answers to the registered members at the Kongres. To see, download and ask for correction of their personal data (Law 27/2022 on Personal Data Protection).

Members' obligations. To register and keep their membership data correct and up to date (membership is by active registration). To pay the membership dues in force (see the How to register page). To abide by the social workers' code of ethics adopted by the organisation.

Benefits for members. A verified membership status that anyone can check in the register of social workers. A clear path to competency certification and the STR, which since Law 14/2019 is issued by the professional organisation. News of activities, training and professional development from the DPP and the DPD of their province."""


def publish(apps, schema_editor):
    Category = apps.get_model("portal", "Category")
    Article = apps.get_model("portal", "Article")
    category = Category.objects.filter(slug="registrasi-sertifikasi-lisensi").first()
    if category is None:
        return
    Article.objects.get_or_create(
        slug=SLUG,
        defaults={
            "category": category,
            "title_id": "Hak, Kewajiban, dan Manfaat Anggota IPSPI",
            "title_en": "Rights, obligations and benefits of IPSPI members",
            "summary_id": "Apa yang diperoleh dan apa yang diharapkan dari anggota IPSPI yang terdaftar.",
            "summary_en": "What a registered IPSPI member receives and what is expected of them.",
            "body_id": BODY_ID,
            "body_en": BODY_EN,
            "status": "published",
            "published_at": timezone.now(),
        },
    )


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_dpd_contact_office_hours_and_chair")]
    operations = [migrations.RunPython(publish, migrations.RunPython.noop)]
