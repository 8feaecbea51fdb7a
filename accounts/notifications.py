"""Tell a person something: an in-app inbox entry, and an e-mail sent by the task runner after
the surrounding transaction commits (a failing mail server never undoes an approval)."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import get_language

from .models import Notification, User


def notify(
    user: User, *, subject: str, body: str, url: str = "", email: bool = True, dedupe_key: str = ""
) -> Notification | None:
    """Returns None when a notification with the same `dedupe_key` was already sent to this user
    (so scheduled reminders run twice send once)."""
    if dedupe_key and Notification.objects.filter(user=user, dedupe_key=dedupe_key).exists():
        return None
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                user=user,
                subject=str(subject)[:200],
                body=str(body),
                url=url,
                dedupe_key=dedupe_key,
                language=(get_language() or settings.LANGUAGE_CODE).split("-")[0],
            )
    except IntegrityError:
        return None  # a concurrent run sent it first
    if email and user.is_active and user.email:
        from .tasks import send_notification_email

        transaction.on_commit(lambda: send_notification_email.enqueue(notification.pk))
    return notification
