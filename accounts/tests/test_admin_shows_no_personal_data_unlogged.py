"""The Django admin does not read people's personal data behind the audit's back: personal fields
stay out of its lists, forms, searches and histories, and the pages that must show who someone is
(user accounts) log every read as staff pages do."""

import pytest
from django.contrib import admin
from django.db import models
from django.test import RequestFactory

from accounts.admin_privacy import ReadsAudited
from accounts.tests.factories import TOTP_SECRET, UserFactory, sign_in_with_second_factor
from core.models import AuditEvent
from registry.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

PERSONAL_NAMES = {"nik", "birth_date", "birth_place", "address", "phone", "email", "ip_address", "portfolio", "photo"}
# An organisation's postal address and e-mail are its public contact details, not a person's.
ORGANISATION_CONTACTS = {("certification", "lsp"): {"address", "email"}}
AUDITED_APPS = {"registry", "certification", "licensing", "accreditation", "accounts"}


@pytest.fixture
def administrator(client):
    from allauth.mfa.totp.internal.auth import TOTP

    user = UserFactory(is_staff=True, is_superuser=True)
    TOTP.activate(user, TOTP_SECRET)
    sign_in_with_second_factor(client, user)
    return user


@pytest.fixture
def person():
    return PersonFactory(phone="081234567890", email="siti.private@example.id", address="Jl. Rahasia No. 7, Bandung")


def _private_values(person):
    return [person.nik, person.phone, person.email, person.address, person.birth_date.isoformat()]


def test_the_person_list_shows_no_nik_and_cannot_be_searched_by_it(client, administrator, person):
    listing = client.get("/admin/registry/person/")
    assert listing.status_code == 200
    for value in _private_values(person):
        assert value not in listing.content.decode()
    found = client.get("/admin/registry/person/", {"q": person.nik})
    assert found.context["cl"].result_count == 0


def test_a_person_s_admin_page_shows_none_of_their_personal_fields(client, administrator, person):
    page = client.get(f"/admin/registry/person/{person.pk}/change/")
    assert page.status_code == 200
    assert person.full_name in page.content.decode()
    for value in _private_values(person):
        assert value not in page.content.decode()


def test_a_person_s_admin_history_shows_no_change_of_nik_or_address(client, administrator, person):
    old_nik = person.nik
    person.nik = old_nik[:-1] + ("1" if old_nik[-1] != "1" else "2")
    person.address = "Jl. Baru Yang Juga Rahasia 9"
    person.save()
    history = client.get(f"/admin/registry/person/{person.pk}/history/")
    assert history.status_code == 200
    for value in (old_nik, person.nik, "Jl. Rahasia No. 7", person.address):
        assert value not in history.content.decode()
    version = person.history.earliest()
    old = client.get(f"/admin/registry/person/{person.pk}/history/{version.history_id}/")
    assert old.status_code == 200
    assert old_nik not in old.content.decode()


def test_reading_user_accounts_in_the_admin_is_audited(client, administrator):
    someone = UserFactory()
    assert client.get("/admin/accounts/user/").status_code == 200
    assert client.get(f"/admin/accounts/user/{someone.pk}/change/").status_code == 200
    reads = AuditEvent.objects.filter(actor=administrator, action=AuditEvent.Action.READ_PRIVATE)
    assert reads.filter(object_type="", summary__contains="list").exists()
    assert reads.filter(object_type="accounts.user", object_id=str(someone.pk)).exists()


def test_no_admin_of_the_domain_apps_shows_a_personal_field_unaudited(administrator):
    request = RequestFactory().get("/admin/")
    request.user = administrator
    shown = []
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        if meta.app_label not in AUDITED_APPS or isinstance(model_admin, ReadsAudited):
            continue
        allowed = ORGANISATION_CONTACTS.get((meta.app_label, meta.model_name), set())
        personal = {
            f.name
            for f in meta.get_fields()
            if getattr(f, "concrete", False) and (f.name in PERSONAL_NAMES or isinstance(f, models.FileField))
        } - allowed
        form_fields = set(model_admin.get_form(request, None).base_fields)
        listed = {str(f) for f in model_admin.get_list_display(request)}
        searched = {f.lstrip("^=@").split("__")[0] for f in model_admin.get_search_fields(request)}
        readonly = set(model_admin.get_readonly_fields(request, None))
        for name in personal & (form_fields | listed | searched | readonly):
            shown.append(f"{meta.label}.{name}")
    assert shown == []
