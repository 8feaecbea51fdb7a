"""A person's documents and private profile are an officer's to read only once the person has put
something before that officer: an application submitted to their DPD (or, for the DPP, to the
IPSPI anywhere) or a membership. The province typed into a profile, or a draft never sent, opens
nothing."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import make_staff, sign_in_with_second_factor
from registry import services
from registry.models import MembershipApplication
from registry.tests.factories import EducationFactory, complete_person, pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant():
    """Someone with a full profile in Jawa Barat (photo and diploma) who has applied to no one."""
    person = complete_person()
    education = EducationFactory(person=person)
    education.diploma.save("ijazah.pdf", ContentFile(pdf_bytes()))
    assert person.province.code == "32" and not person.applications.exists()
    person.diploma = education
    return person


def _documents(person):
    return [
        reverse("registry:staff_document", args=[person.pk, "photo", 0]),
        reverse("registry:staff_document", args=[person.pk, "education", person.diploma.pk]),
    ]


def _answers(client, officer, person):
    sign_in_with_second_factor(client, officer)
    return [client.get(url).status_code for url in _documents(person)]


def test_no_officer_reads_the_documents_of_someone_who_applied_to_no_one(client, applicant, dpd_jabar, dpp):
    assert _answers(client, dpd_jabar, applicant) == [404, 404]
    assert _answers(client, dpp, applicant) == [404, 404]


def test_a_draft_never_submitted_opens_neither_documents_nor_the_application_to_any_officer(
    client, applicant, dpd_jabar, dpp, jabar
):
    draft = services.start_application(actor=applicant.user, person=applicant, channel="dpd", province=jabar)
    assert draft.status == MembershipApplication.Status.DRAFT
    for officer in (dpd_jabar, dpp):
        assert _answers(client, officer, applicant) == [404, 404]
        assert client.get(reverse("registry:application_detail", args=[draft.pk])).status_code == 404
        listed = client.get(reverse("registry:application_queue"), {"status": "draft"}).content.decode()
        assert applicant.full_name not in listed


def test_a_submitted_application_opens_the_documents_to_that_dpd_and_the_dpp_only(
    client, applicant, dpd_jabar, dpd_jatim, dpp, jabar
):
    application = services.start_application(actor=applicant.user, person=applicant, channel="dpd", province=jabar)
    services.submit_application(actor=applicant.user, application=application)
    assert _answers(client, dpd_jabar, applicant) == [200, 200]
    assert _answers(client, dpp, applicant) == [200, 200]
    assert _answers(client, dpd_jatim, applicant) == [404, 404]


def test_an_application_sent_to_the_dpp_opens_the_documents_to_the_dpp_and_no_dpd(client, applicant, dpd_jabar, dpp):
    application = services.start_application(actor=applicant.user, person=applicant, channel="dpp")
    services.submit_application(actor=applicant.user, application=application)
    assert _answers(client, dpp, applicant) == [200, 200]
    assert _answers(client, dpd_jabar, applicant) == [404, 404]


def test_a_membership_opens_the_documents_to_the_dpd_of_the_members_province(client, applicant, dpd_jabar, dpd_jatim, jabar):
    application = services.start_application(actor=applicant.user, person=applicant, channel="dpd", province=jabar)
    application = services.submit_application(actor=applicant.user, application=application)
    member = services.verify_application(actor=dpd_jabar, application=application, version=application.version)
    assert _answers(client, dpd_jabar, applicant) == [200, 200]
    assert _answers(client, dpd_jatim, applicant) == [404, 404]
    assert client.get(reverse("registry:member_detail", args=[member.pk])).status_code == 404


def test_the_rules_give_a_profile_without_anything_submitted_to_no_officer(applicant, dpd_jabar, dpp):
    from accounts import policy

    for officer in (dpd_jabar, dpp, make_staff(Role.DPD_OFFICER, province=applicant.province)):
        assert not policy.allows(officer, "registry.view_member", applicant)
