import pytest
from django.urls import reverse

from core.models import AuditEvent
from practice import services
from practice.models import CommunityMembership, StandardComment, StandardVersion
from practice.tests.factories import community_with_coordinator, draft_standard, member_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def community(dpp):
    return community_with_coordinator(dpp)


def test_the_coordinator_named_by_the_dpp_is_in_the_community_and_the_naming_is_audited(community, dpp):
    assert community.memberships.current().filter(person=community.coordinator).exists()
    assert AuditEvent.objects.filter(actor=dpp, object_type="practice.community", object_id=str(community.pk)).exists()


def test_naming_someone_who_is_not_on_the_register_is_refused_in_indonesian(community, dpp, signed_in):
    response = signed_in(dpp).post(
        reverse("practice:community_coordinator", args=[community.pk]), {"member_number": "IPSPI.32.2020.99999"}, follow=True
    )
    assert "Tidak ada anggota terdaftar dengan nomor ini." in response.content.decode()
    community.refresh_from_db()
    assert community.coordinator is not None


def test_a_member_joins_and_leaves_a_community_and_the_membership_ends_without_being_deleted(community, client):
    person = member_in("35")
    client.force_login(person.user)
    page = client.get(reverse("practice:community_detail", args=[community.pk])).content.decode()
    assert "Bergabung dengan komunitas" in page
    client.post(reverse("practice:community_join", args=[community.pk]))
    assert community.memberships.current().filter(person=person).exists()
    response = client.post(reverse("practice:community_join", args=[community.pk]), follow=True)
    assert "Anda sudah menjadi anggota komunitas ini." in response.content.decode()
    client.post(reverse("practice:community_leave", args=[community.pk]))
    assert not community.memberships.current().filter(person=person).exists()
    assert CommunityMembership.objects.get(community=community, person=person).left_at is not None


def test_someone_without_membership_of_the_register_cannot_join(community, client):
    from registry.tests.factories import PersonFactory

    outsider = PersonFactory()
    client.force_login(outsider.user)
    assert client.post(reverse("practice:community_join", args=[community.pk])).status_code == 403
    assert not community.memberships.filter(person=outsider).exists()


def test_members_of_the_community_comment_on_a_version_open_for_comment(community, client):
    version = draft_standard(community)
    services.open_for_comment(actor=community.coordinator.user, version=version)
    member = member_in("32")
    services.join_community(actor=member.user, community=community)
    client.force_login(member.user)
    client.post(reverse("practice:version_comment", args=[version.pk]), {"body": "Batas 3 x 24 jam terlalu ketat di daerah."})
    assert list(StandardComment.objects.filter(version=version).values_list("body", flat=True)) == [
        "Batas 3 x 24 jam terlalu ketat di daerah."
    ]
    page = client.get(reverse("practice:version_detail", args=[version.pk])).content.decode()
    assert "terlalu ketat di daerah" in page


def test_someone_outside_the_community_cannot_read_the_draft_or_comment(community, client):
    version = draft_standard(community)
    services.open_for_comment(actor=community.coordinator.user, version=version)
    outsider = member_in("32")
    client.force_login(outsider.user)
    assert client.get(reverse("practice:version_detail", args=[version.pk])).status_code == 404
    assert client.post(reverse("practice:version_comment", args=[version.pk]), {"body": "x"}).status_code == 404
    assert not StandardComment.objects.exists()


def test_a_draft_is_not_commented_on_before_it_is_opened(community):
    version = draft_standard(community)
    with pytest.raises(services.DomainError):
        services.comment(actor=community.coordinator.user, version=version, body="Terlalu awal")


def test_the_dpp_adopts_a_version_and_the_public_page_shows_it_and_no_personal_data(community, dpp, signed_in, client):
    version = draft_standard(community, body="1. Asesmen kebutuhan anak dalam 3 x 24 jam.")
    services.open_for_comment(actor=community.coordinator.user, version=version)
    response = signed_in(dpp).post(
        reverse("practice:version_adopt", args=[version.pk]), {"reference": "Keputusan DPP IPSPI No. 7/2026"}
    )
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == StandardVersion.Status.ADOPTED and version.adopted_by == dpp
    assert AuditEvent.objects.filter(
        actor=dpp, action=AuditEvent.Action.SENSITIVE_ACTION, object_type="practice.standardversion", object_id=str(version.pk)
    ).exists()

    client.logout()
    listing = client.get(reverse("practice:public_standards")).content.decode()
    assert "Standar Manajemen Kasus" in listing and community.name in listing
    assert community.coordinator.full_name in listing
    detail = client.get(reverse("practice:public_standard", args=[version.pk])).content.decode()
    assert "Asesmen kebutuhan anak dalam 3 x 24 jam." in detail
    coordinator = community.coordinator
    for private in (coordinator.nik, coordinator.email, coordinator.phone, coordinator.member.number):
        assert private not in listing and private not in detail


def test_a_draft_and_a_version_in_comment_are_not_public(community, client):
    draft = draft_standard(community, body="Teks rancangan yang belum ditetapkan.")
    assert client.get(reverse("practice:public_standard", args=[draft.pk])).status_code == 404
    services.open_for_comment(actor=community.coordinator.user, version=draft)
    assert client.get(reverse("practice:public_standard", args=[draft.pk])).status_code == 404
    assert "Teks rancangan" not in client.get(reverse("practice:public_standards")).content.decode()


def test_adopting_a_new_version_supersedes_the_one_before(community, dpp):
    first = draft_standard(community, body="Versi pertama.")
    services.open_for_comment(actor=dpp, version=first)
    services.adopt(actor=dpp, version=first, reference="Keputusan 1")
    second = services.new_version(actor=community.coordinator.user, standard=first.standard)
    assert (second.number, second.body, second.status) == (2, "Versi pertama.", "draft")
    services.edit_draft(actor=community.coordinator.user, version=second, body="Versi kedua.")
    services.open_for_comment(actor=community.coordinator.user, version=second)
    services.adopt(actor=dpp, version=second, reference="Keputusan 2")
    first.refresh_from_db()
    assert first.status == StandardVersion.Status.SUPERSEDED
    assert list(StandardVersion.objects.published().values_list("body", flat=True)) == ["Versi kedua."]


def test_only_the_dpp_adopts_and_only_with_its_decision(community, dpp):
    version = draft_standard(community)
    services.open_for_comment(actor=community.coordinator.user, version=version)
    with pytest.raises(services.NotAllowed):
        services.adopt(actor=community.coordinator.user, version=version, reference="Keputusan")
    with pytest.raises(services.DomainError):
        services.adopt(actor=dpp, version=version, reference="  ")
    version.refresh_from_db()
    assert version.status == StandardVersion.Status.IN_COMMENT
