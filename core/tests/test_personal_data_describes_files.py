"""In "Data saya" a photo or document reads as what the person knows it by: which document it is,
that a file is attached, its type, size and the day it was uploaded. The name it is stored under
(a random name in a private folder) appears nowhere, in the PDF or in the JSON download."""

import datetime
import json

import pytest
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone, translation

from accounts import services
from core import readable
from registry import selectors
from registry.tests.factories import complete_person, pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    person = complete_person()
    education = person.educations.get()
    education.diploma.save("ijazah-budi.pdf", ContentFile(pdf_bytes()), save=True)
    return person


def _stored_names(person) -> list[str]:
    names = [person.photo.name, person.educations.get().diploma.name]
    assert all(names)
    return names


def test_neither_the_json_nor_the_pdf_rows_name_where_a_file_is_stored(person):
    data = json.dumps(services.export_personal_data(person.user), cls=DjangoJSONEncoder)
    with translation.override("id"):
        rows = repr(readable.readable(selectors.person_export(person)))
    for name in _stored_names(person):
        for text in (data, rows):
            assert name not in text
            assert name.rsplit("/", 1)[-1] not in text
            assert name.rsplit("/", 1)[-1].split(".")[0] not in text  # not even the random stem


def test_a_photo_reads_as_an_attached_file_with_its_type_size_and_upload_day(person):
    with translation.override("id"):
        profile = readable.readable(selectors.person_export(person))[0]
        today = readable.display("uploaded_on", timezone.localdate())
    photo = next(row["value"] for row in profile["rows"] if row["label"] == "Foto")
    size = readable.display("file_size", person.photo.size)
    assert photo == f"berkas terlampir (PNG, {size}), diunggah pada {today}"


def test_a_diploma_reads_in_english_on_an_english_page(person):
    diploma_file = person.educations.get().diploma
    with translation.override("en"):
        education = readable.readable(selectors.person_export(person))[1]
        diploma = next(row["value"] for row in education["entries"][0] if row["label"] == "Diploma")
        today = readable.display("uploaded_on", timezone.localdate())
    size = readable.display("file_size", diploma_file.size)
    assert diploma == f"file attached (PDF, {size}), uploaded on {today}"


def test_the_json_download_keeps_the_files_facts_for_a_machine(person):
    data = services.export_personal_data(person.user)
    photo = data["registry"]["profile"]["photo"]
    assert photo["attached"] is True and photo["file_format"] == "PNG" and photo["file_size"] == person.photo.size
    assert photo["uploaded_on"] == timezone.localdate()


def test_file_sizes_read_as_a_person_reads_them():
    with translation.override("id"):
        assert readable.display("file_size", 512) == "512 B"
        assert readable.display("file_size", 120 * 1024) == "120 KB"
        assert readable.display("file_size", 1_258_291) == "1,2 MB"


def test_a_file_recorded_but_missing_from_storage_still_reads_as_attached(person):
    from core import files

    photo = person.photo
    photo.storage.delete(photo.name)
    assert files.described(photo) == {"attached": True}
    assert files.described(person.educations.get().diploma)["uploaded_on"] == timezone.localdate()
    assert isinstance(files.described(person.educations.get().diploma)["uploaded_on"], datetime.date)
