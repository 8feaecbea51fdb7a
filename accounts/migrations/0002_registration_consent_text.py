import datetime

from django.db import migrations

BODY_ID = (
    "Dengan mendaftar, saya menyetujui bahwa Konsorsium Pekerjaan Sosial Indonesia (KPSI) melalui sistem Peksos "
    "memproses data pribadi saya (termasuk NIK, tanggal lahir, kontak, riwayat pendidikan, pekerjaan dan pelatihan, "
    "serta dokumen yang saya unggah) untuk keperluan registrasi keanggotaan IPSPI, sertifikasi kompetensi, "
    "registrasi dan izin praktik, sesuai Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi. "
    "Data spesifik (seperti surat keterangan kesehatan) hanya dibuka oleh saya dan petugas yang memutus. "
    "Register publik hanya menampilkan nama, nomor, provinsi, status, bidang dan masa berlaku — tidak pernah NIK, "
    "tanggal lahir, alamat, telepon, e-mail atau dokumen. Saya berhak mengakses, mengunduh, memperbaiki, dan "
    "meminta penghapusan data saya, serta menarik persetujuan ini; kredensial yang sudah terbit tetap dapat "
    "diverifikasi tanpa data pribadi saya."
)
BODY_EN = (
    "By registering, I agree that the Indonesian Social Work Consortium (KPSI), through the Peksos system, processes "
    "my personal data (including NIK, birth date, contacts, education, work and training history, and the documents "
    "I upload) for IPSPI membership registration, competency certification, practice registration and licensing, "
    "under Law No. 27 of 2022 on Personal Data Protection. Specific data (such as health statements) are opened only "
    "by me and the deciding officer. Public registers show only name, number, province, status, field and validity — "
    "never NIK, birth date, address, phone, e-mail or documents. I may access, download, correct and ask for erasure "
    "of my data, and withdraw this consent; credentials already issued stay verifiable without my personal data."
)


def create(apps, schema_editor):
    ConsentText = apps.get_model("accounts", "ConsentText")
    ConsentText.objects.get_or_create(
        purpose="registration",
        version="2026.1",
        defaults={"body_id": BODY_ID, "body_en": BODY_EN, "effective_from": datetime.date(2024, 10, 17)},
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
