import pytest
from django.conf import settings

from portal.models import Article, FaqEntry

pytestmark = pytest.mark.django_db


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_an_article_without_an_english_body_says_so_on_english_pages_and_shows_the_indonesian_text(client):
    article = Article.objects.get(slug="registrasi-sertifikasi-dan-lisensi")
    html = english(client).get(article.get_absolute_url()).content.decode()
    assert "This article has no English version yet" in html
    assert article.body_id.split(".")[0][:40] in html and 'lang="id"' in html


def test_an_article_with_an_english_body_shows_it_without_the_notice(client):
    article = Article.objects.get(slug="hak-kewajiban-dan-manfaat-anggota")
    html = english(client).get(article.get_absolute_url()).content.decode()
    assert "Members' rights." in html.replace("&#x27;", "'") and "no English version" not in html
    balks = english(client).get(Article.objects.get(slug="mengenal-pilar-kpsi-balks").get_absolute_url()).content.decode()
    assert "formally established on 12 October 2012" in balks and "no English version" not in balks


def test_indonesian_pages_never_show_the_notice(client):
    html = client.get(Article.objects.get(slug="mengenal-pilar-kpsi-balks").get_absolute_url()).content.decode()
    assert "belum memiliki versi bahasa Inggris" not in html


def test_faq_answers_without_english_are_flagged_on_the_english_page(client):
    FaqEntry.objects.update(answer_en="")
    entry = FaqEntry.objects.first()
    entry.answer_en = "Yes: since Law 14/2019."
    entry.save()
    html = english(client).get("/tanya-jawab/").content.decode()
    assert "Yes: since Law 14/2019." in html
    assert html.count("No English version of this answer yet") == FaqEntry.objects.count() - 1


def test_members_rights_obligations_and_benefits_are_published_content_an_editor_can_edit(client):
    article = Article.objects.published().get(slug="hak-kewajiban-dan-manfaat-anggota")
    assert "Hak anggota" in article.body_id and "Kewajiban anggota" in article.body_id and "Manfaat" in article.body_id
    assert "hak-kewajiban-dan-manfaat-anggota" in client.get("/cara-mendaftar/").content.decode()
