"""Demo: a member of the ethics council (Dewan Kode Etik IPSPI) and one complaint under
examination, about the registry demo's member Siti Rahmawati, lodged through the portal."""

from accounts.demo import demo_user, grant
from accounts.roles import Role

from . import services
from .models import Complaint


def seed() -> list[tuple[object, str]]:  # lazy role labels, read in English by seed_demo
    council = demo_user("etik@peksos.demo", "Drs. Benny Hutagalung, M.Si.", with_totp=True)
    grant(council, Role.ETHICS_COUNCIL)
    logins = [(Role.ETHICS_COUNCIL.label, council.email)]
    from registry.models import Member

    member = Member.objects.filter(person__user__email="siti@peksos.demo").first()
    if member is None or Complaint.objects.filter(respondent=member.person).exists():
        return logins
    from django.contrib.auth.models import AnonymousUser

    complaint, _token = services.lodge_complaint(
        actor=AnonymousUser(),
        complainant_name="Budi Santoso",
        complainant_contact="0812-0000-0000",
        respondent_given=member.number,
        account="Pekerja sosial membagikan catatan kasus klien di media sosial tanpa persetujuan klien.",
    )
    services.start_examination(actor=council, complaint=complaint, version=complaint.version, member_number=member.number)
    return logins
