"""The registration desk scans invitations in the page itself: a vendored QR decoder (no CDN)
reads the camera, and what it reads is posted through htmx to the desk's own form (same
service, CSRF token, idempotent), which answers with just the desk so the camera keeps running.
Without a camera the same form takes the code typed or pasted."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import sign_in_with_second_factor
from assemblies import services
from assemblies.models import RollEntry
from assemblies.tests.factories import member, upcoming

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def kongres(dpp):
    for _ in range(3):
        member()
    assembly = upcoming(dpp)
    services.freeze_roll(dpp, assembly)
    return assembly


def _door(assembly):
    return reverse("assemblies:door", args=[assembly.pk])


def test_the_door_page_loads_its_own_qr_decoder_and_explains_the_fallback_in_indonesian(client, dpp, kongres):
    sign_in_with_second_factor(client, dpp)

    page = client.get(_door(kongres)).content.decode()

    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert "/static/assemblies/vendor/jsQR.js" in scripts and "/static/assemblies/door.js" in scripts
    assert all(src.startswith("/static/") for src in scripts)  # nothing from elsewhere at run time
    assert finders.find("assemblies/vendor/jsQR.js") and finders.find("assemblies/vendor/jsQR-LICENSE")
    assert "Pindai dengan kamera" in page
    assert "izin ditolak). Ketik atau tempel kode undangan" in page
    assert 'id="door-form"' in page and 'hx-post="' + _door(kongres) + '"' in page


def test_a_scan_posted_by_the_page_gets_back_the_desk_and_is_recorded_once(client, dpp, kongres):
    entry = RollEntry.objects.filter(assembly=kongres, may_vote=True).select_related("person").first()
    read = f"https://peksos.example{_door(kongres)}?t={entry.token}"  # what the QR code holds
    sign_in_with_second_factor(client, dpp)

    first = client.post(_door(kongres), {"token": read}, **HTMX).content.decode()
    recorded_at = RollEntry.objects.get(pk=entry.pk).attended_at
    second = client.post(_door(kongres), {"token": read}, **HTMX).content.decode()

    assert first.lstrip().startswith('<div id="desk">') and "<html" not in first
    assert 'data-result="recorded"' in first and entry.person.full_name in first
    assert "Pemilih hadir: 1 dari 3" in first  # the quorum comes back with it
    assert 'data-result="already"' in second
    assert RollEntry.objects.get(pk=entry.pk).attended_at == recorded_at
    assert RollEntry.objects.filter(assembly=kongres, attended_at__isnull=False).count() == 1


def test_a_scan_without_the_forms_csrf_token_is_refused(dpp, kongres):
    entry = RollEntry.objects.filter(assembly=kongres, may_vote=True).first()
    desk = Client(enforce_csrf_checks=True)
    sign_in_with_second_factor(desk, dpp)

    refused = desk.post(_door(kongres), {"token": entry.token}, **HTMX)
    page = desk.get(_door(kongres)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    accepted = desk.post(_door(kongres), {"token": entry.token, "csrfmiddlewaretoken": token}, **HTMX)

    assert refused.status_code == 403
    assert accepted.status_code == 200 and 'data-result="recorded"' in accepted.content.decode()
    assert RollEntry.objects.get(pk=entry.pk).attended_at is not None


def test_a_code_the_camera_misread_is_answered_in_the_desk_and_records_nothing(client, dpp, kongres):
    sign_in_with_second_factor(client, dpp)

    answer = client.post(_door(kongres), {"token": "https://example.org/bukan-undangan"}, **HTMX).content.decode()

    assert "<html" not in answer and "Ini bukan kode undangan" in answer
    assert not RollEntry.objects.filter(attended_at__isnull=False).exists()
