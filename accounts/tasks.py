from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task


@task()
def send_notification_email(notification_id: int) -> None:
    from .models import Notification

    notification = Notification.objects.select_related("user").filter(pk=notification_id, emailed_at__isnull=True).first()
    if notification is None:
        return
    body = notification.body
    if notification.url:
        link = notification.url if notification.url.startswith("http") else settings.SITE_URL + notification.url
        body = f"{body}\n\n{link}"
    send_mail(f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{notification.subject}", body, None, [notification.user.email])
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
