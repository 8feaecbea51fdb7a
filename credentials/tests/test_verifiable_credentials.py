import base64
import datetime
import gzip
import json
import warnings

import pytest
from django.core.management import call_command
from joserfc import jwk, jws
from joserfc.errors import JoseError

from credentials.models import Credential
from credentials.services import change_status
from credentials.tests.factories import issue

warnings.filterwarnings("ignore", message="EdDSA is deprecated")


def verify_offline(token: str, jwks_json: dict) -> dict:
    """What any verifier does: only the published JWKS, a standard JOSE library."""
    keys = jwk.KeySet.import_key_set(jwks_json)
    return json.loads(jws.deserialize_compact(token, keys, algorithms=["EdDSA"]).payload)


@pytest.mark.django_db
def test_an_issued_credential_verifies_offline_with_only_the_published_keys(client):
    credential = issue()
    jwks_json = client.get("/.well-known/jwks.json").json()
    token = client.get(f"/v/{credential.public_id}.jwt").content.decode()
    header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
    assert header["typ"] == "vc+jwt" and header["alg"] == "EdDSA" and header["kid"] in {k["kid"] for k in jwks_json["keys"]}
    assert header["kid"].startswith("lsp-pekerja-sosial-")  # its issuing body's own key
    payload = verify_offline(token, jwks_json)
    assert payload["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert payload["@context"][1].endswith("/credentials/contexts/v1.jsonld")
    assert "VerifiableCredential" in payload["type"]
    assert payload["credentialSubject"]["name"] == "Siti Rahmawati"
    assert {s["statusPurpose"] for s in payload["credentialStatus"]} == {"revocation", "suspension"}


@pytest.mark.django_db
def test_changing_one_byte_of_the_payload_breaks_the_signature(client):
    credential = issue()
    jwks_json = client.get("/.well-known/jwks.json").json()
    header, payload, signature = credential.jwt.split(".")
    raw = bytearray(base64.urlsafe_b64decode(payload + "=="))
    raw[raw.index(b"Siti")] = ord("S") + 1
    forged = ".".join([header, base64.urlsafe_b64encode(bytes(raw)).decode().rstrip("="), signature])
    with pytest.raises(JoseError):
        verify_offline(forged, jwks_json)


@pytest.mark.django_db
def test_a_credential_signed_with_an_unknown_key_is_rejected(client):
    stranger = jwk.OKPKey.generate_key("Ed25519", private=True, parameters={"kid": "not-ours"})
    forged = jws.serialize_compact(
        {"alg": "EdDSA", "typ": "vc+jwt", "kid": "not-ours"}, b'{"a":1}', stranger, algorithms=["EdDSA"]
    )
    issue()
    with pytest.raises(JoseError):
        verify_offline(forged, client.get("/.well-known/jwks.json").json())


@pytest.mark.django_db
def test_credentials_signed_before_a_key_rotation_still_verify(client):
    old = issue(number="A")
    call_command("rotate_signing_key", stdout=open("/dev/null", "w"))
    new = issue(number="B")
    jwks_json = client.get("/.well-known/jwks.json").json()
    assert len(jwks_json["keys"]) == 4  # the issuer's and the platform's, each before and after
    assert verify_offline(old.jwt, jwks_json)["credentialSubject"]["number"] == "A"
    assert verify_offline(new.jwt, jwks_json)["credentialSubject"]["number"] == "B"


def _bit(token: str, index: int) -> bool:
    payload = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
    encoded = payload["credentialSubject"]["encodedList"]
    assert encoded.startswith("u")
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=="))
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


@pytest.mark.django_db
def test_revocation_is_published_in_the_signed_status_list_and_on_the_verification_page(client):
    credential = issue()
    assert "SAH" in client.get(f"/v/{credential.public_id}").content.decode()
    assert not _bit(client.get("/credentials/status/revocation").content.decode(), credential.status_list_index)
    change_status(
        actor=None,
        credential=credential,
        status=Credential.Status.REVOKED,
        reason="Pelanggaran kode etik",
        category=Credential.StatusCategory.ETHICS_COUNCIL,
    )
    page = client.get(f"/v/{credential.public_id}").content.decode()
    assert "DICABUT" in page and "atas keputusan Dewan Kode Etik" in page and "Pelanggaran kode etik" not in page
    status_list = client.get("/credentials/status/revocation")
    assert status_list["Content-Type"] == "application/vc+jwt"
    assert "max-age" in status_list["Cache-Control"]
    assert _bit(status_list.content.decode(), credential.status_list_index)


@pytest.mark.django_db
def test_suspension_can_be_lifted_but_revocation_is_final():
    from core.errors import DomainError

    credential = issue()
    change_status(
        actor=None,
        credential=credential,
        status=Credential.Status.SUSPENDED,
        reason="Sertifikat dibekukan",
        category=Credential.StatusCategory.SUSPENDED_TEMPORARILY,
    )
    change_status(actor=None, credential=credential, status=Credential.Status.VALID, reason="Pembekuan dicabut", category="")
    change_status(
        actor=None,
        credential=credential,
        status=Credential.Status.REVOKED,
        reason="Dicabut",
        category=Credential.StatusCategory.OTHER,
    )
    with pytest.raises(DomainError):
        change_status(actor=None, credential=credential, status=Credential.Status.VALID, reason="x", category="")


@pytest.mark.django_db
def test_every_credential_gets_its_own_status_index():
    indexes = {issue(number=str(n)).status_list_index for n in range(20)}
    assert len(indexes) == 20


@pytest.mark.django_db
def test_an_unknown_verification_code_says_not_found_without_an_error(client):
    response = client.get("/v/tidak-ada-kode-ini")
    assert response.status_code == 404
    assert "tidak ditemukan" in response.content.decode().lower()
    assert client.get("/v/" + "x" * 500).status_code == 404


@pytest.mark.django_db
def test_the_page_answers_whether_it_was_valid_on_a_past_date(client):
    credential = issue()
    change_status(
        actor=None,
        credential=credential,
        status=Credential.Status.REVOKED,
        reason="Dicabut",
        category=Credential.StatusCategory.OTHER,
    )
    today = client.get(f"/v/{credential.public_id}?tanggal=2020-01-01").content.decode()
    assert "belum diterbitkan" in today
    assert "YYYY-MM-DD" in client.get(f"/v/{credential.public_id}?tanggal=kemarin").content.decode()


@pytest.mark.django_db
def test_the_public_api_gives_status_and_signed_form_but_no_private_data(client):
    credential = issue()
    body = client.get(f"/api/v1/public/credentials/{credential.public_id}").json()
    assert body["status"] == "valid" and body["jwt"] == credential.jwt and body["holder"] == "Siti Rahmawati"
    assert set(body) == {
        "answer",
        "on",
        "status_on",
        "id",
        "type",
        "type_label",
        "number",
        "holder",
        "issuer",
        "valid_from",
        "valid_until",
        "status",
        "status_reason",
        "status_reason_code",
        "claims",
        "verification_url",
        "jwt",
    }
    assert client.get("/api/v1/public/credentials/nope").status_code == 404


@pytest.mark.django_db
def test_a_back_dated_credential_was_valid_on_a_day_before_it_was_recorded(client):
    credential = issue()
    Credential.objects.filter(pk=credential.pk).update(valid_from=datetime.date(2018, 7, 1))
    page = client.get(f"/v/{credential.public_id}?tanggal=2020-01-01").content.decode()
    assert "Pada 1 Januari 2020 kredensial ini berlaku." in page
    assert "belum diterbitkan" in client.get(f"/v/{credential.public_id}?tanggal=2018-06-30").content.decode()


@pytest.mark.django_db
def test_the_verification_card_is_never_shown_from_an_outdated_rendering(client):
    credential = issue()
    assert "SAH" in client.get(f"/v/{credential.public_id}").content.decode()
    # A day passes the end of validity with no write at all: the page must say expired at once.
    Credential.objects.filter(pk=credential.pk).update(valid_until=datetime.date.today() - datetime.timedelta(days=1))
    assert "KEDALUWARSA" in client.get(f"/v/{credential.public_id}").content.decode()
    Credential.objects.filter(pk=credential.pk).update(holder_name="Nama Dihapus")
    page = client.get(f"/v/{credential.public_id}").content.decode()
    assert "Nama Dihapus" in page and credential.holder_name not in page


@pytest.mark.django_db
def test_a_visitor_verifying_a_credential_gets_no_cookie_and_can_still_switch_language():
    from django.test import Client

    credential = issue()
    visitor = Client(enforce_csrf_checks=True)
    pages = [visitor.get(f"/v/{credential.public_id}") for _ in range(2)]  # the second one reused
    assert all(not page.cookies for page in pages)
    assert pages[0].content == pages[1].content
    assert pages[1]["Cache-Control"] == "private, no-cache"
    switched = visitor.post("/i18n/setlang/", {"language": "en", "next": f"/v/{credential.public_id}"})
    assert switched.status_code == 302 and switched["Location"] == f"/v/{credential.public_id}"
    assert "VALID" in visitor.get(f"/v/{credential.public_id}").content.decode()
    # The switch still refuses to send visitors elsewhere.
    assert visitor.post("/i18n/setlang/", {"language": "en", "next": "https://example.com/"})["Location"] == "/"


@pytest.mark.django_db
def test_the_verification_page_says_expired_the_day_after_the_last_valid_day_with_no_write(client, monkeypatch):
    from django.utils import timezone

    credential = issue(valid_until=timezone.localdate())
    assert "SAH" in client.get(f"/v/{credential.public_id}").content.decode()
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)
    assert "KEDALUWARSA" in client.get(f"/v/{credential.public_id}").content.decode()
