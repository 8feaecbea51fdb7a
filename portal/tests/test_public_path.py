"""The public fast path is registered once per look-up (portal/public_path.py): the address
Django serves, the addresses the reused-answer middleware looks at and the API document all
follow from that registration, and the rows it reads are named, in the model's order."""

import ast
import re
from pathlib import Path
from typing import NamedTuple

import pytest
from django.conf import settings
from django.urls import resolve

from credentials.models import Credential
from credentials.tests.factories import issue
from portal import registers
from portal.public_path import API_PREFIX, LOOKUPS, REUSED_ANSWER_PATHS, ReusedAnswerMiddleware

SAMPLES = {"public_id": "AbC-12_xyz", "number": "IPSPI.32.2024.00001"}


def sample_address(lookup) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: SAMPLES[m.group(1)], lookup.route)


def test_each_look_up_is_served_at_its_registered_address_by_its_registered_view():
    assert {lookup.name for lookup in LOOKUPS} == {"verify", "social-worker"}
    for lookup in LOOKUPS:
        match = resolve(sample_address(lookup))
        assert (match.func, match.view_name, match.kwargs) == (
            lookup.view,
            f"public:{lookup.name}",
            {key: SAMPLES[key] for key in match.kwargs},
        )


def test_the_middleware_looks_only_at_the_registered_addresses_and_comes_before_the_session():
    assert REUSED_ANSWER_PATHS == ("/v/", f"/{API_PREFIX}/social-workers/")
    middleware = [m.rsplit(".", 1)[-1] for m in settings.MIDDLEWARE]
    assert middleware.index(ReusedAnswerMiddleware.__name__) == middleware.index("CommonMiddleware") + 1
    assert middleware.index(ReusedAnswerMiddleware.__name__) < middleware.index("AuthenticationMiddleware")
    # The signed form's download shares the /v/ start but is not a look-up answered from reuse.
    assert resolve("/v/AbC-12_xyz.jwt").view_name == "credentials:download"


def test_the_api_documents_each_api_look_up_at_the_address_django_serves():
    from config.api import api

    documented = api.get_openapi_schema()["paths"]
    for lookup in (lookup for lookup in LOOKUPS if lookup.api is not None):
        served = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", lookup.route)
        assert served == f"/{API_PREFIX}{lookup.api.path}"
        operation = documented[served]["get"]
        assert operation["summary"] == lookup.api.summary and operation["operationId"] == lookup.api.operation_id
        # Besides its own answers, every public look-up is behind the visitors' limits (429) and
        # says so when the database is away (503).
        assert set(operation["responses"]) == set(lookup.api.responses) | {429, 503}


def test_the_row_types_name_the_columns_in_the_order_the_models_read_them():
    assert len(registers.MemberRow._fields) == len(registers.entry_columns())
    assert registers.in_model_order(Credential, registers.CredentialRow) == registers.CredentialRow._fields
    assert (
        registers.in_model_order(Credential, registers.VerificationRow, then=("holder_sanctioned",))
        == (registers.VerificationRow._fields[:-1])
    )

    class Misordered(NamedTuple):
        number: str
        id: int

    with pytest.raises(TypeError, match=r"Misordered must list Credential's columns in the model's order: \('id', 'number'\)"):
        registers.in_model_order(Credential, Misordered)

    class ReadBeside(NamedTuple):
        id: int
        number: str
        flag: bool

    assert registers.in_model_order(Credential, ReadBeside, then=("flag",)) == ("id", "number")
    with pytest.raises(TypeError, match=r"ReadBeside must list Credential's columns in the model's order: \('id', 'number'\)"):
        registers.in_model_order(Credential, ReadBeside)


@pytest.mark.django_db
def test_the_verification_look_up_reads_one_named_row_and_leaves_the_signed_form_unread(django_assert_num_queries):
    credential = issue(number="LSPS.004")
    with django_assert_num_queries(1):
        row = registers.read_verification(credential.public_id)
    assert (row.public_id, row.number, row.status) == (credential.public_id, "LSPS.004", "valid")
    found = row.credential()
    assert (found.pk, found.number, found.holder_name, found.valid_from) == (
        credential.pk,
        "LSPS.004",
        credential.holder_name,
        credential.valid_from,
    )
    assert "jwt" in found.get_deferred_fields()
    assert registers.read_verification("no-such-id") is None


@pytest.mark.django_db
def test_a_number_look_up_reads_named_rows_of_the_member_and_their_credentials():
    from portal.tests.test_public_register import verified_member

    member = verified_member("Siti Rahmawati")
    read = registers.read_member(member.number)
    [row] = read.members
    assert isinstance(row, registers.MemberRow)
    assert (row.number, row.name, row.card_id, row.person_id) == (
        member.number,
        "Siti Rahmawati",
        member.credential_id,
        member.person_id,
    )
    assert [(held.number, held.holder_id) for held in read.held] == [(member.credential.number, member.person_id)]


DOMAIN_APPS = ("core", "regions", "accounts", "credentials", "registry", "certification", "licensing", "accreditation")


def test_no_domain_app_imports_the_portal():
    base = Path(settings.BASE_DIR)
    offending = []
    for app in DOMAIN_APPS:
        for source in (base / app).rglob("*.py"):
            if "tests" in source.parts or "migrations" in source.parts:
                continue
            for node in ast.walk(ast.parse(source.read_text())):
                names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
                names += [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
                if any(name == "portal" or name.startswith("portal.") for name in names):
                    offending.append(f"{source.relative_to(base)}:{node.lineno}")
    assert offending == []
