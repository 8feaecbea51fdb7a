"""A complaint holds specific personal data (the complainant, clients): only the ethics council
opens it and its files, every opening is in the audit trail, and everyone else is told nothing."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import make_staff, sign_in_with_second_factor
from core.models import AuditEvent
from ethics.tests.factories import council, heard, member_with_card, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    judge = council()
    member = member_with_card()
    complaint = heard(member, judge, evidence=[pdf()])
    return judge, member, complaint


def test_the_council_reads_the_complaint_and_each_read_is_logged(client, scene):
    judge, _member, complaint = scene
    sign_in_with_second_factor(client, judge)
    page = client.get(reverse("ethics:complaint", args=[complaint.pk]))
    assert page.status_code == 200 and "budi@example.com" in page.content.decode()
    client.get(reverse("ethics:complaint", args=[complaint.pk]))
    reads = AuditEvent.objects.for_object(complaint).filter(action=AuditEvent.Action.READ_PRIVATE, actor=judge)
    assert reads.count() == 2
    evidence = complaint.evidence.get()
    response = client.get(reverse("ethics:evidence", args=[complaint.pk, evidence.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert AuditEvent.objects.for_object(complaint).filter(action=AuditEvent.Action.DOWNLOAD_DOCUMENT, actor=judge).count() == 1


@pytest.mark.parametrize("role", [Role.DPP_OFFICER, Role.DPD_OFFICER, Role.DATA_PROTECTION_OFFICER, None])
def test_nobody_else_sees_the_complaint_or_its_files(client, scene, role):
    _judge, member, complaint = scene
    from regions.models import Province

    user = (
        member.person.user
        if role is None
        else make_staff(role, province=Province.objects.get(code="32") if role == Role.DPD_OFFICER else None)
    )
    sign_in_with_second_factor(client, user)
    evidence, hearing = complaint.evidence.get(), complaint.hearings.get()
    for url in (
        reverse("ethics:complaint", args=[complaint.pk]),
        reverse("ethics:evidence", args=[complaint.pk, evidence.pk]),
        reverse("ethics:hearing_file", args=[complaint.pk, hearing.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("ethics:queue")).status_code == 403
    assert not AuditEvent.objects.for_object(complaint).filter(actor=user).exists()


def test_the_member_sees_the_stage_of_the_complaint_but_not_who_complained(client, scene):
    _judge, member, complaint = scene
    sign_in_with_second_factor(client, member.person.user)
    body = client.get(reverse("ethics:my_case", args=[complaint.pk])).content.decode()
    assert complaint.reference in body
    assert "Budi Santoso" not in body and "budi@example.com" not in body and "media sosial" not in body
