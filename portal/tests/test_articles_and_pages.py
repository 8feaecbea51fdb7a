import pytest

from accounts.roles import Role
from accounts.tests.factories import UserFactory, make_staff, sign_in_with_second_factor
from portal.models import Article, Category


@pytest.mark.django_db
def test_the_seed_texts_are_the_first_articles(client):
    html = client.get("/artikel/").content.decode()
    assert "Mengenal Pilar KPSI: Badan Akreditasi Lembaga Kesejahteraan Sosial (BALKS)" in html
    article = client.get("/artikel/mengenal-pilar-kpsi-balks/").content.decode()
    assert "12 Oktober 2012" in article and "Permensos" in article and "8 Tahun 2025" in article


@pytest.mark.django_db
def test_the_registration_article_says_what_changed_since_2010(client):
    html = client.get("/artikel/registrasi-sertifikasi-dan-lisensi/").content.decode()
    assert "60 jam" in html and "Surat Tanda Registrasi" in html and "SIPPS" in html


@pytest.mark.django_db
def test_the_faq_answers_the_readers_questions(client):
    html = client.get("/tanya-jawab/").content.decode()
    for question in ["Bagaimana cara mendaftar", "Apakah saya sudah terdaftar", "TKSK dan PSM", "jam pelatihan"]:
        assert question in html
    assert "160 jam" in html


@pytest.mark.django_db
def test_every_province_has_a_contact(client):
    html = client.get("/kontak-dpd/").content.decode()
    assert "Papua Barat Daya" in html and "Jalan Matraman Raya No. 98" in html


@pytest.mark.django_db
def test_how_to_register_names_channels_documents_and_dues(client):
    html = client.get("/cara-mendaftar/").content.decode()
    assert "DPD" in html and "DPP" in html and "ijazah" in html.lower()


@pytest.mark.django_db
def test_drafts_are_not_public(client):
    Article.objects.create(category=Category.objects.first(), slug="rahasia", title_id="Draf", summary_id="x", body_id="x")
    assert client.get("/artikel/rahasia/").status_code == 404
    assert "Draf" not in client.get("/artikel/").content.decode()


@pytest.mark.django_db
def test_an_editor_previews_then_publishes_and_text_is_always_escaped(client):
    editor = make_staff(Role.CONTENT_EDITOR)
    sign_in_with_second_factor(client, editor)
    data = {
        "category": Category.objects.first().pk,
        "slug": "berita-baru",
        "title_id": "Berita baru",
        "summary_id": "Ringkasan",
        "body_id": "Paragraf <script>alert(1)</script>",
        "status": "published",
    }
    preview = client.post("/konten/baru/", {**data, "preview": "1"})
    assert "Pratinjau" in preview.content.decode()
    assert "<script>alert(1)</script>" not in preview.content.decode()
    assert not Article.objects.filter(slug="berita-baru").exists()
    client.post("/konten/baru/", {**data, "save": "1"})
    page = client.get("/artikel/berita-baru/").content.decode()
    assert "&lt;script&gt;" in page and "<script>alert(1)</script>" not in page


@pytest.mark.django_db
def test_only_content_editors_edit_the_portal(client):
    sign_in_with_second_factor(client, UserFactory())
    assert client.get("/konten/").status_code == 403
    sign_in_with_second_factor(client, make_staff(Role.DPP_OFFICER))
    assert client.get("/konten/baru/").status_code == 403


@pytest.mark.django_db
def test_sitemap_and_robots_are_published(client):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/artikel/mengenal-pilar-kpsi-ipspi/" in sitemap
    assert "Sitemap:" in client.get("/robots.txt").content.decode()


@pytest.mark.django_db
def test_reading_the_portal_and_its_registers_sets_no_cookie(client):
    from portal.models import Article

    article = Article.objects.filter(status="published").first()
    pages = [
        "/",
        "/artikel/",
        f"/artikel/{article.slug}/",
        "/tanya-jawab/",
        "/kontak-dpd/",
        "/cara-mendaftar/",
        "/register/pekerja-sosial/?q=siti",
        "/register/lks/?q=anak",
        "/api/v1/public/social-workers?q=siti",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        assert not response.cookies, path
