import pytest
from django.core import mail

from accounts.models import Notification
from accounts.notifications import notify
from accounts.tests.factories import UserFactory, sign_in_with_second_factor


@pytest.mark.django_db(transaction=True)
def test_a_notification_lands_in_the_inbox_and_is_emailed_after_commit():
    user = UserFactory()
    notify(user, subject="Permohonan diverifikasi", body="Nomor anggota Anda: IPSPI.32.2026.00001", url="/anggota/")
    assert Notification.objects.get(user=user).emailed_at is not None
    assert mail.outbox[0].to == [user.email]
    assert "IPSPI.32.2026.00001" in mail.outbox[0].body


@pytest.mark.django_db(transaction=True)
def test_a_reminder_with_the_same_key_is_sent_once():
    user = UserFactory()
    for _ in range(2):
        notify(user, subject="Pengingat", body="Sertifikat berakhir 30 hari lagi", dedupe_key="cert-1:30")
    assert Notification.objects.filter(user=user).count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_a_failing_mail_server_does_not_undo_the_notification(monkeypatch):
    from django.db import transaction

    from accounts import tasks

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(tasks, "send_mail", broken)
    user = UserFactory()
    with transaction.atomic():
        notify(user, subject="Keputusan", body="Disetujui")
    notification = Notification.objects.get(user=user)
    assert notification.emailed_at is None  # will be retried; the inbox entry and the decision stand


@pytest.mark.django_db
def test_people_see_only_their_own_inbox(client):
    owner, other = UserFactory(), UserFactory()
    notification = notify(owner, subject="Rahasia", body="x", email=False)
    sign_in_with_second_factor(client, other)
    assert "Rahasia" not in client.get("/akun/kotak-masuk/").content.decode()
    assert client.post(f"/akun/kotak-masuk/{notification.pk}/baca/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_failed_emails_are_sent_again_by_the_retry_command(monkeypatch):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    from accounts import tasks

    monkeypatch.setattr(tasks, "send_mail", lambda *a, **k: (_ for _ in ()).throw(ConnectionRefusedError()))
    user = UserFactory()
    notify(user, subject="Keputusan", body="Disetujui")
    Notification.objects.update(created_at=timezone.now() - datetime.timedelta(hours=1))
    monkeypatch.undo()
    call_command("retry_notification_emails")
    assert Notification.objects.get(user=user).emailed_at is not None
    assert len(mail.outbox) == 1
