import pytest


@pytest.mark.django_db
def test_the_login_page_speaks_indonesian_even_to_an_english_browser(client):
    response = client.get("/akun/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert "Masuk" in html


@pytest.mark.django_db
def test_visitors_can_switch_to_english_in_the_header(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Register as a social worker" in html


@pytest.mark.django_db
def test_unknown_pages_get_a_friendly_404_without_a_stack_trace(client, settings):
    settings.DEBUG = False
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "tidak ditemukan" in html
    assert "Traceback" not in html


@pytest.mark.django_db
@pytest.mark.urls("core.tests.failing_urls")
def test_a_server_error_shows_a_calm_page_and_no_trace(client, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Terjadi kesalahan" in html
    assert "internal detail" not in html and "Traceback" not in html


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_pages_have_no_inline_scripts(client):
    import re

    for url in ["/", "/akun/login/", "/akun/signup/"]:
        html = client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert " onclick=" not in html and " onsubmit=" not in html
