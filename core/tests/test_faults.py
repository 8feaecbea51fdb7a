import pytest
from django.db import DataError, OperationalError

from accounts.models import DataSubjectRequest
from accounts.tests.factories import UserFactory, sign_in_with_second_factor


def post_data_request_while_audit_raises(client, monkeypatch, settings, exception):
    """A person asks for their data; the audit record, written after the request row in the same
    transaction, raises `exception` as the database would."""
    settings.DEBUG = False
    client.raise_request_exception = False
    from accounts import services

    def failing(*args, **kwargs):
        raise exception

    sign_in_with_second_factor(client, UserFactory())
    monkeypatch.setattr(services.audit, "record", failing)
    return client.post("/akun/data-saya/", {"kind": "access", "details": ""})


@pytest.mark.django_db
def test_the_database_failing_mid_request_gives_a_clear_page_and_writes_nothing(client, monkeypatch, settings):
    """The request is saved, then the database goes away before the audit record is written:
    the whole operation is rolled back and the person is told nothing was saved."""
    response = post_data_request_while_audit_raises(
        client, monkeypatch, settings, OperationalError("server closed the connection unexpectedly")
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Tidak ada data yang Anda kirim yang tersimpan" in html
    assert "server closed" not in html
    assert not DataSubjectRequest.objects.exists()


@pytest.mark.django_db
def test_a_value_the_database_refuses_is_a_bad_request_not_a_server_error(client, monkeypatch, settings):
    response = post_data_request_while_audit_raises(
        client, monkeypatch, settings, DataError("PostgreSQL text fields cannot contain NUL (0x00) bytes")
    )
    assert response.status_code == 400
    assert "NUL" not in response.content.decode()
    assert not DataSubjectRequest.objects.exists()
