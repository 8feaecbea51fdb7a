import pytest
from allauth.account.models import EmailAddress

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from core.errors import DomainError
from verifiers import services
from verifiers.models import MAX_SUBSCRIPTIONS, Subscription

from .helpers import member_with_every_credential, verifier_account

pytestmark = pytest.mark.django_db


def test_opening_a_verifier_account_grants_the_role_without_a_second_factor(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/verifikasi/akun/", {"organisation": "Pengadilan Negeri Bandung"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.verifier.organisation == "Pengadilan Negeri Bandung"
    assert user.role_assignments.filter(role=Role.VERIFIER).count() == 1
    page = client.get("/verifikasi/langganan/")
    assert page.status_code == 200 and "Pengadilan Negeri Bandung" in page.content.decode()


def test_an_account_without_a_verified_email_cannot_open_a_verifier_account(client):
    user = UserFactory()
    EmailAddress.objects.filter(user=user).update(verified=False)
    with pytest.raises(DomainError):
        services.become_verifier(actor=user, organisation="PT Contoh")
    client.force_login(user)
    assert client.post("/verifikasi/akun/", {"organisation": "PT Contoh"}).status_code == 403
    assert not user.role_assignments.exists()


def test_an_account_follows_at_most_1000_numbers_and_a_list_past_it_changes_nothing():
    verifier = verifier_account()
    done = services.subscribe(actor=verifier.user, numbers=[f"STR.{i:05d}" for i in range(MAX_SUBSCRIPTIONS - 1)])
    assert done.added == MAX_SUBSCRIPTIONS - 1
    with pytest.raises(DomainError) as refused:
        services.subscribe(actor=verifier.user, numbers=["BARU.1", "BARU.2"])
    assert "paling banyak 1000" in str(refused.value)
    assert Subscription.objects.filter(verifier=verifier).count() == MAX_SUBSCRIPTIONS - 1
    again = services.subscribe(actor=verifier.user, numbers=["STR.00001", "baru.1"])  # one known, one new: fits
    assert (again.added, again.already) == (1, 1)
    assert Subscription.objects.filter(verifier=verifier).count() == MAX_SUBSCRIPTIONS


def test_an_ended_subscription_frees_its_place_and_is_kept(client):
    verifier = verifier_account()
    services.subscribe(actor=verifier.user, numbers=["STR.00001"])
    subscription = Subscription.objects.get(verifier=verifier)
    client.force_login(verifier.user)
    assert client.post(f"/verifikasi/langganan/{subscription.pk}/akhiri/").status_code == 302
    subscription.refresh_from_db()
    assert subscription.ended_at is not None
    assert services.subscribe(actor=verifier.user, numbers=["STR.00001"]).added == 1


def test_another_accounts_subscription_cannot_be_ended(client):
    verifier = verifier_account()
    services.subscribe(actor=verifier.user, numbers=["STR.00001"])
    other = verifier_account("PT Lain")
    client.force_login(other.user)
    subscription = Subscription.objects.get(verifier=verifier)
    assert client.post(f"/verifikasi/langganan/{subscription.pk}/akhiri/").status_code == 404
    subscription.refresh_from_db()
    assert subscription.ended_at is None


def test_subscribing_to_an_unknown_number_reveals_nothing_more_than_not_found(client):
    _member, credentials = member_with_every_credential()
    verifier = verifier_account()
    client.force_login(verifier.user)
    known = client.post("/verifikasi/langganan/tambah/", {"numbers": credentials["str"].number}, follow=True)
    unknown = client.post("/verifikasi/langganan/tambah/", {"numbers": "STR.IPSPI.2025.99999"}, follow=True)
    messages = [[str(m) for m in r.context["messages"]] for r in (known, unknown)]
    assert messages[0] == messages[1] == ["1 nomor diikuti (0 sudah diikuti sebelumnya)."]
    page = unknown.content.decode()
    assert "STR.IPSPI.2025.99999" in page
    assert "Siti Rahmawati" not in page  # the page lists numbers, not who holds them
    bulk = client.post("/api/v1/public/verifications", {"numbers": ["STR.IPSPI.2025.99999"]}, content_type="application/json")
    assert bulk.json()["items"][0]["answer"] == "not_found"


def test_numbers_can_be_followed_from_an_uploaded_file(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    verifier = verifier_account()
    client.force_login(verifier.user)
    upload = SimpleUploadedFile("nomor.csv", b"nomor\nSTR.1\nSTR.2\nSTR.1\n", "text/csv")
    client.post("/verifikasi/langganan/tambah/", {"file": upload})
    assert sorted(Subscription.objects.filter(verifier=verifier).values_list("number", flat=True)) == ["STR.1", "STR.2"]
