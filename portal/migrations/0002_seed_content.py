"""The portal's first content, from the two source texts Peksos was described from — the KPSI pillar articles
and Tata Sudrajat's 2010 note on registration, certification and licensing — with notes on the
rules that changed since."""

from django.db import migrations
from django.utils import timezone

CATEGORIES = [
    ("mengenal-pilar-kpsi", "Mengenal Pilar KPSI", "Getting to know the KPSI pillars", 1),
    ("registrasi-sertifikasi-lisensi", "Registrasi, Sertifikasi, dan Lisensi", "Registration, certification and licensing", 2),
]

IPSPI = """Pekerja sosial tergabung dalam organisasi profesi Independen Pekerja Sosial Profesional Indonesia (IPSPI) yang dibentuk di Jakarta pada tanggal 19 Agustus 1998. IPSPI bertujuan meningkatkan praktik anggota, meningkatkan kesejahteraan, memberikan perlindungan, meningkatkan kegotongroyongan, mengawasi melalui sertifikasi, serta mewadahi Pekerja Sosial Profesional Indonesia dalam meningkatkan pengakuan dan kompetensi praktik agar terwujud pekerja sosial yang berkualitas, profesional, dan akuntabel.

IPSPI telah terdaftar pada Direktorat Jenderal Sosial Politik Departemen Dalam Negeri Republik Indonesia. Seiring perkembangan pekerja sosial di Indonesia, disahkannya Undang-Undang Nomor 14 Tahun 2019 tentang Pekerja Sosial menjadi landasan legalitas profesi dan praktik.

IPSPI menyesuaikan perizinannya sesuai ketentuan Kementerian Hukum dan HAM: nama yang semula Ikatan Pekerja Sosial Profesional Indonesia berubah menjadi Independen Pekerja Sosial Profesional Indonesia (IPSPI), melalui Notaris Marta Sapti R, S.H., SK KUMHAM AHU-6728.AH.01.07 Tahun 2020.

Di Peksos, IPSPI mengelola registrasi anggota: pendaftaran melalui Dewan Pengurus Daerah (DPD) provinsi atau langsung ke Dewan Pengurus Pusat (DPP), nomor induk anggota, iuran, kartu tanda anggota, dan — sejak UU 14/2019 — Surat Tanda Registrasi (STR)."""

BALKS = """Badan Akreditasi Lembaga Kesejahteraan Sosial (BALKS) adalah lembaga yang melakukan penilaian untuk menetapkan tingkat kelayakan dan standardisasi lembaga di bidang kesejahteraan sosial. BALKS resmi berdiri pada tanggal 12 Oktober 2012.

Tugas utama BALKS adalah menyusun dan menetapkan kriteria asesor, melaksanakan seleksi asesor, menyusun standar penyelenggaraan kesejahteraan sosial, menugaskan asesor untuk melaksanakan akreditasi, menyusun indikator unsur penilaian, serta memantau dan mengevaluasi pelaksanaan akreditasi.

BALKS berkedudukan di ibu kota negara, dibentuk oleh dan bertanggung jawab kepada Menteri Sosial, dan melaksanakan penilaian terhadap lembaga di bidang kesejahteraan sosial secara independen. Hasil penilaian disampaikan kepada Menteri Sosial untuk ditetapkan. BALKS berwenang mengusulkan pengangkatan dan pemberhentian asesor kepada Menteri Sosial.

Berdasarkan hasil akreditasi, BALKS memberikan rekomendasi kepada Pemerintah, pemerintah daerah, dan Lembaga Kesejahteraan Sosial (LKS) untuk perbaikan sesuai hasil penilaian yang merujuk pada enam standar penilaian: program pelayanan, proses pelayanan, manajemen organisasi, sumber daya manusia, sarana prasarana, dan hasil pelayanan.

Sejak berdiri, keanggotaan BALKS telah berganti empat kali, dan BALKS telah melakukan akreditasi dan reakreditasi terhadap sekitar 23.000 LKS di Indonesia. Peringkat akreditasi A berlaku 5 tahun, B 3 tahun, dan C 2 tahun.

Catatan perubahan aturan: dasar hukum akreditasi semula Permensos Nomor 17 Tahun 2012; kini berlaku Peraturan Menteri Sosial Nomor 8 Tahun 2025 tentang Akreditasi Lembaga di Bidang Kesejahteraan Sosial."""

LSP = """Sertifikasi adalah pengakuan terhadap kompetensi pekerja sosial profesional yang diperoleh setelah lulus uji kompetensi berdasarkan standar kompetensi yang ditetapkan. Sertifikasi tidak dilakukan oleh organisasi profesi, melainkan oleh Lembaga Sertifikasi Profesi (LSP) yang independen.

Menurut Permensos Nomor 108/HUK/2009, LSP beranggotakan wakil asosiasi pekerja sosial profesional (4 orang), asosiasi lembaga pendidikan pekerjaan sosial (3), asosiasi lembaga kesejahteraan sosial (2), lembaga koordinasi kesejahteraan sosial tingkat nasional (1), dan Kementerian Sosial (1). Permensos Nomor 15 Tahun 2020 menambahkan unsur praktisi.

Uji kompetensi dilakukan per jenjang — Asisten Pekerja Sosial, Pekerja Sosial Generalis, Pekerja Sosial Spesialis — dan per bidang praktik. LSPS memulai uji kompetensi pertamanya pada Desember 2012; kini LSP Kemensos RI juga menyelenggarakan sertifikasi (lisensi BNSP KEP.0594/BNSP/III/2021).

Gunakan "Cek kelayakan sertifikasi" di portal ini untuk mengetahui apakah pendidikan, pengalaman praktik, dan jam pelatihan Anda memenuhi syarat, beserta dasar aturannya."""

