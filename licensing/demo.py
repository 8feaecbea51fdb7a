"""Demo: licensing officers for Kota and Kabupaten Bandung, and — when the registry and
certification demos created Siti Rahmawati with a certificate — her STR and a SIPPS from Kota
Bandung, so the public register shows a fully credentialed social worker."""

import datetime

from django.utils import timezone
from django.utils.text import format_lazy

from accounts.demo import demo_user, grant
from accounts.roles import Role
from certification.models import Certificate
from regions.models import Regency

from . import services
from .models import LicenceApplication, LicensingAuthority, Str, StrApplication

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def seed() -> list[tuple[str, str]]:
    kota = LicensingAuthority.objects.get(regency__code="32.73")
    kab = LicensingAuthority.objects.get(regency__code="32.04")
    from core.letterheads import seed_demo

    from .documents import authority_key

    for authority, address, head, nip in (
        (kota, "Jl. Wastukencana No. 2, Bandung 40117", "dr. Rina Kusumawati, M.Kes.", "197203151998032004"),
        (kab, "Jl. Raya Soreang Km 17, Soreang 40911", "Drs. Hendra Gunawan, M.Si.", "196911021995031001"),
    ):
        seed_demo(
            authority_key(authority),
            name=f"Dinas Sosial {authority.regency.name}",
            parent_name=f"Pemerintah {authority.regency.name}",
            address=address,
            contact="dinsos@bandung.demo",
            place=authority.regency.name.removeprefix("Kota ").removeprefix("Kabupaten "),
            initials="DS",
            colour="#5b2a86",
            signatory=(head, f"Kepala Dinas Sosial {authority.regency.name}", f"NIP {nip}"),
            since=datetime.date(2020, 1, 1),
        )
    officer_kota = demo_user("izin.kotabandung@peksos.demo", "Fitri Handayani", with_totp=True)
    officer_kab = demo_user("izin.kabbandung@peksos.demo", "Eko Prasetyo", with_totp=True)
    grant(officer_kota, Role.LICENSING_OFFICER, organisation=kota)
    grant(officer_kab, Role.LICENSING_OFFICER, organisation=kab)
    logins = [
        (format_lazy("{} — Kota Bandung", Role.LICENSING_OFFICER.label), officer_kota.email),
        (format_lazy("{} — Kabupaten Bandung", Role.LICENSING_OFFICER.label), officer_kab.email),
    ]
    from accounts.models import User

    _str_ending_soon(User.objects.filter(email="dewi@peksos.demo").select_related("person").first())
    siti = User.objects.filter(email="siti@peksos.demo").select_related("person").first()
    person = getattr(siti, "person", None)
    certificate = Certificate.objects.valid_for(person).first() if person else None
    dpp = User.objects.filter(email="dpp@peksos.demo").first()
    if certificate is None or dpp is None or Str.objects.filter(person=person).exists():
        return logins
    from django.core.files.uploadedfile import SimpleUploadedFile

    application = services.apply_for_str(
        actor=siti,
        certificate=certificate,
        health_statement=SimpleUploadedFile("surat-sehat.pdf", PDF, "application/pdf"),
        oath_taken=True,
        code_of_ethics=True,
    )
    str_record = services.decide_str(
        actor=dpp, application=StrApplication.objects.get(pk=application.pk), version=application.version, approve=True
    )
    licence_application = services.apply_for_licence(
        actor=siti,
        certificate=certificate,
        str_record=str_record,
        setting=LicenceApplication.Setting.INSTITUTION,
        place="LKS Anak Harapan Bangsa",
        regency=Regency.objects.get(code="32.73"),
        field="anak",
    )
    services.decide_licence(
        actor=officer_kota,
        application=licence_application,
        version=licence_application.version,
        grant=True,
        decree_number="503/SIPPS/0001/DPMPTSP/2026",
        decree_date=timezone.localdate(),
    )
    return logins


def _str_ending_soon(user) -> None:
    """Dewi Lestari's STR, recorded as issued before Peksos (its history says so), ending within
    90 days: her page shows the renewal checklist with the CPD credits short. It rests on her first
    certificate (certification demo, issued almost five years ago) and starts a month after it,
    never before: an STR is issued on a certificate already held."""
    import datetime

    from core.dates import add_years
    from credentials.models import Credential
    from credentials.services import issue_credential

    person = getattr(user, "person", None)
    certificate = Certificate.objects.filter(person=person).order_by("issued_on").first() if person else None
    if certificate is None or Str.objects.filter(person=person).exists():
        return
    valid_from = certificate.issued_on + datetime.timedelta(days=30)
    valid_until = add_years(valid_from, 5) - datetime.timedelta(days=1)
    if valid_until < timezone.localdate():
        return  # a certificate too old for an STR still running: nothing to show as ending soon
    record = Str(
        number=f"STR.IPSPI.{valid_from.year}.900001",
        person=person,
        certificate=certificate,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    record._change_reason = "demo: STR issued before Peksos"
    record.save()
    record.credential = issue_credential(
        actor=None,
        kind=Credential.Kind.STR,
        subject=record,
        holder=person,
        number=record.number,
        holder_name=person.full_name,
        issuer_name=services.IPSPI,
        valid_from=valid_from,
        valid_until=valid_until,
        claims={"certificate": certificate.number},
    )
    record.save(update_fields=["credential"])
