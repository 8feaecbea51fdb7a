import pytest

from credentials.models import Credential
from registry import demo, selectors
from registry.models import Member, MembershipApplication, Person

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_officers_a_verified_member_and_other_statuses_idempotently(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        logins = demo.seed()
    emails = {email for _, email in logins}
    assert {"dpd.jabar@peksos.demo", "dpd.jatim@peksos.demo", "dpp@peksos.demo", "siti@peksos.demo"} <= emails
    siti = Member.objects.select_related("person", "province", "credential").get(person__user__email="siti@peksos.demo")
    assert siti.province.code == "32" and siti.status == Member.Status.ACTIVE
    assert siti.credential.kind == Credential.Kind.MEMBER_CARD
    assert siti.person.educations.get().get_study_field_display() == "kesejahteraan sosial"
    assert siti.person.training_hours() == 64
    assert selectors.experience_years(siti.person) >= 3
    statuses = set(Member.objects.values_list("status", flat=True))
    assert {"active", "lapsed", "suspended", "ended"} <= statuses
    assert MembershipApplication.objects.filter(status="submitted", province__code="32").exists()
    assert Person.objects.legacy_unclaimed().filter(nik="3273054812780009").exists()

    counts = (Person.objects.count(), Member.objects.count(), MembershipApplication.objects.count())
    demo.seed()
    assert (Person.objects.count(), Member.objects.count(), MembershipApplication.objects.count()) == counts
