import datetime

from credentials.models import Credential
from credentials.services import issue_credential
from regions.models import Province


def issue(
    kind=Credential.Kind.CERTIFICATE, *, holder="Siti Rahmawati", number="LSPS.001", valid_until=None, subject=None, actor=None
):
    """Issue a credential about any record (a Province stands in for the domain record)."""
    return issue_credential(
        actor=actor,
        kind=kind,
        subject=subject or Province.objects.get(code="32"),
        number=number,
        holder_name=holder,
        issuer_name="LSP Pekerja Sosial",
        valid_from=datetime.date(2025, 1, 1),
        valid_until=valid_until or datetime.date(2030, 1, 1),
        claims={"bidang": "anak"},
    )
