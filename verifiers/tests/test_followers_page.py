import pytest

from verifiers import services

from .helpers import member_with_every_credential, verifier_account

pytestmark = pytest.mark.django_db


def test_the_holder_sees_which_organisations_follow_their_credentials(client):
    member, credentials = member_with_every_credential()
    court = verifier_account("Pengadilan Negeri Bandung")
    employer = verifier_account("Yayasan Peduli Anak")
    stranger = verifier_account("PT Tidak Terkait")
    services.subscribe(actor=court.user, numbers=[credentials["licence"].number])
    services.subscribe(actor=employer.user, numbers=[member.number])
    services.subscribe(actor=stranger.user, numbers=["STR.ORANG.LAIN"])
    client.force_login(member.person.user)
    html = client.get("/anggota/pengikut-kredensial/").content.decode()
    assert "Pengadilan Negeri Bandung" in html and "Yayasan Peduli Anak" in html
    assert "PT Tidak Terkait" not in html
    assert court.user.email not in html  # the organisation's name, not its account


def test_an_ended_subscription_is_no_longer_shown_to_the_holder(client):
    from verifiers.models import Subscription

    member, credentials = member_with_every_credential()
    court = verifier_account("Pengadilan Negeri Bandung")
    services.subscribe(actor=court.user, numbers=[credentials["str"].number])
    services.end_subscription(actor=court.user, subscription=Subscription.objects.get())
    client.force_login(member.person.user)
    assert "Pengadilan Negeri Bandung" not in client.get("/anggota/pengikut-kredensial/").content.decode()
