"""A certificate's end reaches its holder 90/30/7 days ahead and, at the last threshold, the
officers of the LSP that issued it (who decide the renewal), once however often the night runs;
a certificate already renewed reminds nobody."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import Notification
from certification import scheduled
from certification.models import Certificate, EligibilityRuleSet
from certification.tests.factories import LSPFactory, SchemeFactory, lsp_officer
from registry.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def certificate_ending(scheme, *, in_days: int, renewed_from=None) -> Certificate:
    person = renewed_from.person if renewed_from else PersonFactory()
    today = timezone.localdate()
    return Certificate.objects.create(
        number=f"{scheme.lsp.code}.PSG.{today.year}.{Certificate.objects.count() + 1:05d}",
        person=person,
        lsp=scheme.lsp,
        scheme=scheme,
        level=scheme.level,
        practice_field=scheme.practice_field,
        issued_on=today - datetime.timedelta(days=365 * 3),
        valid_until=today + datetime.timedelta(days=in_days),
        rule_set=EligibilityRuleSet.objects.first(),
        renewed_from=renewed_from,
    )


def reminders_of(user, certificate):
    return Notification.objects.filter(user=user, dedupe_key__contains=f"certification.certificate:{certificate.pk}:")


def test_the_holder_is_reminded_once_per_threshold_and_the_lsps_officers_at_the_last_one():
    scheme = SchemeFactory(lsp=LSPFactory())
    officer, elsewhere = lsp_officer(scheme.lsp), lsp_officer(LSPFactory())
    certificate = certificate_ending(scheme, in_days=25)
    today = timezone.localdate()
    scheduled.run(today=today)
    scheduled.run(today=today)
    assert reminders_of(certificate.person.user, certificate).count() == 1
    assert not reminders_of(officer, certificate).exists()

    week_before = certificate.valid_until - datetime.timedelta(days=6)
    scheduled.run(today=week_before)
    scheduled.run(today=week_before)
    assert reminders_of(certificate.person.user, certificate).count() == 2
    told = reminders_of(officer, certificate)
    assert told.count() == 1 and certificate.number in told.get().subject and "tanpa perpanjangan" in told.get().subject
    assert not reminders_of(elsewhere, certificate).exists()


def test_a_renewed_certificate_reminds_nobody():
    scheme = SchemeFactory(lsp=LSPFactory())
    officer = lsp_officer(scheme.lsp)
    old = certificate_ending(scheme, in_days=5)
    certificate_ending(scheme, in_days=5 + 365 * 3, renewed_from=old)
    scheduled.run(today=timezone.localdate())
    assert not reminders_of(old.person.user, old).exists() and not reminders_of(officer, old).exists()


def test_a_reminder_names_what_the_renewal_still_lacks_and_opens_the_holders_page():
    scheme = SchemeFactory(lsp=LSPFactory())
    certificate = certificate_ending(scheme, in_days=25)
    scheduled.run(today=timezone.localdate())
    reminder = reminders_of(certificate.person.user, certificate).get()
    assert "Yang masih kurang: Keanggotaan IPSPI aktif dengan iuran lunas: bukan anggota IPSPI" in reminder.body
    assert "Portofolio perpanjangan" in reminder.body
    assert reminder.url == f"/sertifikasi/saya/sertifikat/{certificate.pk}/"
