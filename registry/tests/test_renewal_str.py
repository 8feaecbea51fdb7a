"""The STR's renewal end to end: the checklist shows the missing CPD credits, the member records
them, the DPD accepts them, the member applies, the DPP approves, and the new STR continues the
old one from the next day without a gap."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.tests.factories import make_staff, sign_in_with_second_factor
from credentials.models import Credential
from licensing import renewals as str_renewals
from licensing import services as licensing
from licensing.models import Status, Str
from licensing.tests.factories import certified_person, pdf
from registry import cpd, services
from registry.models import CpdActivity, CpdRequirement
from registry.tests.factories import pdf_upload, submitted_application

pytestmark = pytest.mark.django_db


def member_with_str_ending(dpd, dpp, *, in_days: int, province_code: str = "32"):
    today = timezone.localdate()
    person, certificate = certified_person(
        issued_on=today - datetime.timedelta(days=400), valid_until=today + datetime.timedelta(days=365 * 8)
    )
    application = submitted_application(person, province_code=province_code)
    services.verify_application(actor=dpd, application=application, version=application.version)
    str_application = licensing.apply_for_str(
        actor=person.user, certificate=certificate, health_statement=pdf(), oath_taken=True, code_of_ethics=True
    )
    first = licensing.decide_str(actor=dpp, application=str_application, version=str_application.version, approve=True)
    start, end = today - datetime.timedelta(days=365 * 5 - in_days), today + datetime.timedelta(days=in_days)
    Str.objects.filter(pk=first.pk).update(valid_from=start, valid_until=end)
    Credential.objects.filter(pk=first.credential_id).update(valid_from=start, valid_until=end)
    first.refresh_from_db()
    return person, certificate, first


def test_an_str_renewal_from_missing_credits_to_a_new_str_without_a_gap(client, dpd_jabar, dpp):
    person, certificate, first = member_with_str_ending(dpd_jabar, dpp, in_days=40)
    today = timezone.localdate()
    required = CpdRequirement.objects.in_force(first.valid_until).get().credits_required

    # 1. The holder's page shows the checklist with the credits missing.
    client.force_login(person.user)
    page = client.get(reverse("licensing:my_credentials")).content.decode()
    assert f'id="str-renewal-{first.pk}"' in page and "Kredit PKB periode ini" in page
    checklist = str_renewals.str_checklist(first, today)
    missing = {i.code for i in checklist.missing}
    assert missing == {"cpd_credits", "health_statement", "statements"}
    assert f"0 dari {required} kredit" in next(i.detail for i in checklist.items if i.code == "cpd_credits")

    # 2. The member records the activity; 3. the DPD of their province accepts it.
    activity = cpd.record_activity(
        actor=person.user,
        activity=CpdActivity(
            title="Supervisi klinis",
            category="supervision",
            held_on=today - datetime.timedelta(days=60),
            hours=Decimal(required),
            evidence=pdf_upload(),
        ),
    )
    cpd.review_activity(actor=dpd_jabar, activity=activity, accept=True)
    assert "cpd_credits" not in {i.code for i in str_renewals.str_checklist(first, today).missing}

    # 4. The member applies for the renewal with a new health statement and the statements.
    application = licensing.apply_for_str(
        actor=person.user, certificate=certificate, health_statement=pdf(), oath_taken=True, code_of_ethics=True
    )
    assert application.renewal_of == first
    assert str_renewals.str_checklist(first, today).complete
    sign_in_with_second_factor(client, dpp)
    page = client.get(reverse("licensing:str_application", args=[application.pk])).content.decode()
    assert 'id="renewal-checklist"' in page and "✗" not in page

    # 5. The DPP approves: the new STR starts the day after the old one ends.
    client.post(
        reverse("licensing:str_application", args=[application.pk]), {"version": application.version, "decision": "issue"}
    )
    second = Str.objects.get(application=application)
    assert second.valid_from == first.valid_until + datetime.timedelta(days=1)
    assert second.credential.valid_from == second.valid_from and second.number != first.number

    # The old one runs to its end, then reads as renewed (never expired), also once the nightly run ended it.
    first.refresh_from_db()
    day_after = first.valid_until + datetime.timedelta(days=1)
    assert first.current_status(first.valid_until) == Status.VALID
    assert first.current_status(day_after) == Status.RENEWED
    assert first.credential.current_status(day_after) == Credential.Status.RENEWED
    licensing.expire(today=day_after)
    first.refresh_from_db()
    first.credential.refresh_from_db()
    assert first.status == Status.RENEWED and first.credential.status == Credential.Status.RENEWED
    assert second.is_valid_on(day_after)
    assert first.credential.public_reason(day_after) == "diperpanjang: dilanjutkan oleh kredensial yang lebih baru"


def test_the_list_of_strs_ending_without_renewal_is_scoped_by_province(client, dpd_jabar, dpd_jatim, dpp):
    here_person, _c, here = member_with_str_ending(dpd_jabar, dpp, in_days=30)
    there_person, _c2, there = member_with_str_ending(dpd_jatim, dpp, in_days=30, province_code="35")
    url = reverse("licensing:str_renewals_due")
    sign_in_with_second_factor(client, dpd_jabar)
    page = client.get(url).content.decode()
    assert here.number in page and there.number not in page and "Kredit PKB periode ini" in page
    sign_in_with_second_factor(client, dpd_jatim)
    page = client.get(url).content.decode()
    assert there.number in page and here.number not in page
    sign_in_with_second_factor(client, dpp)
    page = client.get(url).content.decode()
    assert here.number in page and there.number in page
    sign_in_with_second_factor(client, make_staff(Role.CONTENT_EDITOR))
    assert client.get(url).status_code == 403


def test_the_dpd_sees_members_short_of_credits_in_the_last_year_of_their_str(client, dpd_jabar, dpd_jatim, dpp):
    _p, _c, short = member_with_str_ending(dpd_jabar, dpp, in_days=200)
    _p2, _c2, far = member_with_str_ending(dpd_jabar, dpp, in_days=500)
    url = reverse("registry:cpd_shortfall")
    sign_in_with_second_factor(client, dpd_jabar)
    page = client.get(url).content.decode()
    short_member, far_member = short.person.member, far.person.member
    assert short_member.number in page and far_member.number not in page
    sign_in_with_second_factor(client, dpd_jatim)
    assert short_member.number not in client.get(url).content.decode()


def test_the_dpp_cannot_issue_a_renewal_while_its_checklist_is_incomplete_and_nothing_changes(client, dpd_jabar, dpp):
    person, certificate, first = member_with_str_ending(dpd_jabar, dpp, in_days=40)
    today = timezone.localdate()
    required = CpdRequirement.objects.in_force(first.valid_until).get().credits_required
    application = licensing.apply_for_str(
        actor=person.user, certificate=certificate, health_statement=pdf(), oath_taken=True, code_of_ethics=True
    )
    assert application.renewal_of == first

    # No CPD credits yet: the DPP is not offered the issue, a form sent anyway is refused naming
    # what is missing, and nothing is issued.
    sign_in_with_second_factor(client, dpp)
    url = reverse("licensing:str_application", args=[application.pk])
    page = client.get(url).content.decode()
    assert 'value="issue"' not in page and 'value="reject"' in page
    response = client.post(url, {"version": application.version, "decision": "issue"}, follow=True)
    page = response.content.decode()
    assert "Perpanjangan ini belum dapat diterbitkan" in page and f"0 dari {required} kredit" in page
    application.refresh_from_db()
    assert application.status == application.State.SUBMITTED
    assert not Str.objects.filter(application=application).exists()
    first.refresh_from_db()
    assert first.status == Status.VALID and first.status_category == ""

    # Once the credits are accepted, the same application is issued without a gap.
    activity = cpd.record_activity(
        actor=person.user,
        activity=CpdActivity(
            title="Pelatihan etika",
            category="training",
            held_on=today - datetime.timedelta(days=30),
            hours=Decimal(required),
            evidence=pdf_upload(),
        ),
    )
    cpd.review_activity(actor=dpd_jabar, activity=activity, accept=True)
    assert 'value="issue"' in client.get(url).content.decode()
    second = licensing.decide_str(actor=dpp, application=application, version=application.version, approve=True)
    assert second.valid_from == first.valid_until + datetime.timedelta(days=1)


def test_a_member_whose_dues_lapsed_is_not_renewed_even_with_the_credits(dpd_jabar, dpp):
    from core.errors import DomainError
    from registry.models import DuesInvoice

    person, certificate, first = member_with_str_ending(dpd_jabar, dpp, in_days=40)
    required = CpdRequirement.objects.in_force(first.valid_until).get().credits_required
    CpdActivity.objects.create(
        person=person,
        title="Seminar nasional",
        category="training",
        held_on=timezone.localdate() - datetime.timedelta(days=10),
        hours=Decimal(required),
        source=CpdActivity.Source.ATTENDANCE,
        status=CpdActivity.Status.ACCEPTED,
    )
    DuesInvoice.objects.filter(member=person.member).update(due_on=timezone.localdate() - datetime.timedelta(days=1))
    application = licensing.apply_for_str(
        actor=person.user, certificate=certificate, health_statement=pdf(), oath_taken=True, code_of_ethics=True
    )
    with pytest.raises(DomainError, match="Iuran"):
        licensing.decide_str(actor=dpp, application=application, version=application.version, approve=True)
    assert not Str.objects.filter(application=application).exists()
