"""An upload can never become a web page on our own address: files are stored under a name and
extension the server chose from their content, and served with the type read from the content
(never from a name), `nosniff`, a sandboxing CSP, and as an attachment unless they are images."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import make_staff, sign_in_with_second_factor
from certification.models import CertificationApplication, DocumentKind
from certification.tests.factories import SchemeFactory, candidate, lsp_officer, pdf_upload
from portal.models import Article, Category
from registry.models import Education
from registry.tests.factories import PersonFactory, pdf_bytes, png_bytes, province, submitted_application

pytestmark = pytest.mark.django_db

PAGE = b"<html><body><script>fetch('/akun/').then(r => r.text()).then(alert)</script></body></html>"
# Each is a real file of its kind with a web page appended: it passes any check of the content,
# and a browser told (or left to guess) "text/html" would run the script.
DISGUISED = {"image/png": lambda: png_bytes() + PAGE, "application/pdf": lambda: pdf_bytes() + PAGE}
EXTENSION = {"image/png": ".png", "application/pdf": ".pdf"}


def html_upload(content_type):
    return SimpleUploadedFile("x.html", DISGUISED[content_type](), content_type="text/html")


def assert_served_safely(response, content_type):
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in [d.strip().split(" ")[0] for d in response["Content-Security-Policy"].split(";")]
    disposition = response["Content-Disposition"]
    assert ".html" not in disposition
    if content_type == "application/pdf":
        assert disposition.startswith("attachment")


@pytest.mark.parametrize("content_type", DISGUISED)
def test_a_registry_document_named_html_is_stored_and_served_by_its_content(client, content_type):
    person = PersonFactory()
    sign_in_with_second_factor(client, person.user)
    response = client.post(
        reverse("registry:item_add", args=["education"]),
        {
            "level": "S1",
            "study_programme": "Pekerjaan Sosial",
            "study_field": "pekerjaan_sosial",
            "institution": "STKS",
            "graduation_year": "2015",
            "diploma": html_upload(content_type),
        },
    )
    assert response.status_code == 302
    education = Education.objects.get(person=person)
    assert ".html" not in education.diploma.name and education.diploma.name.endswith(EXTENSION[content_type])

    assert_served_safely(client.get(reverse("registry:own_document", args=["education", education.pk])), content_type)
    submitted_application(person)
    sign_in_with_second_factor(client, make_staff(Role.DPD_OFFICER, province=province("32")))
    assert_served_safely(
        client.get(reverse("registry:staff_document", args=[person.pk, "education", education.pk])), content_type
    )


@pytest.mark.parametrize("content_type", DISGUISED)
def test_certification_evidence_named_html_is_stored_and_served_by_its_content(client, content_type):
    scheme = SchemeFactory(units=1)
    person = candidate()
    sign_in_with_second_factor(client, person.user)
    client.post(reverse("certification:apply", args=[scheme.pk]))
    application = CertificationApplication.objects.get(person=person, scheme=scheme)
    url = reverse("certification:my_application", args=[application.pk])
    assert (
        client.post(
            url, {"action": "evidence", "kind": DocumentKind.WORK_LETTER, "title": "", "file": html_upload(content_type)}
        ).status_code
        == 302
    )
    for kind in (DocumentKind.TRAINING, DocumentKind.RECOMMENDATION):
        client.post(url, {"action": "evidence", "kind": kind, "title": "", "file": pdf_upload()})
    assert client.post(url, {"action": "submit"}).status_code == 302
    evidence = application.evidence.get(kind=DocumentKind.WORK_LETTER)
    assert ".html" not in evidence.file.name and evidence.file.name.endswith(EXTENSION[content_type])

    assert_served_safely(client.get(reverse("certification:evidence_file", args=[evidence.pk])), content_type)
    sign_in_with_second_factor(client, lsp_officer(scheme.lsp))
    assert_served_safely(client.get(reverse("certification:evidence_file", args=[evidence.pk])), content_type)


def test_an_article_image_named_html_is_stored_and_served_to_anyone_by_its_content(client):
    sign_in_with_second_factor(client, make_staff(Role.CONTENT_EDITOR))
    data = {
        "category": Category.objects.first().pk,
        "slug": "foto-baru",
        "title_id": "Foto baru",
        "summary_id": "Ringkasan",
        "body_id": "Isi",
        "image_alt": "Sebuah foto",
        "status": "published",
        "save": "1",
    }
    assert client.post("/konten/baru/", {**data, "image": html_upload("image/png")}).status_code == 302
    article = Article.objects.get(slug="foto-baru")
    assert ".html" not in article.image.name and article.image.name.endswith(".png")

    client.logout()
    assert_served_safely(client.get(reverse("portal:article_image", args=[article.slug])), "image/png")


def test_a_pdf_named_html_is_not_an_article_image(client):
    sign_in_with_second_factor(client, make_staff(Role.CONTENT_EDITOR))
    data = {
        "category": Category.objects.first().pk,
        "slug": "bukan-foto",
        "title_id": "Bukan foto",
        "summary_id": "Ringkasan",
        "body_id": "Isi",
        "image_alt": "Sebuah foto",
        "status": "published",
        "save": "1",
    }
    response = client.post("/konten/baru/", {**data, "image": html_upload("application/pdf")})
    assert response.status_code == 200 and "bukan berkas" in response.content.decode()
    assert not Article.objects.filter(slug="bukan-foto").exists()


def _migrated_diploma(name: str, content: bytes) -> Education:
    """A file from the decade of migrated records: stored under whatever name it came with."""
    path = Path(settings.MEDIA_ROOT) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    person = PersonFactory()
    education = Education.objects.create(
        person=person,
        level="S1",
        study_programme="Kesejahteraan Sosial",
        study_field="kesejahteraan_sosial",
        institution="STKS",
        graduation_year=2010,
    )
    Education.objects.filter(pk=education.pk).update(diploma=name)
    return education


@pytest.mark.parametrize("content_type", DISGUISED)
def test_a_migrated_file_named_html_is_served_by_its_content(client, content_type):
    education = _migrated_diploma(f"legacy/ijazah-{content_type.replace('/', '-')}.html", DISGUISED[content_type]())
    sign_in_with_second_factor(client, education.person.user)
    assert_served_safely(client.get(reverse("registry:own_document", args=["education", education.pk])), content_type)


def test_a_migrated_web_page_is_only_ever_a_sandboxed_download(client):
    education = _migrated_diploma("legacy/surat.html", PAGE)
    sign_in_with_second_factor(client, education.person.user)
    response = client.get(reverse("registry:own_document", args=["education", education.pk]))
    assert_served_safely(response, "application/octet-stream")
    assert response["Content-Disposition"].startswith("attachment")


def test_whoever_saves_a_file_its_content_names_it():
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    assert default_storage.save("kartu/KTA.html", ContentFile(pdf_bytes())).endswith(".pdf")
    assert default_storage.save("impor/daftar.csv", ContentFile(b"nama_lengkap\nBudi\n")).endswith(".bin")
    assert default_storage.save("foto/x.png.html", ContentFile(PAGE)).endswith("/x.bin")
