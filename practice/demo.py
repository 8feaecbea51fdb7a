"""Demo data for practice fields and communities: the fields the registry's demo members
practise in, the child-protection practice community with Siti Rahmawati as coordinator, and
one standard adopted by the DPP (published at /standar-praktik/) with a new version in draft.
Idempotent; does nothing when the registry demo has not run."""

from django.db import transaction

from accounts.models import User
from registry.models import Person

from . import services
from .models import Community, MemberPracticeField, PracticeField, Standard

# email, field code, setting, years, main
DEMO_FIELDS = [
    ("siti@peksos.demo", "anak", "LKS", 7, True),
    ("siti@peksos.demo", "keluarga", "pemerintah", 2, False),
    ("bambang@peksos.demo", "lanjut-usia", "panti", 20, True),
    ("ratna@peksos.demo", "komunitas", "pemerintah", 15, True),
    ("ratna@peksos.demo", "kemiskinan-pemberdayaan", "pemerintah", 15, False),
]

STANDARD_TITLE = "Standar Praktik Manajemen Kasus Perlindungan Anak"
STANDARD_TEXT = """1. Ruang lingkup
Standar ini berlaku bagi pekerja sosial yang menangani kasus perlindungan anak di LKS, panti, dan instansi pemerintah.

2. Asesmen
Pekerja sosial melakukan asesmen kebutuhan dan risiko anak dalam 3 x 24 jam sejak rujukan diterima, dengan melibatkan anak sesuai usia dan kematangannya.

3. Rencana intervensi
Rencana intervensi disusun bersama anak dan keluarga, mengutamakan pengasuhan berbasis keluarga, dan ditinjau sekurang-kurangnya setiap tiga bulan.

4. Kerahasiaan
Data anak hanya dibagikan kepada pihak yang berwenang untuk kepentingan terbaik anak."""


def seed() -> list[tuple[str, str]]:
    dpp = User.objects.filter(email="dpp@peksos.demo").first()
    if dpp is None:
        return []
    with transaction.atomic():
        for email, code, setting, years, main in DEMO_FIELDS:
            person = Person.objects.filter(user__email=email).first()
            field = PracticeField.objects.filter(code=code).first()
            if person is None or field is None or MemberPracticeField.objects.filter(person=person, field=field).exists():
                continue
            services.keep_field(
                actor=person.user,
                entry=MemberPracticeField(person=person, field=field, setting=setting, years=years, is_main=main),
            )
        siti = Person.objects.filter(user__email="siti@peksos.demo").select_related("member").first()
        anak = PracticeField.objects.filter(code="anak").first()
        if siti is None or anak is None or not hasattr(siti, "member"):
            return []
        community = Community.objects.filter(field=anak).first()
        if community is None:
            community = services.create_community(
                actor=dpp,
                community=Community(
                    name="Komunitas Praktik Perlindungan Anak",
                    field=anak,
                    description="Pekerja sosial yang berpraktik di bidang perlindungan anak.",
                ),
            )
        if community.coordinator_id is None:
            community = services.name_coordinator(actor=dpp, community=community, member_number=siti.member.number)
        if not Standard.objects.filter(community=community).exists():
            version = services.start_standard(actor=siti.user, community=community, title=STANDARD_TITLE, body=STANDARD_TEXT)
            version = services.open_for_comment(actor=siti.user, version=version)
            services.comment(actor=siti.user, version=version, body="Mohon masukan tentang batas waktu asesmen 3 x 24 jam.")
            version = services.adopt(
                actor=dpp, version=version, reference="Keputusan DPP IPSPI No. 12/DPP-IPSPI/2026 (contoh demo)"
            )
            draft = services.new_version(actor=siti.user, standard=version.standard)
            services.edit_draft(
                actor=siti.user,
                version=draft,
                body=STANDARD_TEXT + "\n\n5. Pencatatan\nSetiap kontak dengan anak dicatat dalam catatan kasus.",
            )
    return []