RSL = """Tulisan ini merangkum penjelasan Drs. Tata Sudrajat, Ketua IPSPI periode 2010–2013, di Milis Jaringan Peksos (23 April 2010) tentang registrasi, sertifikasi, dan lisensi pekerja sosial, berdasarkan Permensos Nomor 108/HUK/2009.

Registrasi. Registrasi adalah pengakuan keanggotaan pada organisasi pekerjaan sosial (IPSPI) yang ditunjukkan dengan pemberian nomor induk kepada setiap pekerja sosial yang mendaftar. Keanggotaan IPSPI bersifat stelsel aktif: anggota adalah pekerja sosial yang mendaftar. Pendaftaran dapat melalui IPSPI daerah atau langsung, dengan nomor registrasi, hak dan kewajiban anggota, iuran, dan bukti registrasi yang nyata. Data anggota dikelola dalam basis data berbasis web yang dapat diisi dan diperbarui. Mereka yang mendaftar pada kongres dan data Jaringan Peksos menjadi bahan dasar basis data, tetapi yang belum mendaftar disarankan melakukan registrasi ulang. Registrasi menjadi basis bagi anggota untuk mengurus sertifikasi dan lisensi.

Sertifikasi. Sertifikasi adalah pengakuan kompetensi yang diperoleh setelah lulus uji kompetensi, dilaksanakan oleh Lembaga Sertifikasi Profesi (LSP), bukan oleh organisasi profesi. Menurut aturan 2009, yang dapat mengikuti sertifikasi adalah lulusan S1/D4 pekerjaan sosial atau kesejahteraan sosial yang berpengalaman praktik pekerjaan sosial sekurang-kurangnya 2 tahun dan telah mengikuti pelatihan di bidang pekerjaan sosial minimal 60 jam. Ketiga syarat itu bersifat kumulatif.

Lisensi. Lisensi (izin praktik) memberikan pengakuan legal untuk melakukan praktik, diberikan oleh negara untuk melindungi pekerja sosial dan masyarakat. Menurut Permensos 108/HUK/2009, lisensi diberikan oleh Menteri Sosial dengan permohonan melalui LSP, setelah seseorang memperoleh sertifikasi dan akan melaksanakan praktik.

Apa yang berubah sejak 2010. Undang-Undang Nomor 14 Tahun 2019 tentang Pekerja Sosial menetapkan bahwa pekerja sosial adalah orang yang memiliki sertifikat kompetensi, dan bahwa praktik mewajibkan Surat Tanda Registrasi (STR) yang diterbitkan organisasi pekerja sosial (IPSPI), dengan syarat sertifikat kompetensi, surat keterangan sehat jasmani dan rohani, pernyataan telah mengucapkan sumpah/janji pekerja sosial, dan pernyataan mematuhi kode etik. Izin praktik kini berupa Surat Izin Praktik Pekerja Sosial (SIPPS) dari pemerintah kabupaten/kota (Permensos Nomor 17 Tahun 2020), bukan lagi dari Menteri melalui LSP. Sertifikasi tidak lagi sukarela bagi yang berpraktik. Peksos menerapkan aturan yang berlaku pada tanggal permohonan dan mencantumkan dasar hukumnya pada setiap keputusan."""

ARTICLES = [
    ("mengenal-pilar-kpsi", "mengenal-pilar-kpsi-ipspi", "Mengenal Pilar KPSI: Independen Pekerja Sosial Profesional Indonesia (IPSPI)",
     "Getting to know the KPSI pillars: IPSPI", "Organisasi profesi pekerja sosial sejak 1998: registrasi anggota, nomor induk, dan STR.", IPSPI),
    ("mengenal-pilar-kpsi", "mengenal-pilar-kpsi-balks", "Mengenal Pilar KPSI: Badan Akreditasi Lembaga Kesejahteraan Sosial (BALKS)",
     "Getting to know the KPSI pillars: BALKS", "Lembaga yang menilai dan menetapkan kelayakan lembaga kesejahteraan sosial sejak 2012.", BALKS),
    ("mengenal-pilar-kpsi", "mengenal-pilar-kpsi-lsp", "Mengenal Pilar KPSI: Lembaga Sertifikasi Profesi (LSP)",
     "Getting to know the KPSI pillars: the certification body (LSP)", "Uji kompetensi pekerja sosial oleh lembaga yang independen dari organisasi profesi.", LSP),
    ("registrasi-sertifikasi-lisensi", "registrasi-sertifikasi-dan-lisensi", "Registrasi, Sertifikasi, dan Lisensi Pekerja Sosial",
     "Registration, certification and licensing of social workers", "Tiga langkah pengakuan pekerja sosial — dan apa yang berubah sejak UU 14/2019.", RSL),
]

