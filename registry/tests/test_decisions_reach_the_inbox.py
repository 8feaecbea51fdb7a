"""Every membership decision (returned, verified, rejected; a proof of payment confirmed or
rejected) reaches the person both in the in-app inbox and by e-mail."""

import pytest
from django.core import mail

from accounts.models import Notification
from core.dates import register_day
from registry import services
from registry.tests.factories import pdf_upload, submitted_application

pytestmark = pytest.mark.django_db


def _inbox(user) -> list[Notification]:
    return list(Notification.objects.filter(user=user).order_by("pk"))


@pytest.mark.parametrize(
    ("decide", "words"),
    [
        (lambda officer, a: services.verify_application(actor=officer, application=a, version=a.version), "diverifikasi"),
        (
            lambda officer, a: services.return_application(actor=officer, application=a, version=a.version, reason="Foto buram"),
            "dikembalikan",
        ),
        (
            lambda officer, a: services.reject_application(
                actor=officer, application=a, version=a.version, reason="Bukan pekerja sosial"
            ),
            "ditolak",
        ),
    ],
    ids=["verified", "returned", "rejected"],
)
def test_an_application_decision_reaches_the_inbox_and_the_mailbox(decide, words, dpd_jabar, django_capture_on_commit_callbacks):
    application = submitted_application()
    user = application.person.user
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide(dpd_jabar, application)
    inbox = _inbox(user)
    assert len(inbox) == 1
    assert words in inbox[0].subject
    assert inbox[0].url.endswith("/saya/")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [user.email]
    assert words in mail.outbox[0].subject


def test_a_reason_given_by_the_officer_is_in_the_inbox_message(dpd_jabar, django_capture_on_commit_callbacks):
    application = submitted_application()
    with django_capture_on_commit_callbacks(execute=True):
        services.return_application(
            actor=dpd_jabar, application=application, version=application.version, reason="Unggah ijazah S1"
        )
    assert "Unggah ijazah S1" in _inbox(application.person.user)[0].body


def test_a_decision_on_a_proof_of_payment_reaches_the_inbox_and_the_mailbox(dpd_jabar, django_capture_on_commit_callbacks):
    application = submitted_application()
    member = services.verify_application(actor=dpd_jabar, application=application, version=application.version)
    user = member.person.user
    invoice = member.invoices.get()
    Notification.objects.filter(user=user).delete()
    mail.outbox.clear()
    first = services.submit_payment_proof(actor=user, invoice=invoice, amount=120_000, paid_on=register_day(), proof=pdf_upload())
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_payment(actor=dpd_jabar, payment=first, reason="Bukti buram")
    second = services.submit_payment_proof(
        actor=user, invoice=invoice, amount=120_000, paid_on=register_day(), proof=pdf_upload()
    )
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = services.confirm_payment(actor=dpd_jabar, payment=second)
    rejected_note, confirmed_note = _inbox(user)
    assert "tidak diterima" in rejected_note.subject and "Bukti buram" in rejected_note.body
    assert "dikonfirmasi" in confirmed_note.subject and confirmed.receipt_number in confirmed_note.body
    assert [m.to for m in mail.outbox] == [[user.email], [user.email]]
