"""A person's page offers only what the application's state allows: while an application is being
verified the profile, education, experience and training show no edit, add or remove buttons (the
service would refuse them); the edit form's link to the current document opens it."""

import pytest
from django.urls import reverse

from accounts.tests.factories import sign_in_with_second_factor
from registry.models import MembershipApplication
from registry.tests.factories import EducationFactory, complete_person, pdf_bytes, submitted_application

pytestmark = pytest.mark.django_db


def _edit_links(page: str, person) -> list[str]:
    items = [
        *[reverse("registry:item_edit", args=["education", e.pk]) for e in person.educations.all()],
        *[reverse("registry:item_delete", args=["education", e.pk]) for e in person.educations.all()],
        *[reverse("registry:item_edit", args=["experience", e.pk]) for e in person.experiences.all()],
        *[reverse("registry:item_delete", args=["training", e.pk]) for e in person.trainings.all()],
        reverse("registry:item_add", args=["education"]),
        reverse("registry:profile_edit"),
    ]
    return [url for url in items if f'"{url}"' in page]


def test_a_submitted_application_shows_no_edit_or_remove_buttons(client):
    application = submitted_application()
    person = application.person
    sign_in_with_second_factor(client, person.user)
    page = client.get(reverse("registry:my_membership")).content.decode()
    assert _edit_links(page, person) == []
    assert 'name="submit"' not in page


@pytest.mark.parametrize("status", [MembershipApplication.Status.DRAFT, MembershipApplication.Status.RETURNED])
def test_a_draft_or_returned_application_shows_every_edit_button(client, status):
    application = submitted_application()
    MembershipApplication.objects.filter(pk=application.pk).update(status=status)
    person = application.person
    sign_in_with_second_factor(client, person.user)
    page = client.get(reverse("registry:my_membership")).content.decode()
    assert len(_edit_links(page, person)) == 6
    assert 'name="submit"' in page


def test_the_edit_form_of_a_submitted_application_is_not_offered(client):
    application = submitted_application()
    education = application.person.educations.get()
    sign_in_with_second_factor(client, application.person.user)
    response = client.get(reverse("registry:item_edit", args=["education", education.pk]), follow=True)
    assert 'type="file"' not in response.content.decode()
    assert "Permohonan Anda sedang diverifikasi" in response.content.decode()


def test_the_current_document_link_in_the_edit_form_opens_the_document(client):
    from django.core.files.base import ContentFile

    person = complete_person()
    education = EducationFactory(person=person)
    education.diploma.save("ijazah.pdf", ContentFile(pdf_bytes()))
    sign_in_with_second_factor(client, person.user)
    form = client.get(reverse("registry:item_edit", args=["education", education.pk])).content.decode()
    own = reverse("registry:own_document", args=["education", education.pk])
    assert f'href="{own}"' in form
    assert "registry/diplomas/" not in form  # neither the storage path nor a dead media link
    download = client.get(own)
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


def test_the_current_photo_link_in_the_profile_form_opens_the_photo(client):
    person = complete_person()
    sign_in_with_second_factor(client, person.user)
    form = client.get(reverse("registry:profile_edit")).content.decode()
    own = reverse("registry:own_document", args=["photo", 0])
    assert f'href="{own}"' in form and "registry/photos/" not in form
    assert client.get(own).status_code == 200