FAQ = [
    ("Bagaimana cara mendaftar sebagai anggota IPSPI?", "How do I register as an IPSPI member?",
     "Buat akun di Peksos, lengkapi profil (NIK, pendidikan, pengalaman kerja, pelatihan, beserta dokumen), lalu ajukan permohonan keanggotaan melalui DPD provinsi Anda atau langsung ke DPP. Petugas DPD memverifikasi permohonan; setelah diverifikasi Anda mendapat nomor induk anggota dan kartu tanda anggota (KTA) digital dengan kode QR. Lihat halaman \"Cara mendaftar\" untuk dokumen dan iuran."),
    ("Apakah saya sudah terdaftar?", "Am I already registered?",
     "Cari nama atau nomor anggota Anda di Register pekerja sosial. Jika Anda pernah tercatat dalam daftar lama (misalnya peserta kongres 2010 atau pendataan Jaringan Peksos), data Anda mungkin sudah ada di Peksos tetapi belum menjadi keanggotaan terverifikasi: masuk ke akun Anda, klaim data lama dengan NIK dan tanggal lahir, periksa, lalu ajukan sebagai permohonan (registrasi ulang)."),
    ("Apakah TKSK dan PSM termasuk pekerja sosial?", "Are TKSK and PSM social workers?",
     "Menurut UU 11/2009, sumber daya manusia kesejahteraan sosial terdiri dari Tenaga Kesejahteraan Sosial (TKS), Pekerja Sosial Profesional, Relawan Sosial, dan Penyuluh Sosial. TKSK (Tenaga Kesejahteraan Sosial Kecamatan) dan pendamping PKH termasuk TKS; PSM (Pekerja Sosial Masyarakat) termasuk Relawan Sosial. Sejak UU 14/2019, yang disebut Pekerja Sosial adalah orang yang memiliki sertifikat kompetensi. TKSK dan PSM dapat mendaftar di IPSPI dan dapat mengikuti sertifikasi bila memenuhi syarat jalurnya."),
    ("Saya tidak dapat memenuhi jam pelatihan. Apa yang bisa saya lakukan?", "I cannot meet the training hours. What can I do?",
     "Syarat 160 jam pelatihan (dengan 3 tahun pengalaman kerja) adalah jalur Tenaga Kesejahteraan Sosial (lulusan diploma/SMK) menurut Permensos 108/HUK/2009, bukan jalur pekerja sosial profesional. Jalur pekerja sosial profesional pada aturan itu mensyaratkan S1/D4 pekerjaan sosial atau kesejahteraan sosial, 2 tahun praktik, dan minimal 60 jam pelatihan. Aturan yang lebih baru juga membuka jalur pendidikan dan jalur praktisi dengan jam praktik. Gunakan Cek kelayakan sertifikasi untuk melihat kriteria mana yang belum terpenuhi dan berapa kekurangannya."),
    ("Apakah sertifikasi wajib?", "Is certification compulsory?",
     "Pada 2010 sertifikasi bersifat sukarela. Sejak UU 14/2019, pekerja sosial yang berpraktik wajib memiliki sertifikat kompetensi dan Surat Tanda Registrasi (STR), serta izin praktik (SIPPS) dari pemerintah kabupaten/kota tempat praktik."),
]

DPP_OFFICE = "Dewan Pengurus Pusat IPSPI"
DPP_ADDRESS = "Jalan Matraman Raya No. 98, Jakarta Timur"


def seed(apps, schema_editor):
    Category = apps.get_model("portal", "Category")
    Article = apps.get_model("portal", "Article")
    FaqEntry = apps.get_model("portal", "FaqEntry")
    DpdContact = apps.get_model("portal", "DpdContact")
    Province = apps.get_model("regions", "Province")
    categories = {}
    for slug, name_id, name_en, order in CATEGORIES:
        categories[slug], _ = Category.objects.get_or_create(slug=slug, defaults={"name_id": name_id, "name_en": name_en, "order": order})
    now = timezone.now()
    for category, slug, title_id, title_en, summary, body in ARTICLES:
        Article.objects.get_or_create(
            slug=slug,
            defaults={
                "category": categories[category], "title_id": title_id, "title_en": title_en, "summary_id": summary,
                "body_id": body, "status": "published", "published_at": now,
            },
        )
    for order, (q_id, q_en, a_id) in enumerate(FAQ):
        FaqEntry.objects.get_or_create(question_id=q_id, defaults={"question_en": q_en, "answer_id": a_id, "order": order})
    for province in Province.objects.all():
        DpdContact.objects.get_or_create(province=province, defaults={"office": DPP_OFFICE, "address": DPP_ADDRESS, "is_national_office": True})


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial"), ("regions", "0002_load_areas")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
