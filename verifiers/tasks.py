from django_tasks import task


@task()
def deliver_alerts(event_key: str) -> None:
    """E-mail and webhook every alert one event wrote to the outbox, after its transaction."""
    from .services import deliver_event

    deliver_event(event_key)


@task()
def retry_webhook(alert_pk: int) -> None:
    """A webhook's next attempt, enqueued to run after its backoff."""
    from .services import retry_due_webhook

    retry_due_webhook(alert_pk)


@task()
def send_test_webhook(verifier_pk: int) -> None:
    from .models import Verifier
    from .services import deliver_test

    verifier = Verifier.objects.filter(pk=verifier_pk).first()
    if verifier is not None:
        deliver_test(verifier)
