"""A credential continued by a renewal reads, once its last day has passed, as ended by renewal on
the public register: never as revoked (the register once fell through to "dicabut" for it)."""

import datetime
import re

import pytest

from core.dates import register_day
from credentials.models import Credential
from credentials.services import issue_credential, mark_renewed

from .test_public_register import verified_member

pytestmark = pytest.mark.django_db


def str_credential(member, number, valid_from, valid_until):
    return issue_credential(
        actor=None,
        kind=Credential.Kind.STR,
        subject=member,
        holder=member.person,
        number=number,
        holder_name=member.person.full_name,
        issuer_name="IPSPI",
        valid_from=valid_from,
        valid_until=valid_until,
    )


def test_a_renewed_str_past_its_end_reads_ended_by_renewal_beside_its_valid_successor(client):
    member = verified_member("Siti Rahmawati")
    today = register_day()
    yesterday = today - datetime.timedelta(days=1)
    old = str_credential(member, "STR.IPSPI.2021.000007", yesterday - datetime.timedelta(days=365 * 5), yesterday)
    new = str_credential(member, "STR.IPSPI.2026.000042", today, today + datetime.timedelta(days=365 * 5))
    mark_renewed(actor=None, credential=old, successor=new)

    page = client.get("/register/pekerja-sosial/", {"q": member.number}).content.decode()

    items = dict(re.findall(r"(STR\.IPSPI\.\d{4}\.\d{6}) —\s*(<span class=\"status-[a-z_]+\">[^<(]*)", page))
    assert items[old.number].strip() == '<span class="status-renewed">berakhir karena diperpanjang'
    assert items[new.number].strip() == '<span class="status-valid">berlaku'
