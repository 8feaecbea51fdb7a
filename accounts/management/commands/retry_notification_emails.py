import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from accounts.models import Notification
from accounts.tasks import send_notification_email


class Command(BaseCommand):
    help = "Re-send e-mails of notifications whose delivery failed (run from cron every 15 minutes)."

    def handle(self, *args, **options):
        cutoff = timezone.now() - datetime.timedelta(minutes=10)
        pending = Notification.objects.filter(emailed_at__isnull=True, created_at__lt=cutoff, user__is_active=True).values_list(
            "pk", flat=True
        )
        count = 0
        for pk in pending.iterator():
            send_notification_email.enqueue(pk)
            count += 1
        self.stdout.write(f"{count} e-mail(s) queued again.")
