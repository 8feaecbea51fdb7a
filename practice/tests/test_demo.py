import pytest

from practice import demo
from practice.models import Community, MemberPracticeField, StandardVersion

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_fields_a_community_with_its_coordinator_and_an_adopted_standard_idempotently(
    django_capture_on_commit_callbacks,
):
    from registry import demo as registry_demo

    with django_capture_on_commit_callbacks(execute=True):
        registry_demo.seed()
        demo.seed()
    community = Community.objects.select_related("coordinator").get()
    assert community.coordinator.full_name == "Siti Rahmawati"
    assert StandardVersion.objects.published().filter(standard__community=community).count() == 1
    assert StandardVersion.objects.filter(status="draft").count() == 1
    main = MemberPracticeField.objects.get(person=community.coordinator, is_main=True)
    assert main.field.code == "anak"

    counts = (MemberPracticeField.objects.count(), StandardVersion.objects.count(), community.memberships.count())
    demo.seed()
    assert (MemberPracticeField.objects.count(), StandardVersion.objects.count(), community.memberships.count()) == counts
