"""The disk of private files is full: the person is told so in their language, and nothing is
half-saved (no row, no part of a file)."""

import errno

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.tests.factories import sign_in_with_second_factor
from registry.models import ImportBatch

pytestmark = pytest.mark.django_db
ROWS = b"nama_lengkap;nik;tanggal_lahir\nSiti Rahmawati;3273014508900002;05/08/1990\n"


@pytest.fixture
def dpp():
    from accounts.roles import Role
    from accounts.tests.factories import make_staff

    return make_staff(Role.DPP_OFFICER)


@pytest.fixture
def full_disk(monkeypatch, settings, tmp_path):
    """Storage writes the first bytes of a file, then the disk is full."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "core.files.PrivateStorage", "OPTIONS": {"location": tmp_path, "base_url": None}},
    }
    real_save = FileSystemStorage._save

    def save_until_full(self, name, content):
        class Chunks:
            def __init__(self, inner):
                self.inner = inner

            def chunks(self):
                yield next(iter(self.inner.chunks()))[:10]
                raise OSError(errno.ENOSPC, "No space left on device")

        return real_save(self, name, Chunks(content))

    monkeypatch.setattr(FileSystemStorage, "_save", save_until_full)
    return tmp_path


def test_an_upload_on_a_full_disk_gets_a_clear_message_and_nothing_is_kept(client, dpp, full_disk, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    sign_in_with_second_factor(client, dpp)
    upload = SimpleUploadedFile("daftar.csv", ROWS, content_type="text/csv")
    response = client.post(reverse("registry:import_upload"), {"source": "Kongres 2010", "source_kind": "lain", "file": upload})
    assert response.status_code == 503 and response["Retry-After"] == "300"
    assert "Penyimpanan dokumen sedang penuh" in response.content.decode()
    assert not ImportBatch.objects.exists()
    assert [p for p in full_disk.rglob("*") if p.is_file()] == []


def test_the_message_is_in_english_for_an_english_reader(client, dpp, full_disk, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    sign_in_with_second_factor(client, dpp)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    upload = SimpleUploadedFile("daftar.csv", ROWS, content_type="text/csv")
    response = client.post(reverse("registry:import_upload"), {"source": "Kongres 2010", "source_kind": "lain", "file": upload})
    assert response.status_code == 503 and "The storage for documents is full" in response.content.decode()
