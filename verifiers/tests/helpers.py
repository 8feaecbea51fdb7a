"""Records the verifiers' tests check: a verified IPSPI member with credentials of every kind,
an accredited LKS, and verifier accounts."""

import datetime

from accounts.roles import Role
from accounts.tests.factories import UserFactory, make_staff
from credentials.models import Credential
from credentials.services import issue_credential
from registry.services import verify_application
from registry.tests.factories import complete_person, province, submitted_application


def verified_member(name="Siti Rahmawati", **person_fields):
    person = complete_person(full_name=name, nik=None, **person_fields)
    application = submitted_application(person)
    officer = make_staff(Role.DPD_OFFICER, province=province("32"))
    return verify_application(actor=officer, application=application, version=application.version)


def credential_of(member, kind, number, *, valid_until=None):
    """A credential of `kind` held by the member's person (the register lists it by holder)."""
    return issue_credential(
        actor=None,
        kind=kind,
        subject=member,
        holder=member.person,
        number=number,
        holder_name=member.person.full_name,
        issuer_name="Penerbit",
        valid_from=datetime.date(2025, 1, 1),
        valid_until=valid_until or datetime.date(2030, 1, 1),
    )


def member_with_every_credential(name="Siti Rahmawati", serial=1):
    member = verified_member(name)
    return member, {
        "member_card": member.credential,
        "certificate": credential_of(member, Credential.Kind.CERTIFICATE, f"LSP-PS.PSG.2025.{serial:05d}"),
        "str": credential_of(member, Credential.Kind.STR, f"STR.IPSPI.2025.{serial:05d}"),
        "licence": credential_of(member, Credential.Kind.LICENCE, f"503/SIPPS/32.73/2025/{serial:05d}"),
    }


def accredited(name="LKS Anak Harapan Bangsa", grade="B", decree="45/HUK/2026"):
    from accreditation.models import Accreditation, AccreditationApplication
    from accreditation.tests.factories import LKSFactory

    lks = LKSFactory(name=name)
    application = AccreditationApplication.objects.create(lks=lks, status=AccreditationApplication.Status.DETERMINED)
    accreditation = Accreditation.objects.create(
        lks=lks,
        application=application,
        grade=grade,
        score=75,
        certificate_number=f"BALKS/{grade}/2026/{application.pk:05d}",
        decree_number=decree,
        decree_date=datetime.date(2026, 10, 1),
        valid_from=datetime.date(2026, 10, 1),
        valid_until=datetime.date(2029, 9, 30),
    )
    accreditation.credential = issue_credential(
        actor=None,
        kind=Credential.Kind.ACCREDITATION,
        subject=accreditation,
        holder=lks,
        number=accreditation.certificate_number,
        holder_name=lks.name,
        issuer_name="Menteri Sosial",
        valid_from=accreditation.valid_from,
        valid_until=accreditation.valid_until,
    )
    accreditation.save()
    return accreditation


def verifier_account(organisation="PT Peduli Sejahtera", webhook_url="", **user_fields):
    from verifiers import services

    user = UserFactory(**user_fields)
    verifier = services.become_verifier(actor=user, organisation=organisation)
    if webhook_url:
        verifier = services.set_webhook(actor=user, url=webhook_url)
    return verifier


class FakeTransport:
    """Stands in for the HTTP POST at the boundary: records each request, answers as told."""

    def __init__(self, monkeypatch, fail: int = 0):
        self.sent: list[tuple[str, bytes, dict]] = []
        self.fail = fail
        monkeypatch.setattr("verifiers.transport.post", self)

    def __call__(self, url, body, headers, timeout=10.0):
        from verifiers.transport import DeliveryFailed

        self.sent.append((url, body, headers))
        if self.fail:
            self.fail -= 1
            raise DeliveryFailed("HTTP 503", 503)
        return 204
